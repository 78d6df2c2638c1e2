import { createServer } from 'node:net';
import { createTransport } from 'nodemailer';
import { parseMail } from './parse-mail';
import { PortInUseError, startSmtpSink, type SmtpSink } from './smtp-sink';

describe('parseMail (mailparser)', () => {
  it('decodes RFC 2047 encoded-words, joining adjacent ones', async () => {
    const subject = async (value: string) =>
      (await parseMail(Buffer.from(`Subject: ${value}\r\n\r\nx\r\n`, 'latin1'))).subject;
    expect(await subject('=?UTF-8?Q?Esito_della_verifica:_=C2=ABPA=C2=BB?=')).toBe(
      'Esito della verifica: «PA»',
    );
    // A multi-byte character split across two words, and the folding space between them dropped.
    expect(await subject('=?utf-8?B?w6g=?= =?utf-8?B?IHZhbGlkYXRv?=')).toBe('è validato');
    expect(await subject('Promemoria =?ISO-8859-1?Q?attivit=E0?= RTD')).toBe('Promemoria attività RTD');
  });

  it('reads headers and the text part of a multipart message', async () => {
    const raw = [
      'From: RTD Hub <noreply@rtdhub.localhost>',
      'To: =?UTF-8?Q?Anna_Moretti?= <anna@example.it>',
      'Subject: =?UTF-8?Q?Promemoria_scadenze_RTD_=E2=80=93_Crema?=',
      ' =?UTF-8?Q?_=E2=80=93_20/09/2023?=',
      'Message-ID: <digest-1@rtdhub>',
      'Content-Type: multipart/alternative; boundary="--_b1"',
      '',
      '----_b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Attivit=C3=A0 in ritardo: una riga molto lunga che viene spezzata dal codifi=',
      'catore.',
      '----_b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Attività</p>').toString('base64'),
      '----_b1--',
      '',
    ].join('\r\n');
    const mail = await parseMail(Buffer.from(raw, 'latin1'));
    expect(mail.subject).toBe('Promemoria scadenze RTD – Crema – 20/09/2023');
    expect(mail.to).toBe('Anna Moretti <anna@example.it>');
    expect(mail.messageId).toBe('<digest-1@rtdhub>');
    expect(mail.text).toBe('Attività in ritardo: una riga molto lunga che viene spezzata dal codificatore.');
    expect(mail.html).toBe('<p>Attività</p>');
  });

  it('reads a single-part 8bit body', async () => {
    const mail = await parseMail(
      Buffer.from(
        'Subject: =?UTF-8?Q?Citt=C3=A0?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCittà\r\n',
      ),
    );
    expect(mail.subject).toBe('Città');
    expect(mail.text).toBe('Città\n');
    expect(mail.html).toBeNull();
  });
});

describe('startSmtpSink', () => {
  let sink: SmtpSink;
  const lines: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0, log: (line) => lines.push(line) });
  });
  afterAll(() => sink.close());

  it('receives what nodemailer sends, decoded', async () => {
    const transport = createTransport(sink.url);
    try {
      const waiting = sink.waitFor((m) => m.messageId === '<sink-test-1@rtdhub>', 5000);
      await transport.sendMail({
        from: 'RTD Hub <noreply@rtdhub.localhost>',
        to: 'Anna Moretti <anna@example.it>',
        subject: 'Esito della verifica: Piano di migrazione – fase «due» ' + 'à'.repeat(80),
        text: 'Gentile Anna Moretti,\n\nl’obiettivo è stato validato.\n' + 'è'.repeat(200),
        html: '<p>validato</p>',
        messageId: '<sink-test-1@rtdhub>',
      });
      const mail = await waiting;
      expect(mail.subject).toBe('Esito della verifica: Piano di migrazione – fase «due» ' + 'à'.repeat(80));
      expect(mail.envelope).toEqual({ from: 'noreply@rtdhub.localhost', to: ['anna@example.it'] });
      expect(mail.to).toBe('Anna Moretti <anna@example.it>');
      expect(mail.text).toBe('Gentile Anna Moretti,\n\nl’obiettivo è stato validato.\n' + 'è'.repeat(200));
      expect(mail.html).toBe('<p>validato</p>');
      expect(mail.raw).toContain('Message-ID: <sink-test-1@rtdhub>');
      expect(sink.messages()).toHaveLength(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('anna@example.it');
    } finally {
      transport.close();
    }
  });

  it('clears, and times out waiting for a mail that never comes', async () => {
    sink.clear();
    expect(sink.messages()).toEqual([]);
    await expect(sink.waitFor(() => true, 50)).rejects.toThrow(/no matching mail within 50 ms/);
  });

  it('reports a port already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startSmtpSink({ port })).rejects.toBeInstanceOf(PortInUseError);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
