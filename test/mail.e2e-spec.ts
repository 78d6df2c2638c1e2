import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInRome } from '@rtd/dates';
import { JobContext } from '@rtd/authz';
import { NOTIFICATIONS_SUBJECT, NotificationsService } from '@rtd/notifications';
import { startSmtpSink, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { APP_DATA_SOURCE } from '@rtd/platform';
import { DELEGATE_CREMA, REFERENT_CREMA, RTD_A, STAFF_A } from './support/identities';
import { assignmentOf, cremaAssignment, DemoIds, demoIds, ok, publishedObjective } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { eventually, outboxSettled, startTestWorker } from './support/test-worker';

const ANNA = 'anna.moretti@demo.rtdhub.it';

describe('E-mail notifications', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let ids: DemoIds;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    api = await startTestApi({ smtpUrl: sink.url });
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await sink.close();
  });

  it('mails a rejection to the referent at once, in Italian, once even when the job runs again', async () => {
    const a = await cremaAssignment(api, ids, 'SUBMITTED');
    sink.clear();
    const rejected = ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: REJECT, reason: "Manca il collegamento nel footer") { version } }`,
          { id: a.id, v: a.version },
        ),
      'reviewAssignment',
    );
    const mail = await sink.waitFor(
      (m) => m.envelope.to.includes(ANNA) && m.subject === 'Esito della verifica: Obiettivo di prova',
      20_000,
    );
    expect(mail.text).toContain('Manca il collegamento nel footer');
    expect(mail.text).toMatch(/respint/i);

    // A retried job, a restarted worker: the same decision is not mailed twice.
    const notifications = worker.get(NotificationsService);
    const dataSource = worker.get<DataSource>(APP_DATA_SOURCE);
    const job = JobContext.forJob(dataSource, NOTIFICATIONS_SUBJECT, { consortiumId: ids.consortiumA });
    expect(await notifications.sendReviewDecision(job, a.id, rejected.version)).toBe(0);

    // Anna resubmits, Marco Galli approves: one approval mail.
    const resubmitted = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { version } }`,
          { id: a.id, v: rejected.version },
        ),
      'submitAssignment',
    );
    ok(
      await api
        .as(STAFF_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: APPROVE) { version } }`,
          { id: a.id, v: resubmitted.version },
        ),
      'reviewAssignment',
    );
    const approval = await sink.waitFor(
      (m) => m.envelope.to.includes(ANNA) && /validat/i.test(m.text ?? ''),
      20_000,
    );
    expect(approval.subject).toBe('Esito della verifica: Obiettivo di prova');
    // No blind wait for a late duplicate: once the outbox holds nothing unprocessed and every
    // claimed mail is sent, nothing more can come; only then count.
    await outboxSettled(api);
    const decisions = (m: { envelope: { to: string[] }; subject: string | null }) =>
      m.envelope.to.includes(ANNA) && m.subject === 'Esito della verifica: Obiettivo di prova';
    expect(sink.messages().filter(decisions)).toHaveLength(2);
  });

  it('sends the morning digests once per person and day', async () => {
    const day = todayInRome();
    // A reminder milestone (30, 7 or 1 days before, weekly when overdue): the digest goes out that day.
    const inSevenDays = new Date(Date.parse(`${day}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await cremaAssignment(api, ids, 'IN_PROGRESS', {});
    const due = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      title: 'Scadenza vicina',
      dueDate: inSevenDays,
    });
    expect(due).toBeTruthy();
    // Delegated to Paolo Conti: he gets the reminder of what is delegated to him.
    const near = await assignmentOf(api, due, ids.crema);
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(`mutation($id: ID!, $fc: String) { delegateAssignment(id: $id, fiscalCode: $fc) { id } }`, {
          id: near.id,
          fc: DELEGATE_CREMA,
        }),
      'delegateAssignment',
    );
    await cremaAssignment(api, ids, 'SUBMITTED');
    // The notices of those publications are mailed too: the digests are what this test counts.
    const digests = () =>
      sink
        .messages()
        .filter((m) => /^(Promemoria scadenze|Rendicontazioni da verificare)/.test(m.subject ?? ''));
    sink.clear();
    const notifications = worker.get(NotificationsService);
    const dataSource = worker.get<DataSource>(APP_DATA_SOURCE);
    const job = JobContext.forJob(dataSource, NOTIFICATIONS_SUBJECT, {});
    const sent = await notifications.sendDailyDigests(job, day);
    expect(sent).toBeGreaterThanOrEqual(3);
    const digest = await eventually(
      async () => digests().find((m) => m.envelope.to.includes(ANNA)),
      (m) => m !== undefined,
    );
    expect(digest!.subject).toContain('Crema');
    expect(digest!.text).toContain('Scadenza vicina');
    expect(digest!.text).toMatch(/entro 7 giorni/i);
    const paolo = digests().find((m) => m.envelope.to.includes('paolo.conti@demo.rtdhub.it'));
    expect(paolo?.text).toContain('Scadenza vicina');
    expect(paolo?.text).toContain('Gentile Paolo Conti');
    const office = digests().find((m) => m.envelope.to.includes('giulia.ferrari@demo.rtdhub.it'));
    expect(office?.subject).toContain('Rendicontazioni da verificare');

    expect(await notifications.sendDailyDigests(job, day)).toBe(0);
    expect(digests()).toHaveLength(sent);
  });
});
