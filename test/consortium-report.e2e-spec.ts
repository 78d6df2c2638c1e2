import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { formatEuro } from '@rtd/pnrr';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { startSmtpSink, type SmtpSink } from '../apps/dev-mail/src/smtp-sink';
import { AUDITOR_A, REFERENT_CREMA, RTD_A, RTD_B, STAFF_A } from './support/identities';
import { downloadFile } from './support/exports';
import { demoIds, DemoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { eventually, startTestWorker } from './support/test-worker';

const REQUEST = `mutation ($input: ExportRequestInput!) {
  requestExport(input: $input) { id state kind progress expiresAt downloadUrl }
}`;
const JOB = `query ($id: ID!) { exportJob(id: $id) { id state kind progress fileName expiresAt downloadUrl } }`;
const SUMMARY = `query ($s: ComplianceScope!, $g: ComplianceGroupBy!) {
  complianceSummary(scope: $s, groupBy: $g) {
    key label total notStarted inProgress submitted completed rejected notApplicable overdue completionRate
  }
}`;
const GIULIA = 'giulia.ferrari@demo.rtdhub.it';

const pdfLines = (pdf: Buffer): string[] => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])
    .toString('utf8')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim());
};

describe('Periodic report of the consortium (worker job, PDF and XLSX, mailed to the RTD)', () => {
  let api: TestApi;
  let owner: DataSource;
  let worker: INestApplicationContext;
  let sink: SmtpSink;
  let ids: DemoIds;

  const download = (url: string, who: string) => downloadFile(api, url, who);
  const built = async (who: string, kind: string, extra: Record<string, unknown> = {}) => {
    const queued = ok(
      await api.as(who).graphql(REQUEST, { input: { kind, consortiumId: ids.consortiumA, ...extra } }),
      'requestExport',
    );
    expect(queued).toMatchObject({ state: 'QUEUED', kind, progress: 0, downloadUrl: null });
    const job = await eventually(
      async () => ok(await api.as(who).graphql(JOB, { id: queued.id }), 'exportJob'),
      (j) => j.state === 'COMPLETED' || j.state === 'FAILED',
    );
    expect(job).toMatchObject({ state: 'COMPLETED', progress: 100 });
    const kept = Date.parse(job.expiresAt) - Date.now();
    expect(kept).toBeGreaterThan(364 * 86_400_000);
    expect(kept).toBeLessThan(367 * 86_400_000);
    return job;
  };
  const summary = async (groupBy: string) =>
    ok(
      await api.as(RTD_A).graphql(SUMMARY, { s: { consortiumId: ids.consortiumA }, g: groupBy }),
      'complianceSummary',
    );

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    api = await startTestApi({ smtpUrl: sink.url });
    owner = await ownerDataSource(api.db.config, 'report-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await worker?.close();
    await owner?.destroy();
    await api?.close();
    await sink?.close();
  });

  it('builds the PDF in the worker with the numbers of complianceSummary, and mails the RTD a link, not the file', async () => {
    sink.clear();
    const job = await built(RTD_A, 'CONSORTIUM_REPORT_PDF');
    expect(job.fileName).toMatch(/^relazione-periodica-.*\.pdf$/);
    const res = await download(job.downloadUrl, RTD_A);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const lines = pdfLines(res.body as Buffer);
    const text = lines.join(' ');
    expect(text).toContain('Relazione periodica');

    const pct = (rate: number) => `${Math.round(rate * 100)}%`;
    const row = (b: any) =>
      `${b.label} ${b.total} ${b.notStarted} ${b.inProgress} ${b.submitted} ${b.completed} ${b.rejected} ${b.notApplicable} ${b.overdue} ${pct(b.completionRate)}`;
    const [whole] = await summary('CONSORTIUM');
    expect(whole.total).toBeGreaterThan(0);
    expect(lines).toContain(row(whole));
    const comuni = await summary('COMUNE');
    expect(comuni.length).toBeGreaterThan(1);
    // The heatmap: one row per comune, each with the API's figures.
    for (const comune of comuni) expect(lines).toContain(row(comune));

    // PNRR (issue 21): the comuni's own funding, as Consortium.pnrr gives it, each measure dated.
    const funding = await api
      .as(RTD_A)
      .graphql(
        `query ($id: ID!) { consortium(id: $id) { pnrr { amount territoryAmount measures { measure { code } amount } } } }`,
        {
          id: ids.consortiumA,
        },
      );
    const pnrr = funding.data!.consortium.pnrr;
    expect(text).toContain(
      `Finanziamenti PNRR dei Comuni del consorzio (candidature presentate dai Comuni stessi, rinunce escluse): ${formatEuro(pnrr.amount)}`,
    );
    expect(text).toContain(formatEuro(pnrr.territoryAmount));
    const measure144 = pnrr.measures.find((m: any) => m.measure.code === '1.4.4');
    expect(lines.find((l) => l.startsWith('1.4.4 '))).toMatch(
      new RegExp(`${formatEuro(measure144.amount).replace(/\./g, '\\.')}.* 27/03/2025$`),
    );

    const mail = await sink.waitFor((m) => m.envelope.to.includes(GIULIA), 20_000);
    expect(mail.subject).toContain('Relazione periodica del consorzio');
    expect(mail.text).toContain('Gentile Giulia Ferrari');
    expect(mail.text).toContain(`/cruscotto?relazione=${job.id}`);
    expect(mail.text).not.toContain(job.fileName);
  });

  it('is something to send: a cover, a summary with the change since the last report, charts, what is late and why, what is due next, and no daily table', async () => {
    const ISSUE = 'Il fornitore non ha ancora consegnato il nuovo sito';
    await owner.query(
      `UPDATE assignment SET issues = $1, status = 'IN_PROGRESS', due_date = DATE '2020-01-01'
        WHERE id = (SELECT a.id FROM assignment a JOIN comune c ON c.id = a.comune_id
                     WHERE c.name = 'Crema' AND a.consortium_id = $2 ORDER BY a.id LIMIT 1)`,
      [ISSUE, ids.consortiumA],
    );
    await owner.query(
      `UPDATE assignment SET status = 'NOT_STARTED', due_date = (now() AT TIME ZONE 'Europe/Rome')::date + 20
        WHERE id = (SELECT a.id FROM assignment a JOIN comune c ON c.id = a.comune_id
                     WHERE c.name = 'Pandino' AND a.consortium_id = $1 ORDER BY a.id LIMIT 1)`,
      [ids.consortiumA],
    );
    const COMMENT = 'Nel semestre i Comuni piccoli hanno recuperato: restano i siti web.';
    const job = await built(RTD_A, 'CONSORTIUM_REPORT_PDF', { commentary: COMMENT });
    const res = await download(job.downloadUrl, RTD_A);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'report-')), 'report.pdf');
    writeFileSync(file, res.body as Buffer);
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').split('\f');
    const text = (n: number) => pages[n - 1].replace(/\s+/g, ' ');
    // Page 1, the cover: the consortium and the period.
    expect(text(1)).toContain('Relazione periodica');
    expect(text(1)).toMatch(/Periodo: dal \d{2}\/\d{2}\/\d{4} al \d{2}\/\d{2}\/\d{4}/);
    // Page 2, the summary: today, the last report (an earlier test built one) and the change.
    expect(text(2)).toContain('Sintesi');
    expect(text(2)).toMatch(/dall’ultima relazione/);
    expect(text(2)).toContain('Variazione');
    expect(text(2)).toMatch(/Completamento \d+% \d+% [+-]?\d+ punti/);
    // The RTD's commentary, written when asking, is in the summary.
    expect(text(2)).toContain('Commento del Responsabile per la Transizione al Digitale');
    expect(text(2)).toContain(COMMENT);
    const all = pages.join(' ').replace(/\s+/g, ' ');
    for (const heading of [
      'Andamento del completamento',
      'Stato delle attività per obiettivo',
      'Stato delle attività per Comune',
      'Che cosa è stato completato',
      'Che cosa è in ritardo, e perché',
      'Che cosa scade nei prossimi 60 giorni',
    ])
      expect(all).toContain(heading);
    // Why it is late: the comune's criticità, with its comune; what is due next names Pandino.
    expect(all).toContain(ISSUE);
    expect(all).toMatch(/Crema .*Il fornitore non ha ancora consegnato/);
    expect(all).toMatch(/Pandino/);
    // The app's words, and no table of 365 days: a handful of pages, few dated rows.
    expect(all).toContain('Inviate, da validare');
    const datedRows = pages
      .join('\n')
      .split('\n')
      .filter((l) => /^\d{2}\/\d{2}\/\d{4}$/.test(l.trim()));
    expect(datedRows.length).toBeLessThan(40);
    // pdftotext ends every page with a form feed: the last piece is empty.
    expect(pages.length - 1).toBeLessThanOrEqual(12);
  });

  it('builds the XLSX with the same numbers, and lets the staff and the auditor of the consortium read it', async () => {
    const job = await built(AUDITOR_A, 'CONSORTIUM_REPORT_XLSX');
    const res = await download(job.downloadUrl, AUDITOR_A);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const comuni = await summary('COMUNE');
    const sheet = workbook.getWorksheet('Comuni')!;
    const rows: any[] = [];
    sheet.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(comuni.length);
    for (const b of comuni) {
      const found = rows.find((r) => r[1] === b.key);
      expect(found).toEqual([
        b.label,
        b.key,
        b.total,
        b.notStarted,
        b.inProgress,
        b.submitted,
        b.completed,
        b.rejected,
        b.notApplicable,
        b.overdue,
        b.completionRate,
      ]);
    }
    // The report is the consortium's: the staff reads it too, with a link signed for them.
    const seen = ok(await api.as(STAFF_A).graphql(JOB, { id: job.id }), 'exportJob');
    expect(seen.state).toBe('COMPLETED');
    expect((await download(seen.downloadUrl, STAFF_A)).status).toBe(200);
    // Another consortium's RTD does not see it.
    expect(errorCodes(await api.as(RTD_B).graphql(JOB, { id: job.id }))).toEqual(['NOT_FOUND']);
  });

  it('refuses a commentary that is too long, or on a file that is not the report, naming the field', async () => {
    const long = await api.as(RTD_A).graphql(REQUEST, {
      input: { kind: 'CONSORTIUM_REPORT_PDF', consortiumId: ids.consortiumA, commentary: 'x'.repeat(4001) },
    });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'commentary' });
    const elsewhere = await api.as(RTD_A).graphql(REQUEST, {
      input: { kind: 'MONITORING_XLSX', consortiumId: ids.consortiumA, commentary: 'Nota' },
    });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'commentary' });
  });

  it("refuses the report to a comune's referent and to another consortium's RTD, and queues nothing", async () => {
    for (const who of [REFERENT_CREMA, RTD_B]) {
      const res = await api
        .as(who)
        .graphql(REQUEST, { input: { kind: 'CONSORTIUM_REPORT_PDF', consortiumId: ids.consortiumA } });
      expect(errorCodes(res)).toEqual([expect.stringMatching(/FORBIDDEN|NOT_FOUND/)]);
    }
    const res = await api
      .as(RTD_A)
      .graphql(REQUEST, { input: { kind: 'CONSORTIUM_REPORT_PDF', comuneId: ids.crema } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });
});
