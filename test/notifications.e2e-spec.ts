import { randomUUID } from 'node:crypto';
import { loadNotificationsConfig, Mailer, reviewDecisionMail } from '@rtd/notifications';
import { startSmtpSink, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';

describe('notifications', () => {
  let sink: SmtpSink;
  let mailer: Mailer;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    mailer = new Mailer({ ...loadNotificationsConfig({ NODE_ENV: 'test' }), smtpUrl: sink.url });
  });
  afterAll(async () => {
    mailer?.close();
    await sink?.close();
  });

  it('delivers a review decision through SMTP, in Italian, once, with its stable Message-ID', async () => {
    const messageId = `<assignment-review-${randomUUID()}@rtdhub>`;
    const content = reviewDecisionMail({
      recipientName: 'Anna Moretti',
      comuneName: 'Crema',
      objectiveTitle: 'Adesione a pagoPA – fase «due»',
      decision: 'REJECT',
      reason: 'Manca la determina di adesione.',
      dueDate: '2023-09-23',
      link: 'https://rtdhub.example.it/assegnazioni/1',
    });

    await mailer.send({ to: 'Anna Moretti <anna.moretti@comune.crema.cr.it>', messageId, ...content });

    const mail = await sink.waitFor((m) => m.messageId === messageId, 5000);
    expect(sink.messages().filter((m) => m.messageId === messageId)).toHaveLength(1);
    expect(mail.subject).toBe('Esito della verifica: Adesione a pagoPA – fase «due»');
    expect(mail.envelope.to).toEqual(['anna.moretti@comune.crema.cr.it']);
    expect(mail.to).toBe('Anna Moretti <anna.moretti@comune.crema.cr.it>');
    expect(mail.envelope.from).toBe('noreply@rtdhub.localhost');
    expect(mail.from).toBe('RTD Hub <noreply@rtdhub.localhost>');
    expect(mail.headers['auto-submitted']).toBe('auto-generated');
    expect(mail.text).toContain(
      "è stato respinto dall'Ufficio RTD con questa motivazione: «Manca la determina di adesione».",
    );
    expect(mail.text).toContain('entro il 23/09/2023');
    expect(mail.html).toContain('<strong>respinto</strong>');
  });

  it('lets a relay failure reach the caller, so that its job retries', async () => {
    const closed = await startSmtpSink({ port: 0 });
    await closed.close();
    const unreachable = new Mailer({ ...loadNotificationsConfig({ NODE_ENV: 'test' }), smtpUrl: closed.url });
    try {
      await expect(
        unreachable.send({ to: 'a@example.it', subject: 'x', text: 'x', messageId: '<x@rtdhub>' }),
      ).rejects.toThrow();
    } finally {
      unreachable.close();
    }
  });
});
