import { Client } from 'pg';
import { applySignedSettings, createTestDatabase, TestDatabase } from './support/test-database';

const TENANT_TABLES = [
  'consortium',
  'consortium_member',
  'membership',
  'shared_objective',
  'shared_objective_line',
  'push_run',
  'assignment',
  'status_event',
  'evidence',
  'evidence_file',
  'outbox',
  'audit_log',
];

/**
 * The database's own line of defence: hand-written SQL through the application's connection,
 * without any tenant filter, sees only what the transaction's settings allow.
 */
describe('Row-level security', () => {
  let db: TestDatabase;
  let owner: Client;
  let app: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.config.databaseOwnerUrl });
    app = new Client({ connectionString: db.config.databaseUrl });
    await owner.connect();
    await app.connect();
    const consortia = await owner.query(`SELECT id, name FROM consortium ORDER BY name`);
    ids.A = consortia.rows[0].id;
    ids.B = consortia.rows[1].id;
    const comuni = await owner.query(
      `SELECT istat_code, id FROM comune WHERE istat_code IN ('019035', '019067', '100006')`,
    );
    for (const row of comuni.rows) ids[row.istat_code] = row.id;
    // One objective assigned to a municipality of each consortium, with history, evidence and audit.
    for (const [tenant, comune] of [
      ['A', '019035'],
      ['B', '100006'],
    ]) {
      const objective = await owner.query(
        `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by, state, published_at)
         VALUES ($1, $2, '2022-2024', '{"all": true}', 'test', 'PUBLISHED', now()) RETURNING id`,
        [ids[tenant], `Obiettivo ${tenant}`],
      );
      const assignment = await owner.query(
        `INSERT INTO assignment (consortium_id, comune_id, objective_id) VALUES ($1, $2, $3) RETURNING id`,
        [ids[tenant], ids[comune], objective.rows[0].id],
      );
      ids[`assignment${tenant}`] = assignment.rows[0].id;
      await owner.query(
        `INSERT INTO status_event (consortium_id, comune_id, assignment_id, to_status, progress, actor_subject)
         VALUES ($1, $2, $3, 'NOT_STARTED', 0, 'test')`,
        [ids[tenant], ids[comune], assignment.rows[0].id],
      );
      await owner.query(
        `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, description, added_by_subject)
         VALUES ($1, $2, $3, 'NOTE', 'nota', 'test')`,
        [ids[tenant], ids[comune], assignment.rows[0].id],
      );
      await owner.query(
        `INSERT INTO audit_log (consortium_id, actor_subject, action, entity_type, entity_id)
         VALUES ($1, 'test', 'objective.publish', 'SharedObjective', $2)`,
        [ids[tenant], objective.rows[0].id],
      );
    }
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await db.drop();
  });

  async function asApp<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      await applySignedSettings(app, db.config, settings);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }

  const consortiaOf = async (table: string) =>
    (await app.query(`SELECT DISTINCT consortium_id FROM ${table}`)).rows.map((row) => row.consortium_id);

  it('connects as a role that owns no table and cannot bypass row-level security', async () => {
    const role = await app.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await app.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`,
    );
    expect(owned.rows[0].n).toBe(0);
    const unprotected = await owner.query(
      `SELECT relname FROM pg_class WHERE relname = ANY($1) AND NOT (relrowsecurity AND relforcerowsecurity)`,
      [TENANT_TABLES],
    );
    expect(unprotected.rows).toEqual([]);
  });

  it('returns nothing from any tenant table when the transaction names no tenant', async () => {
    await asApp({}, async () => {
      for (const table of TENANT_TABLES) {
        const rows = await app.query(`SELECT * FROM ${table}`);
        expect({ table, rows: rows.rowCount }).toEqual({ table, rows: 0 });
      }
    });
  });

  it("never returns another tenant's rows to a query without WHERE", async () => {
    await asApp(
      {
        'app.full_consortia': `{${ids.B}}`,
        'app.read_consortia': `{${ids.B}}`,
        'app.audit_consortia': `{${ids.B}}`,
      },
      async () => {
        for (const table of [
          'consortium_member',
          'shared_objective',
          'assignment',
          'status_event',
          'evidence',
          'audit_log',
        ]) {
          expect({ table, consortia: await consortiaOf(table) }).toEqual({ table, consortia: [ids.B] });
        }
        const consortia = await app.query(`SELECT id FROM consortium`);
        expect(consortia.rows.map((row) => row.id)).toEqual([ids.B]);
      },
    );
  });

  it('limits a municipality to its own rows, and a write without WHERE to what it may change', async () => {
    await asApp(
      { 'app.comuni': `{${ids['019067']}}`, 'app.referent_comuni': `{${ids['019067']}}` },
      async () => {
        // Pandino has no assignment: Crema's stays invisible, and a blind UPDATE touches nothing.
        expect((await app.query(`SELECT * FROM assignment`)).rowCount).toBe(0);
        expect((await app.query(`SELECT * FROM shared_objective`)).rowCount).toBe(0);
        expect((await app.query(`UPDATE assignment SET progress = 99`)).rowCount).toBe(0);
      },
    );
    await asApp(
      { 'app.comuni': `{${ids['019035']}}`, 'app.referent_comuni': `{${ids['019035']}}` },
      async () => {
        expect(await consortiaOf('assignment')).toEqual([ids.A]);
        expect((await app.query(`UPDATE assignment SET progress = 10`)).rowCount).toBe(1);
      },
    );
    const untouched = await owner.query(`SELECT progress FROM assignment WHERE id = $1`, [ids.assignmentB]);
    expect(untouched.rows[0].progress).toBe(0);
  });

  it('refuses to write a row into another tenant', async () => {
    await asApp({ 'app.manage_consortia': `{${ids.B}}`, 'app.full_consortia': `{${ids.B}}` }, async () => {
      await expect(
        app.query(
          `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by)
           VALUES ($1, 'Intruso', '2022-2024', '{}', 'test')`,
          [ids.A],
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it('keeps history and audit append-only, even for their owner', async () => {
    await expect(owner.query(`UPDATE status_event SET note = 'riscritto'`)).rejects.toThrow(/sola aggiunta/);
    await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/sola aggiunta/);
  });
});
