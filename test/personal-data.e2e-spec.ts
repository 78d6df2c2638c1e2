import { Client } from 'pg';
import request from 'supertest';
import { type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { MailStack, startMailStack } from './support/mail-stack';
import { ADMIN, AUDITOR_A, REFERENT_CREMA, RTD_A, STAFF_A } from './support/identities';
import { cremaAssignment, DemoIds, ok } from './support/scenario';
import { errorCodes, TestApi } from './support/test-app';
import { applySignedSettings } from './support/test-database';
import { eventually } from './support/test-worker';

const EXPORT = `mutation($fc: String!) { exportPersonalData(fiscalCode: $fc) { personId fileName contentType generatedAt content } }`;
const PSEUDONYMISE = `mutation($fc: String!) { pseudonymisePerson(fiscalCode: $fc) { personId pseudonym pseudonymisedAt revokedMemberships records { kind count } } }`;
const AUDIT = `query($c: ID!, $actor: String) { auditLog(consortiumId: $c, first: 500, actor: $actor) {
  totalCount edges { node { id at actor actorName action entityType entityId requestId detailsJson } } } }`;
const ANNA_MAIL = 'anna.moretti@demo.rtdhub.it';

type AuditNode = {
  id: string;
  actor: string;
  actorName: string | null;
  action: string;
  entityId: string;
  requestId: string | null;
  detailsJson: string | null;
};

/** GDPR art. 15-17 and 20: the operator exports a person's data and pseudonymises a person who leaves. */
describe('Personal data on request', () => {
  let stack: MailStack;
  let sink: SmtpSink;
  let api: TestApi;
  let ids: DemoIds;
  let owner: Client;
  let assignmentId: string;
  /** Her calendar address (made in the export test; it must stop answering once she is pseudonymised). */
  let feedPath = '';

  const auditOfA = async (actor?: string) =>
    ok(await api.as(RTD_A).graphql(AUDIT, { c: ids.consortiumA, actor }), 'auditLog') as {
      totalCount: number;
      edges: { node: AuditNode }[];
    };

  beforeAll(async () => {
    stack = await startMailStack();
    ({ sink, api, owner, ids } = stack);
    // Anna Moretti reports, adds evidence, and is told the office's decision by mail.
    const a = await cremaAssignment(api, ids, 'IN_PROGRESS');
    assignmentId = a.id;
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `mutation($id: ID!) { addEvidence(assignmentId: $id, kind: URL, url: "https://www.comune.crema.cr.it/accessibilita", description: "Dichiarazione pubblicata") { id } }`,
          { id: a.id },
        ),
      'addEvidence',
    );
    const current = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(`query($id: ID!) { assignment(id: $id) { version } }`, { id: a.id }),
      'assignment',
    );
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { version } }`,
          {
            id: a.id,
            v: current.version,
          },
        ),
      'submitAssignment',
    );
    const version = (
      ok(
        await api.as(RTD_A).graphql(`query($id: ID!) { assignment(id: $id) { version } }`, { id: a.id }),
        'assignment',
      ) as { version: number }
    ).version;
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: REJECT, reason: "Manca la data") { version } }`,
          { id: a.id, v: version },
        ),
      'reviewAssignment',
    );
    await sink.waitFor((mail) => mail.envelope.to.includes(ANNA_MAIL), 30_000);
    // The mail's record is written once the relay accepted it.
    await eventually(
      async () =>
        (
          await owner.query(
            `SELECT count(*)::int AS n FROM mail_delivery WHERE recipient = $1 AND sent_at IS NOT NULL`,
            [ANNA_MAIL],
          )
        ).rows[0].n,
      (n: number) => n > 0,
    );
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses both to every role but the operator, writing nothing', async () => {
    const before = (
      await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'privacy.%'`)
    ).rows[0].n;
    for (const who of [RTD_A, STAFF_A, AUDITOR_A, REFERENT_CREMA]) {
      expect(errorCodes(await api.as(who).graphql(EXPORT, { fc: REFERENT_CREMA }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await api.as(who).graphql(PSEUDONYMISE, { fc: REFERENT_CREMA }))).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect(errorCodes(await api.graphql(EXPORT, { fc: REFERENT_CREMA }))).toEqual(['UNAUTHENTICATED']);
    const after = (
      await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'privacy.%'`)
    ).rows[0].n;
    expect(after).toBe(before);
    const person = await owner.query(`SELECT pseudonym FROM person WHERE fiscal_code = $1`, [REFERENT_CREMA]);
    expect(person.rows[0].pseudonym).toBeNull();
  });

  it('refuses a malformed or unknown fiscal code with the field named', async () => {
    const bad = await api.as(ADMIN).graphql(EXPORT, { fc: 'ABC' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fiscalCode' });
    const check = await api.as(ADMIN).graphql(EXPORT, { fc: 'MRTNNA70S63D142A' });
    expect(check.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fiscalCode' });
    const unknown = await api.as(ADMIN).graphql(PSEUDONYMISE, { fc: 'RSSMRA80A01H501U' });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.as(ADMIN).graphql(PSEUDONYMISE, { fc: ADMIN }))).toEqual(['BAD_USER_INPUT']);
  });

  it('exports everything the service holds on a person as one JSON document, for the operator', async () => {
    // Her own settings: a notice kind by digest, a line waiting for the digest, a calendar address.
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(`mutation { setNotificationPreference(kind: DEADLINES, delivery: DIGEST) { kind } }`),
      'setNotificationPreference',
    );
    const feed = ok(
      await api.as(REFERENT_CREMA).graphql(`query { calendarFeed { url createdAt } }`),
      'calendarFeed',
    ) as { url: string };
    feedPath = new URL(feed.url).pathname;
    expect((await request(api.app.getHttpServer()).get(feedPath)).status).toBe(200);
    await owner.query(
      `INSERT INTO notification_digest_item (dedupe_key, person_id, kind, line, link)
       SELECT 'test-digest-' || p.id, p.id, 'DEADLINES', 'Scadenza vicina: Obiettivo di prova', '/comune'
         FROM person p WHERE p.fiscal_code = $1`,
      [REFERENT_CREMA],
    );
    const res = ok(await api.as(ADMIN).graphql(EXPORT, { fc: REFERENT_CREMA }), 'exportPersonalData');
    expect(res.contentType).toBe('application/json');
    expect(res.fileName).toBe(`dati-personali-${res.personId}.json`);
    const doc = JSON.parse(res.content);
    expect(doc.format).toBe('rtd-hub/personal-data/v1');
    expect(doc.person).toMatchObject({
      id: res.personId,
      fiscalCode: REFERENT_CREMA,
      givenName: 'Anna',
      familyName: 'Moretti',
      email: ANNA_MAIL,
      pseudonym: null,
    });
    expect(doc.memberships).toContainEqual(
      expect.objectContaining({
        role: 'COMUNE_REFERENT',
        comune: expect.objectContaining({ name: 'Crema', istatCode: '019035' }),
        revokedAt: null,
      }),
    );
    const events = doc.reports.statusEvents.filter(
      (e: { assignmentId: string }) => e.assignmentId === assignmentId,
    );
    expect(events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['IN_PROGRESS', 'SUBMITTED']);
    expect(doc.reports.evidence).toContainEqual(
      expect.objectContaining({ assignmentId, url: 'https://www.comune.crema.cr.it/accessibilita' }),
    );
    expect(doc.mails).toContainEqual(
      expect.objectContaining({ recipient: ANNA_MAIL, subject: 'Esito della verifica: Obiettivo di prova' }),
    );
    expect(doc.notificationSettings.preferences).toContainEqual(
      expect.objectContaining({ kind: 'DEADLINES', delivery: 'DIGEST' }),
    );
    expect(doc.notificationSettings.digestItems).toContainEqual(
      expect.objectContaining({
        kind: 'DEADLINES',
        line: 'Scadenza vicina: Obiettivo di prova',
        digestedOn: null,
      }),
    );
    expect(doc.calendarFeed).toEqual({ createdAt: expect.any(String), regeneratedAt: null });
    // The address itself is a secret of hers: not in the document.
    expect(res.content).not.toContain(
      feedPath
        .split('/')
        .pop()!
        .replace(/\.ics$/, ''),
    );
    const byHer = doc.auditEntries.filter((e: { actedByThePerson: boolean }) => e.actedByThePerson);
    expect(byHer.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['assignment.update', 'assignment.submit', 'assignment.addEvidence']),
    );
    // Another person's data is not in it: the office's decision is about her assignment, not by her.
    expect(JSON.stringify(doc.reports)).not.toContain(RTD_A);
    // The export itself is recorded, without the person's identifiers.
    const [entry] = (
      await owner.query(`SELECT * FROM audit_log WHERE action = 'privacy.export' ORDER BY id DESC LIMIT 1`)
    ).rows;
    expect(entry).toMatchObject({ entity_type: 'Person', entity_id: res.personId, actor_subject: ADMIN });
    expect(JSON.stringify(entry)).not.toContain(REFERENT_CREMA);
  });

  it('pseudonymises a person who leaves: identifiers replaced everywhere, roles revoked, and the audit log still reads', async () => {
    const before = await auditOfA();
    const hers = before.edges.map((e) => e.node).filter((n) => n.actor === REFERENT_CREMA);
    expect(hers.length).toBeGreaterThan(2);

    const res = ok(await api.as(ADMIN).graphql(PSEUDONYMISE, { fc: REFERENT_CREMA }), 'pseudonymisePerson');
    expect(res.pseudonym).toMatch(/^pseudonimo-[0-9a-f]{12}$/);
    expect(res.revokedMemberships).toBe(1);
    const count = (kind: string) => res.records.find((r: { kind: string }) => r.kind === kind)?.count;
    expect(count('reports')).toBeGreaterThanOrEqual(3);
    expect(count('audit')).toBeGreaterThanOrEqual(hers.length);
    expect(count('mails')).toBeGreaterThanOrEqual(1);
    expect(count('notificationSettings')).toBe(2);
    expect(count('calendar')).toBe(1);

    // The audit log reads as before: the same entries, actions, entities, times and request ids,
    // each of hers now by the pseudonym, found by it too.
    const after = await auditOfA();
    expect(after.totalCount).toBe(before.totalCount);
    const byId = new Map(after.edges.map((e) => [e.node.id, e.node]));
    for (const entry of hers) {
      expect(byId.get(entry.id)).toEqual({ ...entry, actor: res.pseudonym, actorName: null });
    }
    for (const entry of before.edges.map((e) => e.node).filter((n) => n.actor !== REFERENT_CREMA)) {
      expect(byId.get(entry.id)).toEqual(entry);
    }
    expect((await auditOfA(res.pseudonym)).totalCount).toBe(hers.length);
    expect(JSON.stringify(after)).not.toMatch(/MRTNNA70S63D142G|Moretti|anna\.moretti/);

    // Her history still shows who acted, as the pseudonym's person without a name.
    const history = ok(
      await api
        .as(RTD_A)
        .graphql(`query($id: ID!) { assignment(id: $id) { history { to actor { id displayName } } } }`, {
          id: assignmentId,
        }),
      'assignment',
    );
    expect(JSON.stringify(history)).not.toMatch(/MRTNNA70S63D142G|Moretti/);
    expect(history.history).toContainEqual({
      to: 'SUBMITTED',
      actor: { id: res.personId, displayName: null },
    });

    // Nothing in the database names her any more.
    const names = await owner.query(
      `SELECT (SELECT count(*) FROM person WHERE fiscal_code = $1 OR email = $2 OR family_name = 'Moretti')::int AS people,
              (SELECT count(*) FROM status_event WHERE actor_subject = $1)::int AS events,
              (SELECT count(*) FROM evidence WHERE added_by_subject = $1)::int AS evidence,
              (SELECT count(*) FROM audit_log WHERE actor_subject = $1 OR details::text LIKE '%' || $1 || '%')::int AS audit,
              (SELECT count(*) FROM mail_delivery WHERE recipient = $2)::int AS mails,
              (SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id
                WHERE p.pseudonym = $3 AND m.revoked_at IS NULL)::int AS roles`,
      [REFERENT_CREMA, ANNA_MAIL, res.pseudonym],
    );
    expect(names.rows[0]).toEqual({ people: 0, events: 0, evidence: 0, audit: 0, mails: 0, roles: 0 });
    // Her choices, digest lines and calendar address are gone: the address no longer answers.
    const settings = await owner.query(
      `SELECT (SELECT count(*) FROM notification_preference WHERE person_id = $1)::int AS preferences,
              (SELECT count(*) FROM notification_digest_item WHERE person_id = $1)::int AS digest,
              (SELECT count(*) FROM calendar_feed WHERE person_id = $1)::int AS feeds`,
      [res.personId],
    );
    expect(settings.rows[0]).toEqual({ preferences: 0, digest: 0, feeds: 0 });
    expect((await request(api.app.getHttpServer()).get(feedPath)).status).toBe(404);
    const [person] = (await owner.query(`SELECT * FROM person WHERE id = $1`, [res.personId])).rows;
    expect(person).toMatchObject({
      pseudonym: res.pseudonym,
      subject: null,
      given_name: null,
      family_name: null,
      email: null,
    });
    expect(person.fiscal_code).toBe(`0000${res.pseudonym.slice(11).toUpperCase()}`);

    // Her fiscal code finds no one to export; logging in again starts a new person, with no role,
    // never linked back to the pseudonymised one.
    expect(errorCodes(await api.as(ADMIN).graphql(EXPORT, { fc: REFERENT_CREMA }))).toEqual(['NOT_FOUND']);
    const me = ok(await api.as(REFERENT_CREMA).graphql(`{ me { memberships { role } } }`), 'me');
    expect(me.memberships).toEqual([]);
    const again = (
      await owner.query(`SELECT id, pseudonym FROM person WHERE fiscal_code = $1`, [REFERENT_CREMA])
    ).rows;
    expect(again).toEqual([{ id: expect.not.stringMatching(res.personId), pseudonym: null }]);
    // Recorded, naming the pseudonym only.
    const [entry] = (await owner.query(`SELECT * FROM audit_log WHERE action = 'privacy.pseudonymise'`)).rows;
    expect(entry).toMatchObject({
      entity_id: res.personId,
      details: { pseudonym: res.pseudonym, revokedMemberships: 1 },
    });
  });

  it('keeps history and audit append-only for everything else', async () => {
    const app = new Client({ connectionString: api.config.databaseUrl });
    await app.connect();
    try {
      // The application role: no UPDATE at all, the flag of the functions notwithstanding.
      await app.query('BEGIN');
      await app.query(`SELECT set_config('rtd.pseudonymising', 'on', true)`);
      await expect(
        app.query(`UPDATE audit_log SET actor_subject = 'pseudonimo-000000000000'`),
      ).rejects.toThrow();
      await app.query('ROLLBACK');
      // A data request needs the operator's signed flag beside it: an office's settings do not reach the functions.
      const [giulia] = (await owner.query(`SELECT id FROM person WHERE fiscal_code = $1`, [RTD_A])).rows;
      await applySignedSettings(app, api.config, {
        'app.subject': RTD_A,
        'app.admin': 'off',
        'app.data_request': giulia.id,
      });
      await expect(app.query(`SELECT app_personal_audit_entries()`)).rejects.toThrow(/no data request/);
      await expect(
        app.query(`SELECT app_pseudonymise_audit_entries('pseudonimo-000000000000')`),
      ).rejects.toThrow(/no data request/);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
    // Even the owner, with the flag, may only turn the actor into a pseudonym.
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT set_config('rtd.pseudonymising', 'on', true)`);
      await expect(owner.query(`UPDATE audit_log SET action = 'audit.forged'`)).rejects.toThrow(
        /sola aggiunta/,
      );
      await owner.query('ROLLBACK');
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('rtd.pseudonymising', 'on', true)`);
      await expect(owner.query(`UPDATE status_event SET actor_subject = 'qualcun altro'`)).rejects.toThrow(
        /sola aggiunta/,
      );
      await owner.query('ROLLBACK');
      await owner.query('BEGIN');
      await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/sola aggiunta/);
    } finally {
      await owner.query('ROLLBACK');
    }
  });
});
