import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { QUEUES } from '@rtd/kernel';
import { PROJECT_ROOT } from '../support/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory())
      return entry === 'web' || entry === 'node_modules' ? [] : sourceFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') ? [full] : [];
  });
}

const SOURCES = ['libs', 'apps'].flatMap((root) =>
  sourceFiles(path.join(PROJECT_ROOT, root)).map((file) => ({
    file: path.relative(PROJECT_ROOT, file),
    text: readFileSync(file, 'utf8'),
  })),
);

/** Where a queue is named by a string literal instead of through the registry. */
export function literalQueueNames(text: string): string[] {
  const patterns = [
    /_QUEUE\s*=\s*['"`]([^'"`]+)['"`]/g,
    /@Processor\(\s*['"`]([^'"`]+)['"`]/g,
    /registerQueue\(\s*\{\s*name:\s*['"`]([^'"`]+)['"`]/g,
    /getQueueToken\(\s*['"`]([^'"`]+)['"`]/g,
    /@InjectQueue\(\s*['"`]([^'"`]+)['"`]/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]));
}

describe('the queue registry (libs/kernel/src/jobs/queues.ts)', () => {
  it('names every queue once', () => {
    const names = Object.values(QUEUES);
    expect(new Set(names).size).toBe(names.length);
  });

  it('is the only place a queue name is written', () => {
    const offenders = SOURCES.filter(({ file }) => file !== 'libs/kernel/src/jobs/queues.ts').flatMap(
      ({ file, text }) => literalQueueNames(text).map((name) => `${file}: '${name}'`),
    );
    expect(offenders).toEqual([]);
  });

  it('finds a literal queue name where one is written (the check can fail)', () => {
    expect(literalQueueNames(`export const MAIL_QUEUE = 'mail';\n@Processor('mail')`)).toEqual([
      'mail',
      'mail',
    ]);
    expect(literalQueueNames(`BullModule.registerQueue({ name: 'x' })`)).toEqual(['x']);
  });
});
