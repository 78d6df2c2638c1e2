import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { AccessScope, GrantedRole } from '@rtd/authz';
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
      await owner.query(
        `INSERT INTO assignment (consortium_id, comune_id, objective_id) VALUES ($1, $2, $3)`,
        [ids[tenant], comune, objective.rows[0].id],
      );
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

    it('loses every tenant when it edits the signed settings', async () => {
      await inTransaction(await settingsOf({ fiscalCode: RTD_A }), async () => {
        expect(await consortiaVisible()).toEqual([ids.A]);
        const context = JSON.parse((await app.query(`SELECT current_setting('app.context') AS c`)).rows[0].c);
        context['app.admin'] = 'on';
        context['app.read_consortia'] = `{${ids.A},${ids.B}}`;
        await app.query(`SELECT set_config('app.context', $1, true)`, [JSON.stringify(context)]);
        expect(await consortiaVisible()).toEqual([]);
        await expect(insertObjective(ids.A)).rejects.toThrow(/row-level security/);
      });
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
