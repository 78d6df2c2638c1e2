import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from '../apps/dev-mail/src/parse-mail';
import { REFERENT_CREMA, REFERENT_PANDINO, RTD_A } from './support/identities';
import { environmentFor, RunningProcess, startProcess } from './support/processes';
import { DemoIds, demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { eventually } from './support/test-worker';

interface Accepted extends ParsedMail {
  to: string;
  raw: string;
}

/**
 * A relay that takes its time (each message is acknowledged `delayMs` after its data arrives) and
 * keeps a message only if the sender is still connected to hear the acknowledgement, like a real
 * relay: a worker killed while a message is in flight has not handed it over.
 */
async function slowRelay(delayMs: number, onData: (count: number) => void) {
  const accepted: Accepted[] = [];
  let arrivals = 0;
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onClose: (session) => closed.add(session.id),
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        onData(++arrivals);
        setTimeout(() => {
          void (async () => {
            if (closed.has(session.id)) return callback(new Error('sender gone'));
            const source = Buffer.concat(chunks);
            const parsed = await parseMail(source);
            accepted.push({
              ...parsed,
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              raw: source.toString('utf8'),
            });
            callback();
          })();
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SEVEN = ['019035', '019067', '016183', '019002', '019003', '019005', '019010'];

/**
 * Publishing to 7 comuni mails each of their referents once, listing the comune's new activity
 * with its due date and a working link, after the fan-out; a worker killed mid-send loses none and
 * duplicates none (issue 22).
 */
describe('Mail on publish', () => {
  let api: TestApi;
  let owner: Client;
  let ids: DemoIds;
  let relay: Awaited<ReturnType<typeof slowRelay>>;
  let killFirst: (count: number) => void = () => undefined;
  const workers: RunningProcess[] = [];

  beforeAll(async () => {
    relay = await slowRelay(300, (count) => killFirst(count));
    api = await startTestApi({ smtpUrl: relay.url });
    ids = await demoIds(api);
    owner = new Client({ connectionString: api.config.databaseOwnerUrl });
    await owner.connect();
    // Crema, Pandino and Romano have their demo referents; four more comuni get one each, and
    // Pandino a second one: 8 referents in 7 comuni.
    const extra = [
      ['019002', 'RSSMRA80A01D142X', 'Mario', 'Rossi'],
      ['019003', 'BNCLRA81B41D142Y', 'Laura', 'Bianchi'],
      ['019005', 'VRDGPP79C10D142Z', 'Giuseppe', 'Verdi'],
      ['019010', 'NREFNC82D50D142W', 'Francesca', 'Neri'],
      ['019067', 'GLLSFN77E12G306V', 'Stefano', 'Gallo'],
    ];
    for (const [istat, fiscalCode, given, family] of extra) {
      await owner.query(
        `WITH p AS (INSERT INTO person (fiscal_code, given_name, family_name, email)
                    VALUES ($1, $2, $3, lower($2 || '.' || $4 || '@comune.example.it')) RETURNING id)
         INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by)
         SELECT p.id, 'COMUNE_REFERENT', $5, c.id, 'test' FROM p, comune c WHERE c.istat_code = $6`,
        [fiscalCode, given, family, family, ids.consortiumA, istat],
      );
    }
  });
  afterAll(async () => {
    for (const worker of workers) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await owner?.end();
    await api?.close();
    await relay?.close();
  });

  function worker(): RunningProcess {
    const started = startProcess('apps/worker/src/main.js', {
      ...environmentFor(api.config),
      JOB_LOCK_MS: '2000',
    });
    workers.push(started);
    return started;
  }

  it('mails each referent of the 7 comuni once, with working links, across a worker killed mid-send', async () => {
    const comuni = (
      await owner.query(`SELECT id, istat_code FROM comune WHERE istat_code = ANY($1)`, [SEVEN])
    ).rows.map((row) => row.id as string);
    expect(comuni).toHaveLength(7);
    const referents = (
      await owner.query(
        `SELECT p.email FROM membership m JOIN person p ON p.id = m.person_id
          WHERE m.role = 'COMUNE_REFERENT' AND m.revoked_at IS NULL AND m.comune_id = ANY($1) AND p.email IS NOT NULL`,
        [comuni],
      )
    ).rows.map((row) => row.email as string);
    expect(referents).toHaveLength(8);

    const first = worker();
    const killed = new Promise<void>((resolve) => {
      // The fourth message is in flight: the first three were acknowledged and recorded as sent.
      killFirst = (count) => {
        if (count !== 4) return;
        first.child.kill('SIGKILL');
        resolve();
      };
    });
    const rtd = api.as(RTD_A);
    const objective = ok(
      await rtd.graphql(
        `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
        {
          input: {
            consortiumId: ids.consortiumA,
            title: 'Pubblicazione della dichiarazione di accessibilità',
            edition: '2022-2024',
            lineCodes: ['CAP1.PA.LA20'],
            dueDate: '2027-03-31',
            target: { comuneIds: comuni },
          },
        },
      ),
      'createSharedObjective',
    );
    ok(
      await rtd.graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, {
        id: objective.id,
      }),
      'publishSharedObjective',
    );
    await killed;
    await first.exited;
    expect(relay.accepted.length).toBe(3);

    worker();
    await eventually(
      async () => relay.accepted.length,
      (n) => n >= 8,
      90_000,
    );
    // A bounded quiet period: nothing more arrives (no duplicate from a rerun or a redelivery).
    const quietUntil = Date.now() + 3000;
    await eventually(
      async () => relay.accepted.length,
      (n) => n > 8 || Date.now() > quietUntil,
      10_000,
    );
    expect(relay.accepted.map((m) => m.to).sort()).toEqual([...referents].sort());
    expect(new Set(relay.accepted.map((m) => m.messageId)).size).toBe(8);

    const anna = relay.accepted.find((m) => m.to === 'anna.moretti@demo.rtdhub.it')!;
    expect(anna.subject).toBe(
      'Nuova attività per il Comune di Crema: Pubblicazione della dichiarazione di accessibilità – scadenza 31/03/2027',
    );
    expect(anna.text).toContain('Gentile Anna Moretti');
    expect(anna.html).toContain('<a href="http://127.0.0.1:4000/assegnazioni/');
    expect(anna.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(anna.raw).toMatch(/^List-Unsubscribe:\s*<http:\/\/127\.0\.0\.1:4000\/disiscrizione\?token=/m);

    // Each link opens that comune's new assignment, for that referent.
    for (const [who, mail] of [
      [REFERENT_CREMA, anna],
      [REFERENT_PANDINO, relay.accepted.find((m) => m.to === 'sara.colombo@demo.rtdhub.it')!],
    ] as const) {
      const id = /\/assegnazioni\/([0-9a-f-]{36})/.exec(mail.text ?? '')![1];
      const found = ok(
        await api.as(who).graphql(`query($id: ID!) { assignment(id: $id) { id objective { id } } }`, { id }),
        'assignment',
      );
      expect(found.objective.id).toBe(objective.id);
    }
  }, 180_000);
});
