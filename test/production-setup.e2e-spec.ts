import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from './support/paths';
import { environmentFor } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';

const CLI = path.join(PROJECT_ROOT, 'dist-test/apps/cli/src/main.js');
/** A fiscal code of no demo person. */
const OPERATOR = 'RSSMRA80A01H501U';

/** The CLI steps of a new installation after db:setup (docs/operations.md, "Deployment"). */
describe('Production setup commands', () => {
  let db: TestDatabase;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...environmentFor(db.config), DB_CONTEXT_KEY: db.config.dbContextKey },
    });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('loads the reference data again without changing anything', () => {
    const run = cli('reference:data');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Comuni ISTAT: \d{4}/);
    expect(run.stdout).toContain('nuovi 0');
  });

  it('names the first operator, once however often it runs, and refuses a bad fiscal code', async () => {
    expect(cli('operator:grant', OPERATOR).status).toBe(0);
    expect(cli('operator:grant', OPERATOR.toLowerCase()).status).toBe(0);
    const bad = cli('operator:grant', 'RSSMRA80A01H501X');
    expect(bad.status).not.toBe(0);
    expect(`${bad.stdout}${bad.stderr}`).toContain('codice fiscale non valido');
    const owner = new Client({ connectionString: db.config.databaseOwnerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query(
        `SELECT m.role FROM membership m JOIN person p ON p.id = m.person_id
          WHERE p.fiscal_code = $1 AND m.revoked_at IS NULL`,
        [OPERATOR],
      );
      expect(rows).toEqual([{ role: 'PLATFORM_ADMIN' }]);
    } finally {
      await owner.end();
    }
  });
});
