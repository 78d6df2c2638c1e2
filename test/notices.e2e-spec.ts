import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { NOTIFICATIONS_SUBJECT, NotificationsService } from '@rtd/notifications';
import { APP_DATA_SOURCE } from '@rtd/platform';
import { type ReceivedMail, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { MailStack, startMailStack } from './support/mail-stack';
import { REFERENT_CREMA, RTD_A, STAFF_A } from './support/identities';
import { cremaAssignment, DemoIds, ok } from './support/scenario';
import { errorCodes, TestApi } from './support/test-app';
import { eventually } from './support/test-worker';

const ANNA = 'anna.moretti@demo.rtdhub.it';
const GIULIA = 'giulia.ferrari@demo.rtdhub.it';
const MARCO = 'marco.galli@demo.rtdhub.it';

/** The URL of the mail's List-Unsubscribe header (RFC 2369), read from the message as sent. */
const unsubscribeOf = (mail: ReceivedMail) => /^List-Unsubscribe:\s*<([^>]+)>/im.exec(mail.raw)![1];

const PREFERENCES = `{ notificationPreferences { kind label delivery allowedDeliveries chosen } }`;
const SET = `mutation($k: NotificationKind!, $d: NotificationDelivery!) {
  setNotificationPreference(kind: $k, delivery: $d) { kind delivery chosen } }`;

/** Notices of issue 22: submissions by preference, one-click unsubscribe, Sollecita, changed due dates, daily summaries. */
describe('Notices and preferences', () => {
  let stack: MailStack;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let ids: DemoIds;

  beforeAll(async () => {
    stack = await startMailStack();
    ({ sink, api, worker, owner, ids } = stack);
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** Waits until the outbox message `key` has been processed: its job has finished, its mails are out. */
  const processed = (key: string) =>
    eventually(
      async () =>
        (await owner.query(`SELECT processed_at FROM outbox WHERE dedupe_key = $1`, [key])).rows[0]
          ?.processed_at ?? null,
      (at) => at !== null,
    );
  const mailsTo = (address: string, subject: RegExp) =>
    sink.messages().filter((m) => m.envelope.to.includes(address) && subject.test(m.subject ?? ''));

  it('lists each kind with its default, and refuses a choice the kind does not allow', async () => {
    const list = ok(await api.as(REFERENT_CREMA).graphql(PREFERENCES), 'notificationPreferences');
    // The kinds her role receives: a referent is not sent the office's submissions.
    expect(list.map((p: { kind: string; delivery: string }) => `${p.kind}:${p.delivery}`)).toEqual([
      'NEW_ASSIGNMENTS:IMMEDIATE',
      'CHANGES:IMMEDIATE',
      'REMINDERS:IMMEDIATE',
      'DEADLINES:DIGEST',
    ]);
    const office = ok(await api.as(STAFF_A).graphql(PREFERENCES), 'notificationPreferences');
    expect(office.map((p: { kind: string }) => p.kind)).toEqual(['SUBMISSIONS']);
    const refused = await api.as(REFERENT_CREMA).graphql(SET, { k: 'DEADLINES', d: 'IMMEDIATE' });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions!.field).toBe('delivery');
    expect(refused.errors![0].message).toMatch(/Promemoria delle scadenze/);
  });

  it('tells the reviewers of a submission as each prefers, and the unsubscribe link turns it off', async () => {
    // Giulia wants submissions at once; Marco keeps the default, the daily digest.
    expect(
      ok(await api.as(RTD_A).graphql(SET, { k: 'SUBMISSIONS', d: 'IMMEDIATE' }), 'setNotificationPreference'),
    ).toEqual({ kind: 'SUBMISSIONS', delivery: 'IMMEDIATE', chosen: true });
    const submitted = await cremaAssignment(api, ids, 'SUBMITTED');
    const mail = await sink.waitFor(
      (m) => m.envelope.to.includes(GIULIA) && /^Resoconto da verificare/.test(m.subject ?? ''),
      20_000,
    );
    expect(mail.subject).toBe(
      'Resoconto da verificare: Obiettivo di prova – Comune di Crema – scadenza 31/12/2099',
    );
    expect(mail.text).toContain('Gentile Giulia Ferrari');
    expect(mail.text).toContain(`/assegnazioni/${submitted.id}`);
    expect(mail.html).toContain('<html lang="it">');
    await processed(`mail:submitted:${submitted.id}:v${submitted.version}`);
    expect(mailsTo(MARCO, /^Resoconto da verificare/)).toHaveLength(0);

    // Marco reads it in his morning digest; Giulia, who had it at once, gets no digest.
    const notifications = worker.get(NotificationsService);
    const job = JobContext.forJob(worker.get<DataSource>(APP_DATA_SOURCE), NOTIFICATIONS_SUBJECT, {});
    await notifications.sendDailyDigests(job, todayInRome());
    expect(mailsTo(MARCO, /^Rendicontazioni da verificare/)).toHaveLength(1);
    expect(mailsTo(GIULIA, /^Rendicontazioni da verificare/)).toHaveLength(0);

    // The one-click unsubscribe (RFC 8058): GET only shows a page, POST turns the kind off.
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const url = new URL(unsubscribeOf(mail));
    expect(url.pathname).toBe('/disiscrizione');
    expect(mail.text).toContain(url.toString());
    const server = api.app.getHttpServer();
    const page = await request(server).get(url.pathname + url.search);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Resoconti inviati dai Comuni');
    expect(page.text).toMatch(/<form method="post"/);
    const stillOn = ok(await api.as(RTD_A).graphql(PREFERENCES), 'notificationPreferences');
    expect(stillOn.find((p: { kind: string }) => p.kind === 'SUBMISSIONS').delivery).toBe('IMMEDIATE');

    const tampered = url.search.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(
      (
        await request(server)
          .post(url.pathname + tampered)
          .type('form')
          .send('List-Unsubscribe=One-Click')
      ).status,
    ).toBe(400);
    const posted = await request(server)
      .post(url.pathname + url.search)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(posted.status).toBe(200);
    expect(posted.text).toContain('Avvisi disattivati');
    const off = ok(await api.as(RTD_A).graphql(PREFERENCES), 'notificationPreferences');
    expect(off.find((p: { kind: string }) => p.kind === 'SUBMISSIONS').delivery).toBe('OFF');

    // The next submission: no mail to Giulia.
    const again = await cremaAssignment(api, ids, 'SUBMITTED');
    await processed(`mail:submitted:${again.id}:v${again.version}`);
    expect(mailsTo(GIULIA, /^Resoconto da verificare/)).toHaveLength(1);
  });

  it('sends a Sollecita once a day, in the history and the audit log, and mails the comune', async () => {
    const assignment = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const remind = `mutation($id: ID!) { remindAssignment(id: $id) { id history { note from to } } }`;
    expect(errorCodes(await api.as(REFERENT_CREMA).graphql(remind, { id: assignment.id }))).toEqual([
      'FORBIDDEN',
    ]);
    const reminded = ok(await api.as(STAFF_A).graphql(remind, { id: assignment.id }), 'remindAssignment');
    const last = reminded.history[reminded.history.length - 1];
    expect(last).toEqual({
      note: expect.stringMatching(/^Sollecito dell'Ufficio RTD/),
      from: 'IN_PROGRESS',
      to: 'IN_PROGRESS',
    });

    const second = await api.as(RTD_A).graphql(remind, { id: assignment.id });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0].message).toMatch(/già inviato oggi/);

    const audit = await owner.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'assignment.remind'`,
      [assignment.id],
    );
    expect(audit.rows).toHaveLength(1);
    const mail = await sink.waitFor(
      (m) => m.envelope.to.includes(ANNA) && /^Sollecito:/.test(m.subject ?? ''),
      20_000,
    );
    expect(mail.subject).toBe('Sollecito: Obiettivo di prova – Comune di Crema – scadenza 31/12/2099');
    expect(mail.text).toContain(`/assegnazioni/${assignment.id}`);
  });

  it("sends a Sollecita to a whole comune from the Cruscotto's laggards: each open activity once, one mail", async () => {
    const open = await cremaAssignment(api, ids, 'IN_PROGRESS');
    await cremaAssignment(api, ids, 'NOT_STARTED');
    const remindComune = `mutation($c: ID!, $m: ID!) { remindComune(consortiumId: $c, comuneId: $m) }`;
    const vars = { c: ids.consortiumA, m: ids.crema };
    expect(errorCodes(await api.as(REFERENT_CREMA).graphql(remindComune, vars))).toEqual(['FORBIDDEN']);
    const before = mailsTo(ANNA, /^Sollecito:/).length;
    const count = ok(await api.as(STAFF_A).graphql(remindComune, vars), 'remindComune');
    expect(count).toBeGreaterThanOrEqual(2);
    const again = await api.as(STAFF_A).graphql(remindComune, vars);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toMatch(/Nessuna attività da sollecitare oggi/);

    const history = ok(
      await api
        .as(RTD_A)
        .graphql(`query($id: ID!) { assignment(id: $id) { history { note } } }`, { id: open.id }),
      'assignment',
    ).history;
    expect(history.filter((e: { note: string | null }) => /^Sollecito/.test(e.note ?? ''))).toHaveLength(1);
    const key = (
      await owner.query(`SELECT dedupe_key FROM outbox WHERE dedupe_key LIKE 'mail:reminder:comune:%'`)
    ).rows.map((r) => r.dedupe_key as string);
    expect(key).toHaveLength(1);
    await processed(key[0]);
    const mails = mailsTo(ANNA, /^Sollecito:/).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toMatch(new RegExp(`e altre ${count - 1} attività – Comune di Crema – `));
    expect(mails[0].text).toContain(`/assegnazioni/${open.id}`);
  });

  it('tells the comune of a new due date at once, or in the daily summary when it prefers', async () => {
    const assignment = await cremaAssignment(api, ids, 'IN_PROGRESS');
    const objective = ok(
      await api.as(RTD_A).graphql(`query($id: ID!) { assignment(id: $id) { objective { id version } } }`, {
        id: assignment.id,
      }),
      'assignment',
    ).objective;
    const move = (version: number, dueDate: string) =>
      api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!, $d: Date) { updateSharedObjective(id: $id, expectedVersion: $v, input: { dueDate: $d }) { version } }`,
          { id: objective.id, v: version, d: dueDate },
        );
    const moved = ok(await move(objective.version, '2099-06-30'), 'updateSharedObjective');
    const mail = await sink.waitFor(
      (m) => m.envelope.to.includes(ANNA) && /^Scadenza cambiata/.test(m.subject ?? ''),
      20_000,
    );
    expect(mail.subject).toBe(
      'Scadenza cambiata: Obiettivo di prova – Comune di Crema – nuova scadenza 30/06/2099',
    );

    // Anna prefers the daily summary: the next change waits for tomorrow's morning.
    ok(await api.as(REFERENT_CREMA).graphql(SET, { k: 'CHANGES', d: 'DIGEST' }), 'setNotificationPreference');
    const movedAgain = ok(await move(moved.version, '2099-05-31'), 'updateSharedObjective');
    await processed(`mail:objective:due-date:${objective.id}:v${movedAgain.version}`);
    expect(mailsTo(ANNA, /^Scadenza cambiata/)).toHaveLength(1);

    const tomorrow = new Date(Date.parse(`${todayInRome()}T12:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const notifications = worker.get(NotificationsService);
    const job = JobContext.forJob(worker.get<DataSource>(APP_DATA_SOURCE), NOTIFICATIONS_SUBJECT, {});
    await notifications.sendDailyDigests(job, tomorrow);
    const summary: ReceivedMail[] = mailsTo(ANNA, /^Riepilogo giornaliero/);
    expect(summary).toHaveLength(1);
    expect(summary[0].text).toContain(
      'Nuova scadenza: Obiettivo di prova – Comune di Crema – scadenza 31/05/2099',
    );
    expect(unsubscribeOf(summary[0])).toMatch(/\/disiscrizione\?token=/);
    // Summarised once.
    await notifications.sendDailyDigests(job, tomorrow);
    expect(mailsTo(ANNA, /^Riepilogo giornaliero/)).toHaveLength(1);
  });
});
