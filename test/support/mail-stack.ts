import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { startSmtpSink, type SmtpSink } from '../../apps/dev-mail/src/smtp-sink';
import { DemoIds, demoIds } from './scenario';
import { startTestApi, TestApi } from './test-app';
import { startTestWorker } from './test-worker';

/** What the mail tests run against: an SMTP sink, the API mailing to it, a worker, the owner's connection. */
export interface MailStack {
  sink: SmtpSink;
  api: TestApi;
  worker: INestApplicationContext;
  /** The tables' owner (no row-level security), for setting up and checking rows. */
  owner: Client;
  ids: DemoIds;
  close(): Promise<void>;
}

export async function startMailStack(): Promise<MailStack> {
  const sink = await startSmtpSink({ port: 0 });
  const api = await startTestApi({ smtpUrl: sink.url });
  const worker = await startTestWorker(api.config);
  const ids = await demoIds(api);
  const owner = new Client({ connectionString: api.config.databaseOwnerUrl });
  await owner.connect();
  return {
    sink,
    api,
    worker,
    owner,
    ids,
    close: async () => {
      await owner.end();
      await worker.close();
      await api.close();
      await sink.close();
    },
  };
}
