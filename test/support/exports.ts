import request from 'supertest';
import { tokenFor } from './identities';
import { ok } from './scenario';
import { TestApi } from './test-app';
import { eventually } from './test-worker';

export const EXPORT_JOB = `query ($id: ID!) {
  exportJob(id: $id) { id state kind progress fileName size edition downloadUrl downloadExpiresAt }
}`;

/**
 * A file asked for with requestExport (`request`: the mutation, with whatever fields the test
 * reads) and built by the worker: the job as exportJob gives it once it is no longer QUEUED or
 * RUNNING. The worker must run (startTestWorker).
 */
export async function builtExport(
  api: TestApi,
  who: string,
  request: string,
  input: Record<string, unknown>,
): Promise<Record<string, any>> {
  const queued = ok(await api.as(who).graphql(request, { input }), 'requestExport');
  return eventually(
    async () => ok(await api.as(who).graphql(EXPORT_JOB, { id: queued.id }), 'exportJob'),
    (job) => job.state === 'COMPLETED' || job.state === 'FAILED',
    60_000,
  );
}

/** GET of a download link as `who` (or with no token), the body kept as bytes. */
export async function downloadFile(api: TestApi, url: string, who: string | null) {
  const req = request(api.app.getHttpServer())
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  if (who) req.set('authorization', `Bearer ${await tokenFor(who)}`);
  return req;
}
