import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') ? [full] : [];
  });
}

const SOURCES = sourceFiles(path.join(PROJECT_ROOT, 'libs')).map((file) => ({
  file: path.relative(PROJECT_ROOT, file),
  text: readFileSync(file, 'utf8'),
}));

/** The files (with a count when more than once) whose source matches `pattern`. */
function writtenIn(pattern: RegExp): string[] {
  return SOURCES.flatMap(({ file, text }) => {
    const count = [...text.matchAll(new RegExp(pattern.source, 'gi'))].length;
    return count === 0 ? [] : [count === 1 ? file : `${file} (${count} times)`];
  });
}

describe('one definition of each rule', () => {
  it('writes the overdue rule once, in the assignments domain', () => {
    expect(writtenIn(/NOT IN \('COMPLETED', 'NOT_APPLICABLE'\)/)).toEqual([
      'libs/assignments/src/overdue.ts',
    ]);
  });

  it('looks a person up by fiscal code, and a machine client by client id, in one place', () => {
    expect(writtenIn(/FROM person WHERE fiscal_code/)).toEqual(['libs/identity/src/identity.repository.ts']);
    expect(writtenIn(/FROM machine_client WHERE client_id/)).toEqual([
      'libs/identity/src/identity.repository.ts',
    ]);
    expect(writtenIn(/INSERT INTO machine_client \(client_id\) VALUES/)).toEqual([
      'libs/identity/src/identity.repository.ts',
    ]);
  });
});
