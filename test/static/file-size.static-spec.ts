import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

/**
 * No production file over 400 lines (issue 27): a file that grows past it is split by
 * responsibility. Production files are the TypeScript of apps/ and libs/ (tests, specs, the
 * generated GraphQL types of the web app and the shipped data excepted).
 */
export const MAX_LINES = 400;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      return ['node_modules', 'dist', 'data', 'gql'].includes(entry) ? [] : sources(full);
    }
    return /\.tsx?$/.test(entry) && !/\.spec\.tsx?$/.test(entry) ? [full] : [];
  });
}

export function linesOf(text: string): number {
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

describe('the size of production files', () => {
  it(`keeps every file of apps/ and libs/ at ${MAX_LINES} lines or fewer`, () => {
    const over = ['apps', 'libs']
      .flatMap((root) => sources(path.join(PROJECT_ROOT, root)))
      .map((file) => ({
        file: path.relative(PROJECT_ROOT, file),
        lines: linesOf(readFileSync(file, 'utf8')),
      }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(over).toEqual([]);
  });

  it('counts lines as wc does (the check can fail)', () => {
    expect(linesOf('a\nb\n')).toBe(2);
    expect(linesOf('a\nb')).toBe(2);
    expect(linesOf(`${'x\n'.repeat(MAX_LINES + 1)}`)).toBeGreaterThan(MAX_LINES);
  });
});
