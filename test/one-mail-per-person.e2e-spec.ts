import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { NOTIFICATIONS_SUBJECT, NoticesService, NotificationsService } from '@rtd/notifications';
import { APP_DATA_SOURCE } from '@rtd/platform';
import { type ReceivedMail, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { MailStack, startMailStack } from './support/mail-stack';
import { DELEGATE_CREMA, REFERENT_CREMA, RTD_A } from './support/identities';
import { assignmentOf, DemoIds, ok, publishedObjective } from './support/scenario';
import { TestApi } from './support/test-app';
import { outboxSettled } from './support/test-worker';

const ANNA = 'anna.moretti@demo.rtdhub.it'; // referent of Crema only
const SARA = 'sara.colombo@demo.rtdhub.it'; // referent of Pandino only
const SEGRETARIO = 'segretario.convenzione@comune.example.it'; // referent of Crema and Pandino
const PAOLO = 'paolo.conti@demo.rtdhub.it'; // delegate in Crema; here also referent of Pandino

/**
 * A segretario comunale who is referent of several comuni ("segreteria in
 * convenzione") gets one mail per publish and at most one deadline digest a morning, grouped by
 * comune; a referent of one comune gets what she always got; a job run again sends nothing more.
 */
describe('One mail per person, not per comune', () => {
  let stack: MailStack;
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let owner: Client;
  let ids: DemoIds;

  beforeAll(async () => {
    stack = await startMailStack();
    ({ sink, api, worker, owner, ids } = stack);
    await owner.query(
      `WITH p AS (INSERT INTO person (fiscal_code, given_name, family_name, email)
                  VALUES ('SGRCNV70A01D142V', 'Carla', 'Segreti', $1) RETURNING id)
       INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by)
       SELECT p.id, 'COMUNE_REFERENT', $2, c.id, 'test' FROM p, unnest($3::uuid[]) AS c(id)`,
      [SEGRETARIO, ids.consortiumA, [ids.crema, ids.pandino]],
    );
    // Paolo Conti, delegate in Crema, is also the referent of Pandino.
    await owner.query(
      `INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by)
       SELECT p.id, 'COMUNE_REFERENT', $1, $2, 'test' FROM person p WHERE p.fiscal_code = $3`,
      [ids.consortiumA, ids.pandino, DELEGATE_CREMA],
    );
  });
  afterAll(async () => {
    await stack?.close();
  });

  const mailsTo = (address: string, subject: RegExp): ReceivedMail[] =>
    sink.messages().filter((m) => m.envelope.to.includes(address) && subject.test(m.subject ?? ''));
  const day = todayInRome();
  const inSevenDays = new Date(Date.parse(`${day}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const italian = (iso: string) => iso.split('-').reverse().join('/');
  const NEW = /^Nuov[ae] attivit/;
  let firstObjective = '';
  const DIGEST = /^Promemoria scadenze/;

  it('mails one «Nuove attività» per person for a publish, grouped by comune, and once only', async () => {
    const title = 'Nomina del Responsabile per la transizione al digitale';
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema, ids.pandino],
      title,
      dueDate: inSevenDays,
    });
    firstObjective = objectiveId;
    await outboxSettled(api);
    const crema = await assignmentOf(api, objectiveId, ids.crema);
    const pandino = await assignmentOf(api, objectiveId, ids.pandino);

    // The segretario of both comuni: one mail, each comune a heading with its activity and link.
    const hers = mailsTo(SEGRETARIO, NEW);
    expect(hers).toHaveLength(1);
    const [mail] = hers;
    expect(mail.subject).toBe(
      `Nuove attività (2) per i Comuni di Crema e Pandino: ${title} – scadenza ${italian(inSevenDays)}`,
    );
    expect(mail.text).toContain('Gentile Carla Segreti');
    expect(mail.text).toContain('Comune di Crema');
    expect(mail.text).toContain('Comune di Pandino');
    expect(mail.text).toContain(`/assegnazioni/${crema.id}`);
    expect(mail.text).toContain(`/assegnazioni/${pandino.id}`);
    expect(mail.text!.indexOf('Comune di Crema\n')).toBeLessThan(
      mail.text!.indexOf(`/assegnazioni/${crema.id}`),
    );
    expect(mail.text!.indexOf('Comune di Pandino\n')).toBeLessThan(
      mail.text!.indexOf(`/assegnazioni/${pandino.id}`),
    );
    expect(mail.text!.indexOf(`/assegnazioni/${crema.id}`)).toBeLessThan(
      mail.text!.indexOf('Comune di Pandino\n'),
    );
    expect(mail.html).toMatch(/<h3[^>]*>Comune di Crema<\/h3>/);
    expect(mail.html).toMatch(/<h3[^>]*>Comune di Pandino<\/h3>/);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // A referent of one comune: the same mail as before.
    const anna = mailsTo(ANNA, NEW);
    expect(anna).toHaveLength(1);
    expect(anna[0].subject).toBe(
      `Nuova attività per il Comune di Crema: ${title} – scadenza ${italian(inSevenDays)}`,
    );
    expect(anna[0].text).toContain(`/assegnazioni/${crema.id}`);
    expect(anna[0].text).not.toContain(`/assegnazioni/${pandino.id}`);
    const sara = mailsTo(SARA, NEW);
    expect(sara).toHaveLength(1);
    expect(sara[0].subject).toMatch(/^Nuova attività per il Comune di Pandino: /);
    // Delegates have no assignment at publish time: Paolo hears of Pandino's only, as its referent.
    const paolo = mailsTo(PAOLO, NEW);
    expect(paolo).toHaveLength(1);
    expect(paolo[0].subject).toMatch(/^Nuova attività per il Comune di Pandino: /);
    expect(paolo[0].text).not.toContain(`/assegnazioni/${crema.id}`);

    // The job run again (a retry, a redelivery after a crash): nothing more.
    const run = await owner.query(`SELECT id FROM push_run WHERE objective_id = $1`, [objectiveId]);
    expect(run.rows).toHaveLength(1);
    const notices = worker.get(NoticesService);
    const job = JobContext.forJob(worker.get<DataSource>(APP_DATA_SOURCE), NOTIFICATIONS_SUBJECT, {
      consortiumId: ids.consortiumA,
    });
    const again = await notices.sendPublished(job, {
      kind: 'published',
      pushRunId: run.rows[0].id,
      objectiveId,
      consortiumId: ids.consortiumA,
    });
    expect(again).toBe(0);
    expect(mailsTo(SEGRETARIO, NEW)).toHaveLength(1);
    expect(mailsTo(ANNA, NEW)).toHaveLength(1);
  });

  it('sends at most one deadline digest a morning per person, covering all their comuni', async () => {
    // A second activity for Crema, due the same day; the first one is delegated to Paolo.
    await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      title: 'Secondo obiettivo di Crema',
      dueDate: inSevenDays,
    });
    const delegated = await assignmentOf(api, firstObjective, ids.crema);
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(`mutation($id: ID!, $fc: String) { delegateAssignment(id: $id, fiscalCode: $fc) { id } }`, {
          id: delegated.id,
          fc: DELEGATE_CREMA,
        }),
      'delegateAssignment',
    );
    // The segretario, referent of Crema, is also the delegate of Crema's second activity: her
    // digest still lists all of Crema's open work, not only what is delegated to her.
    await owner.query(
      `INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by)
       SELECT p.id, 'COMUNE_DELEGATE', $1, $2, 'test' FROM person p WHERE p.fiscal_code = 'SGRCNV70A01D142V'`,
      [ids.consortiumA, ids.crema],
    );
    const second = (
      await owner.query(
        `SELECT a.id FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
          WHERE o.title = 'Secondo obiettivo di Crema' AND a.comune_id = $1`,
        [ids.crema],
      )
    ).rows[0].id;
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(`mutation($id: ID!, $fc: String) { delegateAssignment(id: $id, fiscalCode: $fc) { id } }`, {
          id: second,
          fc: 'SGRCNV70A01D142V',
        }),
      'delegateAssignment',
    );
    await outboxSettled(api);

    const notifications = worker.get(NotificationsService);
    const job = JobContext.forJob(worker.get<DataSource>(APP_DATA_SOURCE), NOTIFICATIONS_SUBJECT, {});
    await notifications.sendDailyDigests(job, day);

    const hers = mailsTo(SEGRETARIO, DIGEST);
    expect(hers).toHaveLength(1);
    const [digest] = hers;
    expect(digest.subject).toBe(`Promemoria scadenze RTD – Crema e Pandino – ${italian(day)}`);
    expect(digest.text).toContain('Gentile Carla Segreti');
    const text = digest.text!;
    expect(text).toContain('Comune di Crema');
    expect(text).toContain('Comune di Pandino');
    // Each comune's heading, then its sections.
    const cremaAt = text.indexOf('Comune di Crema\n');
    const pandinoAt = text.indexOf('Comune di Pandino\n');
    expect(cremaAt).toBeGreaterThan(0);
    expect(pandinoAt).toBeGreaterThan(cremaAt);
    expect(text.slice(cremaAt, pandinoAt)).toMatch(/In scadenza entro 7 giorni \(2\)/);
    expect(text.slice(cremaAt, pandinoAt)).toContain('Secondo obiettivo di Crema');
    expect(text.slice(pandinoAt)).toMatch(/In scadenza entro 7 giorni \(1\)/);
    expect(digest.html).toMatch(/<h2[^>]*>Comune di Crema<\/h2>/);
    expect(digest.raw).toMatch(/^List-Unsubscribe:\s*<[^>]+disiscrizione\?token=/m);

    // A referent of one comune: the digest she always had.
    const anna = mailsTo(ANNA, DIGEST);
    expect(anna).toHaveLength(1);
    expect(anna[0].subject).toBe(`Promemoria scadenze RTD – Crema – ${italian(day)}`);
    expect(anna[0].text).not.toContain('Pandino');
    expect(anna[0].text).toContain('Secondo obiettivo di Crema');
    expect(mailsTo(SARA, DIGEST)).toHaveLength(1);

    // Referent of Pandino and delegate in Crema: one digest, Pandino's work and only what Crema
    // delegated to him.
    const paolo = mailsTo(PAOLO, DIGEST);
    expect(paolo).toHaveLength(1);
    expect(paolo[0].subject).toBe(`Promemoria scadenze RTD – Crema e Pandino – ${italian(day)}`);
    const paoloCrema = paolo[0].text!.slice(
      paolo[0].text!.indexOf('Comune di Crema\n'),
      paolo[0].text!.indexOf('Comune di Pandino\n'),
    );
    expect(paoloCrema).toMatch(/In scadenza entro 7 giorni \(1\)/);
    expect(paoloCrema).toContain('Nomina del Responsabile');
    expect(paolo[0].text).not.toContain('Secondo obiettivo di Crema');

    // The morning job run again: nothing more.
    expect(await notifications.sendDailyDigests(job, day)).toBe(0);
    expect(mailsTo(SEGRETARIO, DIGEST)).toHaveLength(1);
    expect(mailsTo(ANNA, DIGEST)).toHaveLength(1);
    expect(mailsTo(PAOLO, DIGEST)).toHaveLength(1);
  });
  it('tells a new due date once per person, each of their comuni under its name', async () => {
    const objective = ok(
      await api.as(RTD_A).graphql(`query($id: ID!) { sharedObjective(id: $id) { id version } }`, {
        id: firstObjective,
      }),
      'sharedObjective',
    );
    const moved = ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!, $d: Date) { updateSharedObjective(id: $id, expectedVersion: $v, input: { dueDate: $d }) { version } }`,
          { id: objective.id, v: objective.version, d: '2099-06-30' },
        ),
      'updateSharedObjective',
    );
    await outboxSettled(api);
    const CHANGED = /^Scadenza cambiata/;
    const hers = mailsTo(SEGRETARIO, CHANGED);
    expect(hers).toHaveLength(1);
    expect(hers[0].subject).toBe(
      'Scadenza cambiata: Nomina del Responsabile per la transizione al digitale – Comuni di Crema e Pandino – nuova scadenza 30/06/2099',
    );
    const text = hers[0].text!;
    expect(text.indexOf('Comune di Crema\n')).toBeGreaterThan(0);
    expect(text.indexOf('Comune di Pandino\n')).toBeGreaterThan(text.indexOf('Comune di Crema\n'));
    // One comune: the mail as before.
    const anna = mailsTo(ANNA, CHANGED);
    expect(anna).toHaveLength(1);
    expect(anna[0].subject).toBe(
      'Scadenza cambiata: Nomina del Responsabile per la transizione al digitale – Comune di Crema – nuova scadenza 30/06/2099',
    );
    // The job run again: nothing more.
    const notices = worker.get(NoticesService);
    const job = JobContext.forJob(worker.get<DataSource>(APP_DATA_SOURCE), NOTIFICATIONS_SUBJECT, {
      consortiumId: ids.consortiumA,
    });
    const again = await notices.sendObjectiveChanged(job, {
      kind: 'objective-changed',
      objectiveId: objective.id,
      consortiumId: ids.consortiumA,
      change: 'due-date',
      version: moved.version,
    });
    expect(again).toBe(0);
    expect(mailsTo(SEGRETARIO, CHANGED)).toHaveLength(1);
  });
});
