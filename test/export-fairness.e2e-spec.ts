import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { AUDITOR_A, RTD_A, RTD_B, STAFF_A } from './support/identities';
import { demoIds, DemoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { eventually, startTestWorker } from './support/test-worker';

const REQUEST = `mutation ($input: ExportRequestInput!) { requestExport(input: $input) { id state } }`;

/**
 * One worker builds every consortium's files (issue 26, point 3: eight consortium PDFs queued by
 * one staff member in 0.2 s took another consortium's single scheda from 1.1 s to 27 s). A person
 * and a consortium may have only so many files waiting, and the consortia take turns.
 */
describe('Export queue: caps per person and consortium, turns across consortia', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: Client;
  const jobs: { who: string; id: string }[] = [];

  const request = (who: string, input: Record<string, unknown>) => api.as(who).graphql(REQUEST, { input });
  const report = (who: string) =>
    request(who, { kind: 'CONSORTIUM_REPORT_PDF', consortiumId: ids.consortiumA });

  beforeAll(async () => {
    api = await startTestApi({ exportQueue: { perPerson: 3, perConsortium: 5 } });
    ids = await demoIds(api);
    owner = new Client({ connectionString: api.db.config.databaseOwnerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await api.close();
  });

  it('takes three files from one person and five from one consortium, then answers RATE_LIMITED', async () => {
    // No worker runs yet: everything asked for stays waiting.
    for (let i = 0; i < 3; i++)
      jobs.push({ who: STAFF_A, id: ok(await report(STAFF_A), 'requestExport').id });
    const fourth = await report(STAFF_A);
    expect(errorCodes(fourth)).toEqual(['RATE_LIMITED']);
    expect(fourth.status).toBe(429);
    expect(fourth.errors![0].message).toBe(
      'File già in preparazione per chi li ha chiesti: 3 (al massimo 3 alla volta); attendere che siano pronti prima di chiederne altri',
    );
    for (let i = 0; i < 2; i++) jobs.push({ who: RTD_A, id: ok(await report(RTD_A), 'requestExport').id });
    const sixth = await report(AUDITOR_A);
    expect(errorCodes(sixth)).toEqual(['RATE_LIMITED']);
    expect(sixth.errors![0].message).toMatch(
      /^File già in preparazione per il consorzio: 5 \(al massimo 5\)/,
    );
    // Nothing queued by the refusals.
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM export_job WHERE consortium_id = $1`, [
      ids.consortiumA,
    ]);
    expect(rows[0].n).toBe(5);
  });

  it("builds another consortium's single scheda in its turn, not after the first one's batch", async () => {
    const scheda = ok(
      await request(RTD_B, { kind: 'SCHEDA_COMUNE_PDF', comuneId: ids.vaiano }),
      'requestExport',
    );
    let worker: INestApplicationContext | undefined;
    try {
      worker = await startTestWorker(api.config);
      const finished = await eventually(
        async () =>
          (
            await owner.query(
              `SELECT id, consortium_id AS "consortiumId", state FROM export_job
                WHERE id = ANY ($1::uuid[]) AND finished_at IS NOT NULL ORDER BY finished_at, id`,
              [[...jobs.map((job) => job.id), scheda.id]],
            )
          ).rows as { id: string; consortiumId: string; state: string }[],
        (rows) => rows.length === 6,
        120_000,
      );
      expect(finished.every((row) => row.state === 'COMPLETED')).toBe(true);
      // In arrival order it was sixth, after all five of A's. Taking turns, it waits for the
      // report being built and at most one more of A.
      const turn = finished.findIndex((row) => row.id === scheda.id) + 1;
      expect({ turn, ofConsortiumB: finished[turn - 1].consortiumId }).toEqual({
        turn: expect.any(Number),
        ofConsortiumB: ids.consortiumB,
      });
      expect(turn).toBeLessThanOrEqual(3);
    } finally {
      await worker?.close();
    }
    // Once built, the person may ask again.
    expect(errorCodes(await report(STAFF_A))).toEqual([]);
  });
});
