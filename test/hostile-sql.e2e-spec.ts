import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { AssignmentStatus, nextStatus, Side, STATUSES, WorkflowAction } from '@rtd/assignments';
import { AccessScope, GrantedRole } from '@rtd/authz';
import { deriveContextKey, setContextStatement, withDatabase } from '@rtd/kernel';
import { undeliverable } from '@rtd/outbox';
import {
  PORTAL_LOMBARDIA,
  REFERENT_CREMA,
  REFERENT_VAIANO,
  RTD_A,
  RTD_B,
  VIEWER_CREMA,
} from './support/identities';
import { applySignedSettings, createTestDatabase, TestDatabase } from './support/test-database';
import { eventually, startTestWorker } from './support/test-worker';

/** Every table row-level security protects, people and jobs' tables included. */
const PROTECTED_TABLES = [
  'consortium',
  'consortium_member',
  'person',
  'machine_client',
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
  'mail_delivery',
  'compliance_version',
  'compliance_snapshot',
];

type Who = { fiscalCode: string } | { clientId: string };

/**
 * What an SQL injection could do through the application's own connection (role rtd_app, the
 * DATABASE_URL role): write any `app.*` setting, read its own, replay them, insert rows. None of
 * it may reach another tenant (issue 12, point 4).
 */
describe('Hostile SQL as the application role', () => {
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
    const consortia = await owner.query(`SELECT id FROM consortium ORDER BY name`);
    ids.A = consortia.rows[0].id;
    ids.B = consortia.rows[1].id;
    const comuni = await owner.query(
      `SELECT istat_code, id FROM comune WHERE istat_code IN ('019035', '100006')`,
    );
    for (const row of comuni.rows) ids[row.istat_code] = row.id;
    ids.crema = ids['019035'];
    ids.vaiano = ids['100006'];
    for (const [tenant, comune] of [
      ['A', ids.crema],
      ['B', ids.vaiano],
    ]) {
      const objective = await owner.query(
        `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by, state, published_at)
         VALUES ($1, $2, '2022-2024', '{"all": true}', 'test', 'PUBLISHED', now()) RETURNING id`,
        [ids[tenant], `Obiettivo ${tenant}`],
      );
      ids[`objective${tenant}`] = objective.rows[0].id;
      const assignment = await owner.query(
        `INSERT INTO assignment (consortium_id, comune_id, objective_id) VALUES ($1, $2, $3) RETURNING id`,
        [ids[tenant], comune, objective.rows[0].id],
      );
      ids[`assignment${tenant}`] = assignment.rows[0].id;
    }
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await db.drop();
  });

  /** The settings the API applies for this caller (AccessLoader), computed from the database. */
  async function settingsOf(who: Who): Promise<Record<string, string>> {
    const [table, column, key, value] =
      'fiscalCode' in who
        ? ['person', 'person_id', 'fiscal_code', who.fiscalCode]
        : ['machine_client', 'machine_client_id', 'client_id', who.clientId];
    const principal = (await owner.query(`SELECT id FROM ${table} WHERE ${key} = $1`, [value])).rows[0].id;
    const rows = await owner.query(
      `SELECT id, role, consortium_id, comune_id, trim(region_code) AS region_code FROM membership
        WHERE ${column} = $1 AND revoked_at IS NULL`,
      [principal],
    );
    const grants: GrantedRole[] = rows.rows.map((row) => ({
      membershipId: row.id,
      role: row.role,
      consortiumId: row.consortium_id,
      comuneId: row.comune_id,
      regionCode: row.region_code,
    }));
    const regions = grants.flatMap((grant) => (grant.regionCode ? [grant.regionCode] : []));
    const regionConsortia = (
      await owner.query(
        `SELECT DISTINCT m.consortium_id FROM consortium_member m JOIN comune c ON c.id = m.comune_id
          WHERE c.region_code = ANY ($1::text[])`,
        [regions],
      )
    ).rows.map((row) => row.consortium_id);
    const scope = new AccessScope('fiscalCode' in who ? principal : null, grants, regionConsortia);
    return {
      'app.subject': 'hostile-test',
      'app.fiscal_code': 'fiscalCode' in who ? who.fiscalCode : '',
      'app.client_id': 'clientId' in who ? who.clientId : '',
      ...scope.rlsSettings(),
    };
  }

  /** One transaction on the application's connection, rolled back; `signed` as the API would apply. */
  async function inTransaction<T>(signed: Record<string, string> | null, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      if (signed) await applySignedSettings(app, db.config, signed);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }

  /** What an injection would write: every setting a policy ever read, at its widest. */
  async function forgeEverything(): Promise<void> {
    const everyConsortium = `{${ids.A},${ids.B}}`;
    const everyComune = `{${ids.crema},${ids.vaiano}}`;
    for (const [name, value] of Object.entries({
      'app.admin': 'on',
      'app.relay': 'on',
      'app.has_role': 'on',
      'app.read_consortia': everyConsortium,
      'app.full_consortia': everyConsortium,
      'app.manage_consortia': everyConsortium,
      'app.rtd_consortia': everyConsortium,
      'app.audit_consortia': everyConsortium,
      'app.comuni': everyComune,
      'app.referent_comuni': everyComune,
      'app.regions': '{03,09}',
      'app.subject': 'intruder',
    })) {
      await app.query('SELECT set_config($1, $2, true)', [name, value]);
    }
  }

  const countOf = async (table: string) =>
    (await app.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  const consortiaVisible = async () =>
    (await app.query(`SELECT id FROM consortium ORDER BY id`)).rows.map((row) => row.id);
  const insertObjective = (consortiumId: string) =>
    app.query(
      `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by)
       VALUES ($1, 'Intruso', '2022-2024', '{}', 'intruder')`,
      [consortiumId],
    );

  describe('settings', () => {
    it('cannot read the key that signs them, nor sign without it', async () => {
      await expect(app.query(`SELECT key FROM app_context_key`)).rejects.toThrow(/permission denied/);
      await inTransaction(null, async () => {
        await expect(
          app.query(`SELECT app_set_context($1, $2)`, ['{"app.admin":"on"}', '0'.repeat(64)]),
        ).rejects.toThrow(/bad signature/);
      });
    });

    it('reach app_set_context whole as the literals sent with START TRANSACTION, whatever they hold', async () => {
      // DbSession opens a transaction and applies its settings in one simple-protocol query
      // (setContextStatement: values quoted by escapeLiteral). Values from a token that try to
      // close the literal, escape it or chain a statement arrive as text, exactly, and widen nothing.
      const settings = {
        'app.test_a': `x'); SELECT set_config('app.admin', 'on', true); --`,
        'app.test_b': `\\'' E'\\x27 $$ $q$ «àèìòù» 🙂`,
        'app.test_c': `'\\'`,
      };
      const statement = setContextStatement(deriveContextKey(db.config.dbContextKey), settings);
      await app.query(`START TRANSACTION; ${statement}`);
      try {
        const { rows } = await app.query(
          `SELECT app_context() AS context, current_setting('app.admin', true) AS admin`,
        );
        expect(rows[0].context).toEqual(settings);
        expect(rows[0].admin ?? '').toBe('');
        expect(await consortiaVisible()).toEqual([]);
      } finally {
        await app.query('ROLLBACK');
      }
      // A signature that does not match the literal's text is refused, as with bound parameters.
      const forged = statement.replace("x'')", "y'')");
      expect(forged).not.toBe(statement);
      await expect(app.query(`START TRANSACTION; ${forged}`)).rejects.toThrow(/bad signature/);
      await app.query('ROLLBACK');
    });

    it('gains nothing, read or write, from app.* settings it sets itself', async () => {
      await inTransaction(null, async () => {
        await forgeEverything();
        for (const table of PROTECTED_TABLES) {
          expect({ table, rows: await countOf(table) }).toEqual({ table, rows: 0 });
        }
      });
      // One refusal per transaction: the first aborts it.
      for (const write of [
        () => app.query(`INSERT INTO consortium (name, created_by) VALUES ('Intruso', 'intruder')`),
        () => insertObjective(ids.A),
        () =>
          app.query(`INSERT INTO outbox (consortium_id, topic, payload) VALUES ($1, 'push-runs', $2)`, [
            ids.B,
            JSON.stringify({ consortiumId: ids.B }),
          ]),
      ]) {
        await inTransaction(null, async () => {
          await forgeEverything();
          await expect(write()).rejects.toThrow(/row-level security/);
        });
      }
    });

    it('keeps a signed caller to its own tenant when it adds settings of its own', async () => {
      await inTransaction(await settingsOf({ fiscalCode: VIEWER_CREMA }), async () => {
        expect(await consortiaVisible()).toEqual([ids.A]);
        await forgeEverything();
        expect(await consortiaVisible()).toEqual([ids.A]);
        const assignments = await app.query(`SELECT DISTINCT consortium_id FROM assignment`);
        expect(assignments.rows.map((row) => row.consortium_id)).toEqual([ids.A]);
        await expect(insertObjective(ids.B)).rejects.toThrow(/row-level security/);
      });
    });

    it('gains nothing when it edits the signed settings: the policies read the verified copy', async () => {
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        expect(await consortiaVisible()).toEqual([ids.A]);
        const context = JSON.parse((await app.query(`SELECT current_setting('app.context') AS c`)).rows[0].c);
        context['app.admin'] = 'on';
        context['app.read_consortia'] = `{${ids.A},${ids.B}}`;
        context['app.manage_consortia'] = `{${ids.A},${ids.B}}`;
        await app.query(`SELECT set_config('app.context', $1, true)`, [JSON.stringify(context)]);
        expect(await consortiaVisible()).toEqual([ids.A]);
        await expect(insertObjective(ids.B)).rejects.toThrow(/row-level security/);
      });
    });

    it('loses every tenant when it edits the signed settings where no verified copy is kept', async () => {
      // A read-only transaction on a connection without the table (a standby's case): the
      // signature bound to the transaction is all app_context() has.
      const fresh = new Client({ connectionString: db.config.databaseUrl });
      await fresh.connect();
      try {
        await fresh.query('BEGIN READ ONLY');
        await applySignedSettings(fresh, db.config, await settingsOf({ fiscalCode: RTD_A }));
        const visible = async () => (await fresh.query(`SELECT id FROM consortium`)).rows.map((r) => r.id);
        expect(await visible()).toEqual([ids.A]);
        const context = JSON.parse(
          (await fresh.query(`SELECT current_setting('app.context') AS c`)).rows[0].c,
        );
        context['app.read_consortia'] = `{${ids.A},${ids.B}}`;
        await fresh.query(`SELECT set_config('app.context', $1, true)`, [JSON.stringify(context)]);
        expect(await visible()).toEqual([]);
        await fresh.query('ROLLBACK');
      } finally {
        await fresh.end();
      }
    });

    it("cannot replay another transaction's signed settings", async () => {
      const [context, sig] = await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        const row = (
          await app.query(
            `SELECT current_setting('app.context') AS c, current_setting('app.context_sig') AS s`,
          )
        ).rows[0];
        return [row.c as string, row.s as string];
      });
      await inTransaction(null, async () => {
        await app.query(
          `SELECT set_config('app.context', $1, true), set_config('app.context_sig', $2, true)`,
          [context, sig],
        );
        expect(await consortiaVisible()).toEqual([]);
      });
    });

    it('reads the settings once per statement, not once per row', async () => {
      const policies = await owner.query(
        `SELECT tablename, policyname, concat_ws(' ', qual, with_check) AS clause FROM pg_policies
          WHERE schemaname = 'public' AND 'rtd_app' = ANY (roles)`,
      );
      const bare = policies.rows.filter((p) =>
        /(?<!SELECT )\b(app_(ids|texts|flag|text|person)\()/.test(p.clause),
      );
      expect(bare.map((p) => `${p.tablename}.${p.policyname}`)).toEqual([]);
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        const plan = await app.query(`EXPLAIN SELECT * FROM assignment WHERE status <> 'APPROVED'`);
        const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(text).toMatch(/InitPlan/);
      });
    });
  });

  /**
   * app_set_context verifies the signature once per transaction and keeps the verified settings in
   * pg_temp.app_verified_context, a temporary table of its owner's (issue 28): what rtd_app could
   * try against that copy.
   */
  describe('the verified copy of the settings', () => {
    /** A connection of its own: its session has no temporary table yet. */
    async function freshApp(): Promise<Client> {
      const client = new Client({ connectionString: db.config.databaseUrl });
      await client.connect();
      return client;
    }
    const visibleTo = async (client: Client) =>
      (await client.query(`SELECT id FROM consortium ORDER BY id`)).rows.map((row) => row.id);
    const grantTemporary = (grant: boolean) =>
      owner.query(
        grant
          ? `GRANT TEMPORARY ON DATABASE "${db.name}" TO rtd_app`
          : `REVOKE TEMPORARY ON DATABASE "${db.name}" FROM rtd_app`,
      );
    const forgedRow = () =>
      JSON.stringify({ 'app.admin': 'on', 'app.read_consortia': `{${ids.A},${ids.B}}` });

    it('cannot be read or written by rtd_app, which creates no temporary table at all', async () => {
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        await expect(app.query(`SELECT * FROM pg_temp.app_verified_context`)).rejects.toThrow(
          /permission denied/,
        );
      });
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        await expect(app.query(`DELETE FROM pg_temp.app_verified_context`)).rejects.toThrow(
          /permission denied/,
        );
      });
      await expect(app.query(`CREATE TEMPORARY TABLE t (a int)`)).rejects.toThrow(/permission denied/);
    });

    it('is never taken from a table of the same name that rtd_app made first', async () => {
      // Where TEMPORARY is granted all the same (a database whose grants were not revoked).
      await grantTemporary(true);
      const client = await freshApp();
      try {
        await client.query(
          `CREATE TEMPORARY TABLE app_verified_context (context jsonb NOT NULL, bound_to xid8 NOT NULL)`,
        );
        await client.query(`GRANT ALL ON pg_temp.app_verified_context TO PUBLIC`);
        await client.query('BEGIN');
        await client.query(`INSERT INTO pg_temp.app_verified_context VALUES ($1, pg_current_xact_id())`, [
          forgedRow(),
        ]);
        expect(await visibleTo(client)).toEqual([]);
        expect((await client.query(`SELECT app_context() AS c`)).rows[0].c).toEqual({});
        await expect(
          applySignedSettings(client, db.config, await settingsOf({ fiscalCode: VIEWER_CREMA })),
        ).rejects.toThrow(/is not the owner's/);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
        await grantTemporary(false);
      }
    });

    it('holds when rtd_app discards the temporary tables and forges its own mid-transaction', async () => {
      await grantTemporary(true);
      const client = await freshApp();
      try {
        await client.query('BEGIN');
        await applySignedSettings(client, db.config, await settingsOf({ fiscalCode: VIEWER_CREMA }));
        expect(await visibleTo(client)).toEqual([ids.A]);
        await client.query('DISCARD TEMP');
        // Back to the signature bound to this transaction: the same caller, nothing more.
        expect(await visibleTo(client)).toEqual([ids.A]);
        await client.query(
          `CREATE TEMPORARY TABLE app_verified_context (context jsonb NOT NULL, bound_to xid8 NOT NULL)`,
        );
        await client.query(`GRANT ALL ON pg_temp.app_verified_context TO PUBLIC`);
        await client.query(`INSERT INTO pg_temp.app_verified_context VALUES ($1, pg_current_xact_id())`, [
          forgedRow(),
        ]);
        expect(await visibleTo(client)).toEqual([ids.A]);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
        await grantTemporary(false);
      }
    });

    it('ends with its transaction: committed or rolled back, the next one on the connection sees nothing', async () => {
      const client = await freshApp();
      try {
        for (const end of ['COMMIT', 'ROLLBACK']) {
          await client.query('BEGIN');
          await applySignedSettings(client, db.config, await settingsOf({ fiscalCode: RTD_A }));
          expect(await visibleTo(client)).toEqual([ids.A]);
          await client.query(end);
          // A transaction that never calls app_set_context, on the same session and table.
          await client.query('BEGIN');
          expect((await client.query(`SELECT app_context() AS c`)).rows[0].c).toEqual({});
          expect(await visibleTo(client)).toEqual([]);
          // With a transaction id of its own too (the verified row is bound to its writer's).
          await client.query(`SELECT pg_current_xact_id()`);
          expect(await visibleTo(client)).toEqual([]);
          await client.query('COMMIT');
          // Nor outside any transaction block.
          expect(await visibleTo(client)).toEqual([]);
        }
      } finally {
        await client.end();
      }
    });

    it('follows savepoints: settings applied in a savepoint rolled back are gone with it', async () => {
      const client = await freshApp();
      try {
        await client.query('BEGIN');
        await applySignedSettings(client, db.config, await settingsOf({ fiscalCode: RTD_A }));
        await client.query('SAVEPOINT wider');
        await applySignedSettings(client, db.config, await settingsOf({ fiscalCode: RTD_B }));
        expect(await visibleTo(client)).toEqual([ids.B]);
        await client.query('ROLLBACK TO SAVEPOINT wider');
        expect(await visibleTo(client)).toEqual([ids.A]);
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    });

    it('is what the policies read: a hot statement computes no HMAC, however many InitPlans it has', async () => {
      // pg_stat_xact_user_functions counts the calls of this transaction (track_functions needs
      // a superuser: the administrator's connection, acting as rtd_app).
      const admin = new Client({ connectionString: withDatabase(db.config.databaseAdminUrl, db.name) });
      await admin.connect();
      try {
        await admin.query('BEGIN');
        await admin.query(`SET LOCAL track_functions = 'all'`);
        await admin.query('SET LOCAL ROLE rtd_app');
        await applySignedSettings(admin, db.config, await settingsOf({ fiscalCode: REFERENT_CREMA }));
        const calls = async () =>
          Object.fromEntries(
            (
              await admin.query(
                `SELECT funcname, sum(calls)::int AS calls FROM pg_stat_xact_user_functions
                  WHERE funcname IN ('hmac', 'app_context') GROUP BY funcname`,
              )
            ).rows.map((row) => [row.funcname, row.calls]),
          );
        const before = await calls();
        const plan = await admin.query(
          `EXPLAIN (ANALYZE, FORMAT JSON) SELECT a.id FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
            WHERE a.id = ANY ($1::uuid[])`,
          [[ids.assignmentA]],
        );
        const after = await calls();
        expect(JSON.stringify(plan.rows[0]['QUERY PLAN'])).toMatch(/InitPlan/);
        expect(after.app_context - (before.app_context ?? 0)).toBeGreaterThan(1);
        expect((after.hmac ?? 0) - (before.hmac ?? 0)).toBe(0);
        await admin.query('ROLLBACK');
      } finally {
        await admin.end();
      }
    });
  });

  describe('people', () => {
    const fiscalCodesVisible = async () =>
      (await app.query(`SELECT fiscal_code FROM person`)).rows.map((row) => row.fiscal_code.trim());

    it("are hidden from a regional observer outside its region (Lombardy's portal sees no Tuscan)", async () => {
      await inTransaction(await settingsOf({ clientId: PORTAL_LOMBARDIA }), async () => {
        const visible = await fiscalCodesVisible();
        expect(visible).not.toContain(RTD_B);
        expect(visible).not.toContain(REFERENT_VAIANO);
      });
    });

    it('are visible within the tenants the caller shares with them, and the caller to itself', async () => {
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        const visible = await fiscalCodesVisible();
        expect(visible).toEqual(expect.arrayContaining([RTD_A, REFERENT_CREMA, VIEWER_CREMA]));
        expect(visible).not.toContain(RTD_B);
        expect(visible).not.toContain(REFERENT_VAIANO);
      });
      await inTransaction(await settingsOf({ fiscalCode: REFERENT_VAIANO }), async () => {
        const visible = await fiscalCodesVisible();
        expect(visible).toEqual(expect.arrayContaining([REFERENT_VAIANO, RTD_B]));
        expect(visible).not.toContain(RTD_A);
        expect(visible).not.toContain(REFERENT_CREMA);
      });
    });
  });

  describe('memberships', () => {
    const grantViewer = (consortiumId: string, comuneId: string) =>
      app.query(
        `INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by)
         SELECT id, 'COMUNE_VIEWER', $1, $2, 'hostile-test' FROM person WHERE fiscal_code = $3`,
        [consortiumId, comuneId, REFERENT_CREMA],
      );

    it("refuses a municipality that is not a member of the membership's consortium", async () => {
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        await expect(grantViewer(ids.A, ids.vaiano)).rejects.toThrow(/row-level security/);
      });
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        expect((await grantViewer(ids.A, ids.crema)).rowCount).toBe(1);
      });
    });
  });

  describe('memberships, who they reveal (issue 26, point 4)', () => {
    it('decides itself whether a role shows its holder, whatever the application role writes', async () => {
      // Her id, as app_enrol_person would give it: the referent cannot read her row.
      const chiara = (await owner.query(`SELECT id FROM person WHERE fiscal_code = $1`, [RTD_B])).rows[0].id;
      await inTransaction(await settingsOf({ fiscalCode: REFERENT_CREMA }), async () => {
        // The RTD of B shares no tenant with Crema's referent: her role there shows her to nobody.
        const inserted = await app.query(
          `INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by, reveals_person)
           VALUES ($3, 'COMUNE_VIEWER', $1, $2, 'hostile-test', true) RETURNING id, reveals_person`,
          [ids.A, ids.crema, chiara],
        );
        expect(inserted.rows[0].reveals_person).toBe(false);
        await app.query(`UPDATE membership SET reveals_person = true WHERE id = $1`, [inserted.rows[0].id]);
        const named = await app.query(
          `SELECT given_name, (SELECT count(*)::int FROM app_people_named(ARRAY[id])) AS named
             FROM person WHERE fiscal_code = $1`,
          [RTD_B],
        );
        expect(named.rows).toEqual([{ given_name: 'Chiara', named: 0 }]);
      });
    });
  });

  describe('export jobs (issue 26, point 7)', () => {
    const REPORT_HTML = Buffer.from('<script>alert(1)</script>');
    const forgedReport = (consortiumId: string, state: string) =>
      app.query(
        `INSERT INTO export_job (consortium_id, kind, state, requested_by, progress, finished_at, file_name,
                                 content_type, content)
         VALUES ($1, 'CONSORTIUM_REPORT_PDF', $2, 'hostile-test', 100, now(), 'relazione.html', 'text/html', $3)`,
        [consortiumId, state, state === 'COMPLETED' ? REPORT_HTML : null],
      );
    const queued = (consortiumId: string, kind: string, comuneId: string | null = null) =>
      app.query(
        `INSERT INTO export_job (consortium_id, comune_id, kind, state, requested_by)
         VALUES ($1, $2, $3, 'QUEUED', 'hostile-test') RETURNING id`,
        [consortiumId, comuneId, kind],
      );

    it("files no finished report, nor one for another consortium, with the office's context", async () => {
      for (const [consortium, state] of [
        [ids.B, 'COMPLETED'],
        [ids.A, 'COMPLETED'],
      ]) {
        await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
          await expect(forgedReport(consortium, state)).rejects.toThrow(/row-level security/);
        });
      }
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        await expect(queued(ids.B, 'CONSORTIUM_REPORT_PDF')).rejects.toThrow(/row-level security/);
      });
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        expect((await queued(ids.A, 'CONSORTIUM_REPORT_PDF')).rowCount).toBe(1);
      });
      // A referent files its own comune's scheda, and no report, nor another comune's scheda.
      for (const [kind, comune, allowed] of [
        ['CONSORTIUM_REPORT_PDF', null, false],
        ['SCHEDA_COMUNE_PDF', ids.vaiano, false],
        ['SCHEDA_COMUNE_PDF', ids.crema, true],
      ] as const) {
        await inTransaction(await settingsOf({ fiscalCode: REFERENT_CREMA }), async () => {
          const insert = queued(comune === ids.vaiano ? ids.B : ids.A, kind, comune);
          if (allowed) expect((await insert).rowCount).toBe(1);
          else await expect(insert).rejects.toThrow(/row-level security/);
        });
      }
    });

    it("lets no requester rewrite, move or delete a consortium's finished report", async () => {
      const report = await owner.query(
        `INSERT INTO export_job (consortium_id, kind, state, requested_by, progress, finished_at, file_name,
                                 content_type, content)
         VALUES ($1, 'CONSORTIUM_REPORT_PDF', 'COMPLETED', 'hostile-test', 100, now(), 'relazione.pdf',
                 'application/pdf', '%PDF-1.7') RETURNING id`,
        [ids.A],
      );
      const id = report.rows[0].id;
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        const rewritten = await app.query(
          `UPDATE export_job SET content = $2, content_type = 'application/pdf' WHERE id = $1`,
          [id, REPORT_HTML],
        );
        expect(rewritten.rowCount).toBe(0);
        expect((await app.query(`DELETE FROM export_job WHERE id = $1`, [id])).rowCount).toBe(0);
      });
      // Its own scheda, while queued, the requester may build (the worker acts as them), not move.
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        const scheda = (await queued(ids.A, 'SCHEDA_COMUNE_PDF', ids.crema)).rows[0].id;
        await expect(
          app.query(`UPDATE export_job SET consortium_id = $2, comune_id = $3 WHERE id = $1`, [
            scheda,
            ids.B,
            ids.vaiano,
          ]),
        ).rejects.toThrow(/row-level security/);
      });
      const kept = await owner.query(`SELECT content::text, content_type FROM export_job WHERE id = $1`, [
        id,
      ]);
      expect(kept.rows).toEqual([{ content: '\\x255044462d312e37', content_type: 'application/pdf' }]);
      // Whoever writes it, a PDF kind is a PDF.
      await expect(
        owner.query(`UPDATE export_job SET content_type = 'text/html' WHERE id = $1`, [id]),
      ).rejects.toThrow(/export_job_content_type_check/);
    });
  });

  describe('history and evidence (issue 26, point 7)', () => {
    it('name the caller as their actor', async () => {
      const person = (await owner.query(`SELECT id FROM person WHERE fiscal_code = $1`, [REFERENT_CREMA]))
        .rows[0].id;
      const assignment = (
        await owner.query(`SELECT id FROM assignment WHERE objective_id = $1`, [ids.objectiveA])
      ).rows[0].id;
      const event = (subject: string, personId: string | null) =>
        app.query(
          `INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress,
                                     actor_subject, actor_person_id)
           VALUES ($1, $2, $3, 'NOT_STARTED', 'COMPLETED', 100, $4, $5)`,
          [ids.A, ids.crema, assignment, subject, personId],
        );
      const evidence = (subject: string) =>
        app.query(
          `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, description, added_by_subject,
                                 added_by_person_id)
           VALUES ($1, $2, $3, 'NOTE', 'Delibera', $4, $5)`,
          [ids.A, ids.crema, assignment, subject, person],
        );
      for (const forge of [
        () => event('system:fan-out', null),
        () => event('hostile-test', null),
        () => evidence('x'),
      ])
        await inTransaction(await settingsOf({ fiscalCode: REFERENT_CREMA }), async () => {
          await expect(forge()).rejects.toThrow(/row-level security/);
        });
      await inTransaction(await settingsOf({ fiscalCode: REFERENT_CREMA }), async () => {
        expect((await event('hostile-test', person)).rowCount).toBe(1);
        expect((await evidence('hostile-test')).rowCount).toBe(1);
      });
    });
  });

  describe('the workflow, in the database too (issue 26, point 7)', () => {
    /** A fresh assignment of Crema, in `status`, written by the owner. */
    const assignmentIn = async (status: AssignmentStatus) => {
      const objective = await owner.query(
        `INSERT INTO shared_objective (consortium_id, title, edition_code, target, created_by, state, published_at)
         VALUES ($1, 'Obiettivo', '2022-2024', '{"all": true}', 'test', 'PUBLISHED', now()) RETURNING id`,
        [ids.A],
      );
      const row = await owner.query(
        `INSERT INTO assignment (consortium_id, comune_id, objective_id, status) VALUES ($1, $2, $3, $4) RETURNING id`,
        [ids.A, ids.crema, objective.rows[0].id, status],
      );
      return row.rows[0].id as string;
    };
    const move = (id: string, set: string) => app.query(`UPDATE assignment SET ${set} WHERE id = $1`, [id]);

    it("refuses a referent's UPDATE assignment SET status = 'COMPLETED', and every move not theirs", async () => {
      const id = await assignmentIn('IN_PROGRESS');
      for (const set of [`status = 'COMPLETED'`, `status = 'REJECTED'`, `status = 'NOT_APPLICABLE'`]) {
        await inTransaction(await settingsOf({ fiscalCode: REFERENT_CREMA }), async () => {
          await expect(move(id, set)).rejects.toThrow(/not a move of the workflow for this caller/);
        });
      }
      await inTransaction(await settingsOf({ fiscalCode: REFERENT_CREMA }), async () => {
        expect((await move(id, `status = 'SUBMITTED', progress = 100`)).rowCount).toBe(1);
        // Under review, the comune's words are frozen; the office decides.
        await expect(move(id, `progress = 10`)).rejects.toThrow(/only while the report is open/);
      });
      const submitted = await assignmentIn('SUBMITTED');
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        expect((await move(submitted, `status = 'COMPLETED'`)).rowCount).toBe(1);
        await expect(move(submitted, `status = 'NOT_STARTED'`)).rejects.toThrow(/not a move of the workflow/);
      });
      // The owner (migrations, the demo) is not the application.
      expect(
        (await owner.query(`UPDATE assignment SET status = 'COMPLETED' WHERE id = $1`, [id])).rowCount,
      ).toBe(1);
    });

    it('holds the moves of libs/assignments/src/workflow.ts, side by side', async () => {
      const actions = (to: AssignmentStatus): WorkflowAction[] => [
        { kind: 'update', to },
        ...(to === 'SUBMITTED' ? [{ kind: 'submit' } as const] : []),
        ...(to === 'COMPLETED' ? [{ kind: 'approve' } as const] : []),
        ...(to === 'REJECTED' ? [{ kind: 'reject' } as const] : []),
        ...(to === 'NOT_APPLICABLE' ? [{ kind: 'notApplicable' } as const] : []),
      ];
      const allowed = (from: AssignmentStatus, to: AssignmentStatus, side: Side) =>
        from !== to &&
        actions(to).some((action) => {
          try {
            return nextStatus(from, side, action) === to;
          } catch {
            return false;
          }
        });
      const cases = STATUSES.flatMap((from) =>
        STATUSES.flatMap((to) => (['municipality', 'office'] as Side[]).map((side) => ({ from, to, side }))),
      );
      const { rows } = await owner.query(
        `SELECT c.f AS "from", c.t AS "to", c.s AS side, app_workflow_allows(c.f, c.t, c.s) AS allowed
           FROM jsonb_to_recordset($1::jsonb) AS c(f text, t text, s text)`,
        [JSON.stringify(cases.map((c) => ({ f: c.from, t: c.to, s: c.side })))],
      );
      expect(rows).toEqual(cases.map((c) => ({ ...c, allowed: allowed(c.from, c.to, c.side) })));
    });
  });

  describe('outbox', () => {
    const enqueue = (consortiumId: string, payloadConsortiumId: string) =>
      app.query(`INSERT INTO outbox (consortium_id, topic, payload) VALUES ($1, 'push-runs', $2)`, [
        consortiumId,
        JSON.stringify({ consortiumId: payloadConsortiumId, pushRunId: ids.A, objectiveId: ids.objectiveA }),
      ]);

    it('takes no message from viewers or observers', async () => {
      for (const who of [{ fiscalCode: VIEWER_CREMA }, { clientId: PORTAL_LOMBARDIA }]) {
        await inTransaction(await settingsOf(who), async () => {
          await expect(enqueue(ids.A, ids.A)).rejects.toThrow(/row-level security/);
        });
      }
    });

    it("takes the RTD office's messages only for the consortium their payload names", async () => {
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        await expect(enqueue(ids.A, ids.B)).rejects.toThrow(/row-level security/);
      });
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        expect((await enqueue(ids.A, ids.A)).rowCount).toBe(1);
      });
    });

    it("is not relayed when the payload names another consortium than the row's", async () => {
      expect(undeliverable({ consortiumId: ids.A, payload: { consortiumId: ids.B } })).toMatch(
        /payload consortium/,
      );
      expect(undeliverable({ consortiumId: ids.A, payload: { consortiumId: ids.A } })).toBeNull();
      // A row written past the policies (by the owner, as a stand-in for any other way in).
      const forged = await owner.query(
        `INSERT INTO outbox (consortium_id, topic, payload, dedupe_key) VALUES ($1, 'push-runs', $2, 'forged') RETURNING id`,
        [ids.A, JSON.stringify({ consortiumId: ids.B, pushRunId: ids.A, objectiveId: ids.objectiveB })],
      );
      let worker: INestApplicationContext | undefined;
      try {
        worker = await startTestWorker(db.config);
        const row = await eventually(
          async () =>
            (
              await owner.query(`SELECT last_error, enqueued_at FROM outbox WHERE id = $1`, [
                forged.rows[0].id,
              ])
            ).rows[0],
          (value) => value.last_error !== null,
        );
        expect(row.last_error).toMatch(/payload consortium/);
        expect(row.enqueued_at).toBeNull();
      } finally {
        await worker?.close();
      }
    });
  });
});
