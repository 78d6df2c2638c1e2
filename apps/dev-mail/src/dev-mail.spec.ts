import { createTransport } from 'nodemailer';
import { PortInUseError, type ReceivedMail } from './smtp-sink';
import { startDevMail, type DevMail } from './dev-mail';

describe('dev-mail', () => {
  let devMail: DevMail;

  beforeAll(async () => {
    devMail = await startDevMail({ smtpPort: 0, httpPort: 0 });
  });
  afterAll(() => devMail.close());

  const send = async (subject: string, messageId: string) => {
    const transport = createTransport(devMail.smtp.url);
    try {
      await transport.sendMail({
        from: 'RTD Hub <noreply@rtdhub.localhost>',
        to: 'Anna Moretti <anna@example.it>',
        subject,
        text: `Corpo di ${subject}`,
        html: '<p>ciao</p><script>alert(1)</script>',
        messageId,
      });
    } finally {
      transport.close();
    }
  };

  it('shows received mail newest first on an Italian page, escaped', async () => {
    await send('Primo <b>messaggio</b>', '<first@rtdhub>');
    await send('Secondo – città', '<second@rtdhub>');
    const response = await fetch(devMail.httpUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('<title>Posta ricevuta (sviluppo)</title>');
    expect(page).toContain('2 messaggi ricevuti.');
    expect(page.indexOf('Secondo – città')).toBeLessThan(page.indexOf('Primo &lt;b&gt;messaggio&lt;/b&gt;'));
    expect(page).not.toContain('<b>messaggio');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('Corpo di Secondo – città');
    expect(page).toContain('anna@example.it');
  });

  it('serves the messages as JSON, newest first', async () => {
    const response = await fetch(`${devMail.httpUrl}/messages.json`);
    expect(response.headers.get('content-type')).toContain('application/json');
    const mails = (await response.json()) as ReceivedMail[];
    expect(mails.map((m) => m.messageId)).toEqual(['<second@rtdhub>', '<first@rtdhub>']);
    expect(mails[0].subject).toBe('Secondo – città');
  });

  it('empties the mailbox and answers unknown paths with 404', async () => {
    const cleared = await fetch(`${devMail.httpUrl}/clear`, { method: 'POST', redirect: 'manual' });
    expect(cleared.status).toBe(303);
    expect(devMail.smtp.messages()).toEqual([]);
    expect((await fetch(`${devMail.httpUrl}/nope`)).status).toBe(404);
    expect((await fetch(`${devMail.httpUrl}/clear`)).status).toBe(405);
  });

  it('refuses a taken HTTP port and leaves no SMTP listener behind', async () => {
    const error = await startDevMail({ smtpPort: 0, httpPort: devMail.httpPort }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).service).toBe('HTTP');
  });
});
