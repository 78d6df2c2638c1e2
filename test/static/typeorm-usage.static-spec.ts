import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

/**
 * TypeORM is used as a library, through what it documents (docs/architecture.md, "The database"):
 * DataSource, QueryRunner (extended by the kernel's SessionQueryRunner through its public
 * methods), EntityManager.query, transactions and migrations. Nothing writes its internal
 * state, no cast pretends a value is of another type to get past its signatures, and no entity
 * class is declared: the tables come from migrations and are read with SQL.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory())
      return entry === 'node_modules' || entry === 'data' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry) ? [full] : [];
  });
}

const SOURCES = ['libs', 'apps', 'migrations', 'test']
  .flatMap((root) => sourceFiles(path.join(PROJECT_ROOT, root)))
  .filter((file) => !file.endsWith('typeorm-usage.static-spec.ts'))
  .map((file) => ({ file: path.relative(PROJECT_ROOT, file), text: readFileSync(file, 'utf8') }));

function filesMatching(pattern: RegExp): string[] {
  return SOURCES.filter(({ text }) => pattern.test(text)).map(({ file }) => file);
}

describe('TypeORM used through its public API', () => {
  it('never writes TypeORM state a caller does not own (transaction flags, depth, the runner\u2019s query)', () => {
    expect(filesMatching(/\b(?:isTransactionActive|transactionDepth|isReleased)\s*=(?!=)/)).toEqual([]);
    expect(filesMatching(/\b\w*[Rr]unner\b[^=\n]*\.query\s*=\s*[^=]/)).toEqual([]);
  });

  it('has no cast that lies about a type (`as unknown as string`)', () => {
    expect(filesMatching(/as unknown as string\b/)).toEqual([]);
  });

  it('declares no entity: the schema is the migrations\u2019', () => {
    expect(filesMatching(/@Entity\(/)).toEqual([]);
  });

  it('can fail: each pattern finds what it forbids', () => {
    expect(
      /\b(?:isTransactionActive|transactionDepth|isReleased)\s*=(?!=)/.test('state.transactionDepth = 1'),
    ).toBe(true);
    expect(/\b\w*[Rr]unner\b[^=\n]*\.query\s*=\s*[^=]/.test('runner.query = (() => 1)')).toBe(true);
    expect(/as unknown as string\b/.test('db.query(statement as unknown as string)')).toBe(true);
  });
});
