import { randomUUID } from 'node:crypto';
import { startSmtpSink, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { RTD_A, tokenFor } from './support/identities';
import {
  environmentFor,
  RunningApi,
  RunningProcess,
  startApiProcess,
  startProcess,
} from './support/processes';
import { cremaAssignment, demoIds } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';
import { eventually } from './support/test-worker';

/** The JSON log lines of a process's output that carry this request id. */
function linesOf(output: string, requestId: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(requestId))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.requestId === requestId);
}

/** The processes as operators run them: one id leads from the request to its job and to the mail. */
describe('Request id across API, worker and mail', () => {
  let sink: SmtpSink;
  let api: TestApi;
  let apiProcess: RunningApi;
  let worker: RunningProcess;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    api = await startTestApi({ smtpUrl: sink.url });
    const env = { ...environmentFor({ ...api.config, smtpUrl: sink.url }) };
    worker = startProcess('apps/worker/src/main.js', env);
    await worker.waitForOutput(/RTD Hub worker avviato/, 60_000);
    apiProcess = await startApiProcess({ ...api.config, smtpUrl: sink.url });
  });
  afterAll(async () => {
    await apiProcess?.stop();
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await api?.close();
    await sink?.close();
  });

  it('logs the request, the job and the mail under the X-Request-Id of the request, which the mail carries too', async () => {
    const ids = await demoIds(api);
    const assignment = await cremaAssignment(api, ids, 'SUBMITTED');
    const requestId = `trace-${randomUUID()}`;
    const response = await fetch(`http://127.0.0.1:${apiProcess.port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor(RTD_A)}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        query: `mutation($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: REJECT, reason: "Allegare la delibera") { version } }`,
        variables: { id: assignment.id, v: assignment.version },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);

    const mail = await sink.waitFor((m) => m.text?.includes('Allegare la delibera') ?? false, 30_000);
    expect(mail.headers['x-request-id']).toBe(requestId);
    const completed = (line: Record<string, unknown>) => /^job .* completed$/.test(String(line.msg));
    const job = await eventually(
      async () => linesOf(worker.output(), requestId),
      (lines) => lines.some(completed),
    );

    // The API's line of the request.
    const request = linesOf(apiProcess.output(), requestId);
    expect(request.some((line) => line.msg === 'request completed')).toBe(true);
    // The worker's lines of the job that request caused, and of the mail it sent.
    const done = job.find(completed);
    expect(done).toMatchObject({ service: 'worker', queue: 'notifications' });
    const sent = job.find((line) => line.msg === 'mail sent');
    expect(sent).toMatchObject({ service: 'worker', messageId: mail.messageId, jobId: done!.jobId });
    // No address in the log: the message id says which mail.
    expect(JSON.stringify(job)).not.toContain('anna.moretti');
  });
});
