import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

const GUARD = path.join(PROJECT_ROOT, '.ci/check-lock.mjs');

function runGuard(...args: string[]) {
  const result = spawnSync(process.execPath, [GUARD, ...args], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** .ci/check-lock.mjs, the first step of CI: a lock with a versionless entry never reaches npm ci. */
describe('Lockfile guard', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lock-guard-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a lock with an entry that has no version, naming the entry', () => {
    copyFileSync(path.join(PROJECT_ROOT, 'package.json'), path.join(dir, 'package.json'));
    const lock = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8'));
    const entry = 'node_modules/@msgpackr-extract/msgpackr-extract-linux-x64';
    expect(lock.packages[entry]).toBeDefined();
    delete lock.packages[entry].version;
    writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));

    const { status, output } = runGuard(dir, '--skip-dry-run');

    expect(status).toBe(1);
    expect(output).toContain(`  - ${entry}\n`);
    expect(output).toContain('no "version"');
    expect(output).toContain('senza "version"');
  });

  it('ignores links and the root entry', () => {
    writeFileSync(
      path.join(dir, 'package-lock.json'),
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'x' },
          'node_modules/local': { resolved: 'packages/local', link: true },
          'packages/local': { version: '1.0.0' },
        },
      }),
    );
    expect(runGuard(dir, '--skip-dry-run').status).toBe(0);
  });

  it("passes the repository's own lock", () => {
    const { status, output } = runGuard(PROJECT_ROOT, '--skip-dry-run');
    expect(output).toContain('package-lock.json OK');
    expect(status).toBe(0);
  });
});
