import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import {
  DEFAULT_RULE,
  ExpiredFilesCleaner,
  nextRunOn,
  ReportScheduleService,
  SCHEDULED_REPORT_SUBJECT,
} from '@rtd/exports';
import { APP_DATA_SOURCE } from '@rtd/kernel';
import { ownerDataSource } from '@rtd/platform';
import { startSmtpSink, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { AUDITOR_A, REFERENT_CREMA, RTD_A, RTD_B, STAFF_A } from './support/identities';
import { downloadFile } from './support/exports';
import { demoIds, DemoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { eventually, startTestWorker } from './support/test-worker';

const SECRET = 'test-secret-for-download-links-0123456789';
const SCHEDULE = `query ($id: ID!) {
  consortiumReportSchedule(consortiumId: $id) { consortiumId frequency format dayOfMonth isSet nextRunOn canEdit }
}`;
const SET = `mutation ($input: SetConsortiumReportScheduleInput!) {
  setConsortiumReportSchedule(input: $input) { frequency format dayOfMonth isSet nextRunOn canEdit }
}`;
const REPORTS = `query ($id: ID!, $first: Int) {
  consortiumReports(consortiumId: $id, first: $first) { id kind state progress finishedAt expiresAt downloadUrl }
}`;
const REQUEST = `mutation ($input: ExportRequestInput!) {
  requestExport(input: $input) { id state expiresAt }
}`;

describe('Periodic report on a schedule, read by the office; expired files deleted', () => {
  let api: TestApi;
  let owner: DataSource;
  let worker: INestApplicationContext;
  let sink: SmtpSink;
  let ids: DemoIds;
  let job: JobContext;
  const previousSecret = process.env.DOWNLOAD_LINK_SECRET;

  const download = (url: string, who: string) => downloadFile(api, url, who);
  const queueDue = (day: string) => worker.get(ReportScheduleService).queueDue(job, day);
  const scheduled = async (period: string): Promise<{ consortium: string; kind: string }[]> =>
    (
      await owner.query(
        `SELECT consortium_id AS consortium, kind FROM export_job WHERE schedule_period = $1 ORDER BY consortium_id`,
        [period],
      )
    ).map((r: any) => ({ consortium: r.consortium, kind: r.kind }));

  beforeAll(async () => {
    process.env.DOWNLOAD_LINK_SECRET = SECRET;
    sink = await startSmtpSink({ port: 0 });
    api = await startTestApi({ smtpUrl: sink.url });
    owner = await ownerDataSource(api.db.config, 'report-schedule-test').initialize();
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
    job = JobContext.forJob(worker.get(APP_DATA_SOURCE), SCHEDULED_REPORT_SUBJECT, {});
  });
  afterAll(async () => {
    if (previousSecret === undefined) delete process.env.DOWNLOAD_LINK_SECRET;
    else process.env.DOWNLOAD_LINK_SECRET = previousSecret;
    await worker?.close();
    await owner?.destroy();
    await api?.close();
    await sink?.close();
  });

  it('is monthly, PDF, on day 1 while nothing is set; the office reads it, only the RTD may change it', async () => {
    const schedule = ok(
      await api.as(RTD_A).graphql(SCHEDULE, { id: ids.consortiumA }),
      'consortiumReportSchedule',
    );
    expect(schedule).toMatchObject({
      frequency: 'MONTHLY',
      format: 'PDF',
      dayOfMonth: 1,
      isSet: false,
      canEdit: true,
    });
    expect(schedule.nextRunOn).toMatch(/^\d{4}-\d{2}-01$/);
    expect(schedule.nextRunOn).toBe(nextRunOn(DEFAULT_RULE, todayInRome(), () => false));
    for (const who of [STAFF_A, AUDITOR_A]) {
      const seen = ok(
        await api.as(who).graphql(SCHEDULE, { id: ids.consortiumA }),
        'consortiumReportSchedule',
      );
      expect(seen).toMatchObject({ frequency: 'MONTHLY', canEdit: false });
    }
    for (const who of [REFERENT_CREMA, RTD_B]) {
      expect(errorCodes(await api.as(who).graphql(SCHEDULE, { id: ids.consortiumA }))).toEqual(['NOT_FOUND']);
    }

    const input = { consortiumId: ids.consortiumA, frequency: 'QUARTERLY', format: 'XLSX' };
    expect(errorCodes(await api.as(STAFF_A).graphql(SET, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.as(AUDITOR_A).graphql(SET, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.as(RTD_B).graphql(SET, { input }))).toEqual(['NOT_FOUND']);
    const bad = await api.as(RTD_A).graphql(SET, { input: { ...input, dayOfMonth: 31 } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toContain('giorno del mese');
    const unchanged = ok(
      await api.as(RTD_A).graphql(SCHEDULE, { id: ids.consortiumA }),
      'consortiumReportSchedule',
    );
    expect(unchanged).toMatchObject({ frequency: 'MONTHLY', isSet: false });
    const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM consortium_report_schedule`);
    expect(n).toBe(0);
  });

  it('queues one report per consortium and period, however often the daily job runs, and the worker builds it', async () => {
    const consortia: { id: string }[] = await owner.query(`SELECT id FROM consortium ORDER BY id`);
    expect(await queueDue('2027-01-01')).toBe(consortia.length);
    expect(await queueDue('2027-01-01')).toBe(0);
    expect(await queueDue('2027-01-02')).toBe(0);
    expect(await queueDue('2027-01-15')).toBe(0);
    const queued = await scheduled('2027-01');
    expect(queued).toEqual(consortia.map((c) => ({ consortium: c.id, kind: 'CONSORTIUM_REPORT_PDF' })));
    const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE dedupe_key = $1`, [
      `report:${ids.consortiumA}:2027-01`,
    ]);
    expect(n).toBe(1);
    const requesters = await owner.query(
      `SELECT DISTINCT requested_by AS who FROM export_job WHERE schedule_period = '2027-01'`,
    );
    expect(requesters).toEqual([{ who: 'system:exports' }]);

    // The staff of the consortium lists it and downloads it with a link of their own.
    const [report] = await eventually(
      async () => ok(await api.as(STAFF_A).graphql(REPORTS, { id: ids.consortiumA }), 'consortiumReports'),
      (list: any[]) => list.length === 1 && ['COMPLETED', 'FAILED'].includes(list[0].state),
      60_000,
    );
    expect(report).toMatchObject({ kind: 'CONSORTIUM_REPORT_PDF', state: 'COMPLETED', progress: 100 });
    const res = await download(report.downloadUrl, STAFF_A);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    // Another consortium's RTD neither lists it nor reads it, nor downloads it with the staff's link.
    expect(errorCodes(await api.as(RTD_B).graphql(REPORTS, { id: ids.consortiumA }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.as(REFERENT_CREMA).graphql(REPORTS, { id: ids.consortiumA }))).toEqual([
      'NOT_FOUND',
    ]);
    const other = await api
      .as(RTD_B)
      .graphql(`query ($id: ID!) { exportJob(id: $id) { id } }`, { id: report.id });
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    expect((await download(report.downloadUrl, RTD_B)).status).toBe(403);
    // Consortium B's own list holds its own report only.
    const ofB = ok(await api.as(RTD_B).graphql(REPORTS, { id: ids.consortiumB }), 'consortiumReports');
    expect(ofB.map((r: any) => r.id)).not.toContain(report.id);
    expect(errorCodes(await api.as(STAFF_A).graphql(REPORTS, { id: ids.consortiumA, first: 500 }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it("follows the RTD's schedule (quarterly, XLSX), with its audit entry", async () => {
    const set = ok(
      await api.as(RTD_A).graphql(SET, {
        input: { consortiumId: ids.consortiumA, frequency: 'QUARTERLY', format: 'XLSX', dayOfMonth: 1 },
      }),
      'setConsortiumReportSchedule',
    );
    expect(set).toMatchObject({ frequency: 'QUARTERLY', format: 'XLSX', dayOfMonth: 1, isSet: true });
    expect(set.nextRunOn).toMatch(/^\d{4}-(01|04|07|10)-01$/);
    const audit = await owner.query(
      `SELECT details FROM audit_log WHERE action = 'export.schedule' AND consortium_id = $1`,
      [ids.consortiumA],
    );
    expect(audit).toEqual([{ details: { frequency: 'QUARTERLY', format: 'XLSX', dayOfMonth: 1 } }]);
    const staffSees = ok(
      await api.as(STAFF_A).graphql(SCHEDULE, { id: ids.consortiumA }),
      'consortiumReportSchedule',
    );
    expect(staffSees).toMatchObject({ frequency: 'QUARTERLY', format: 'XLSX', isSet: true });

    // February: B (monthly by default) gets its report, A (quarterly) none.
    await queueDue('2027-02-01');
    expect((await scheduled('2027-02')).map((r) => r.consortium)).not.toContain(ids.consortiumA);
    expect((await scheduled('2027-02')).map((r) => r.consortium)).toContain(ids.consortiumB);
    // April: A's second quarter, as a workbook, once.
    await queueDue('2027-04-01');
    await queueDue('2027-04-02');
    expect(await scheduled('2027-Q2')).toEqual([
      { consortium: ids.consortiumA, kind: 'CONSORTIUM_REPORT_XLSX' },
    ]);
    // NONE: nothing more is queued for A.
    ok(
      await api.as(RTD_A).graphql(SET, { input: { consortiumId: ids.consortiumA, frequency: 'NONE' } }),
      'setConsortiumReportSchedule',
    );
    await queueDue('2027-07-01');
    expect(await scheduled('2027-Q3')).toEqual([]);
    expect((await scheduled('2027-07')).map((r) => r.consortium)).not.toContain(ids.consortiumA);
  });

  it('gives every file an expiry and deletes the expired ones, of every kind; fresh ones stay', async () => {
    const fresh = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(REQUEST, { input: { kind: 'SCHEDA_COMUNE_PDF', comuneId: ids.crema } }),
      'requestExport',
    );
    const kept = Date.parse(fresh.expiresAt) - Date.now();
    expect(kept).toBeGreaterThan(23 * 3_600_000);
    expect(kept).toBeLessThan(25 * 3_600_000);
    const old = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(REQUEST, { input: { kind: 'SCHEDA_COMUNE_PDF', comuneId: ids.crema } }),
      'requestExport',
    );
    await owner.query(`UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      old.id,
    ]);
    // A built report of B, expired (built first: the builder sets its year when it completes).
    await eventually(
      async () =>
        owner.query(`SELECT state FROM export_job WHERE schedule_period = '2027-02' AND consortium_id = $1`, [
          ids.consortiumB,
        ]),
      (rows: { state: string }[]) => rows[0]?.state === 'COMPLETED',
      60_000,
    );
    const [oldReport] = await owner.query(
      `WITH expired AS (UPDATE export_job SET expires_at = now() - interval '1 minute'
        WHERE schedule_period = '2027-02' AND consortium_id = $1 RETURNING id) SELECT id FROM expired`,
      [ids.consortiumB],
    );
    expect(oldReport).toBeDefined();

    const deleted = await worker.get(ExpiredFilesCleaner).run(job);
    expect(deleted).toBe(2);
    const left: { id: string }[] = await owner.query(`SELECT id FROM export_job WHERE id = ANY ($1)`, [
      [fresh.id, old.id, oldReport.id],
    ]);
    expect(left.map((r) => r.id)).toEqual([fresh.id]);
    expect(await worker.get(ExpiredFilesCleaner).run(job)).toBe(0);
  });
});
