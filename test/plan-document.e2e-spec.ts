import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { seedDemoPiano } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { builtExport, downloadFile } from './support/exports';
import { AUDITOR_A, REFERENT_CREMA, RTD_A, RTD_B } from './support/identities';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

const REQUEST = `mutation ($input: ExportRequestInput!) {
  requestExport(input: $input) { id state kind progress fileName size pianoVersionId downloadUrl }
}`;

/** The consortium's Piano as a document (issue 25): PIANO_PDF and PIANO_DOCX, built by the worker. */
describe('The Piano as a document, built by the worker', () => {
  let api: TestApi;
  let owner: DataSource;
  let worker: INestApplicationContext;
  let versionId: string;
  let dir: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.config, 'plan-document-test').initialize();
    await owner.transaction((db) => seedDemoPiano(db));
    const consortiumA = (await api.as(RTD_A).graphql(`{ consortia { id } }`)).data!.consortia[0].id;
    versionId = (
      await api.as(RTD_A).graphql(`query($c: ID!) { piano(consortiumId: $c) { id } }`, { c: consortiumA })
    ).data!.piano.id;
    worker = await startTestWorker(api.config);
    dir = mkdtempSync(path.join(tmpdir(), 'piano-document-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await worker?.close();
    await owner?.destroy();
    await api.close();
  });

  const fetchFile = async (who: string, kind: string) => {
    const job = await builtExport(api, who, REQUEST, { kind, pianoVersionId: versionId });
    expect(job).toMatchObject({ state: 'COMPLETED', progress: 100, kind });
    const res = await downloadFile(api, job.downloadUrl, who);
    expect(res.status).toBe(200);
    return { job, body: res.body as Buffer, contentType: res.headers['content-type'] };
  };

  it('gives the office the PDF: cover with the approval, index, quadro, a page per scheda, indicators, Gantt', async () => {
    const { job, body, contentType } = await fetchFile(RTD_A, 'PIANO_PDF');
    expect(contentType).toBe('application/pdf');
    expect(job.fileName).toMatch(/^piano-.+-2025-v1\.pdf$/);
    const file = path.join(dir, 'piano.pdf');
    writeFileSync(file, body);
    // Kept beside the other files' samples, for the docs' picture of a page.
    writeFileSync(path.join(tmpdir(), 'piano-documento.pdf'), body);
    const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
    expect(pages[0]).toContain('Conferenza dei Sindaci, verbale n. 2 del 20 marzo 2025');
    const text = pages.join('\n');
    expect(text).toContain('Indice');
    expect(text).toContain('Quadro riassuntivo degli interventi');
    expect(text).toContain('Dipendenti formati');
    expect(pages.filter((p) => /Scheda intervento [A-Z]{2}-\d\d\s/.test(p)).length).toBeGreaterThanOrEqual(8);
  });

  it('gives the auditor the editable DOCX of the same Piano', async () => {
    const { job, body, contentType } = await fetchFile(AUDITOR_A, 'PIANO_DOCX');
    expect(contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(job.fileName).toMatch(/\.docx$/);
    const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Scheda intervento FO-01');
    expect(xml).toContain('Formazione del personale sulla trasformazione digitale');
  });

  it('is refused to a comune referent, to another consortium and to bad input, nothing queued', async () => {
    const ask = (who: string, input: Record<string, unknown>) => api.as(who).graphql(REQUEST, { input });
    expect(errorCodes(await ask(REFERENT_CREMA, { kind: 'PIANO_PDF', pianoVersionId: versionId }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await ask(RTD_B, { kind: 'PIANO_PDF', pianoVersionId: versionId }))).toEqual([
      'NOT_FOUND',
    ]);
    const missing = await ask(RTD_A, { kind: 'PIANO_DOCX' });
    expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(missing.errors)).toContain('pianoVersionId');
    expect(
      errorCodes(await ask(RTD_A, { kind: 'MONITORING_XLSX', consortiumId: 'x', pianoVersionId: versionId })),
    ).toEqual(['BAD_USER_INPUT']);
    // Only the two files built above were ever queued.
    const rows = await owner.query(
      `SELECT piano_version_id AS v, expires_at > now() AS kept FROM export_job WHERE kind LIKE 'PIANO%'`,
    );
    expect(rows).toEqual([
      { v: versionId, kept: true },
      { v: versionId, kept: true },
    ]);
  });

  it("keeps the schede's lines across editions: 2024-2026 coverage through the line-to-line mapping", async () => {
    const res = await api.as(RTD_A).graphql(
      `query($id: ID!) { pianoVersion(id: $id) {
        old: coverage(edition: "2022-2024") { coveredCount lines { code interventoCodes mappedInterventoCodes } }
        now: coverage(edition: "2024-2026") { coveredCount totalLines lines { code interventoCodes mappedInterventoCodes } } } }`,
      { id: versionId },
    );
    expect(res.errors).toBeUndefined();
    const { old, now } = res.data!.pianoVersion;
    // The demo's schede are linked to 2022-2024 lines: served directly there, by mapping in 2024-2026.
    expect(old.coveredCount).toBeGreaterThan(0);
    for (const line of old.lines) expect(line.mappedInterventoCodes).toEqual([]);
    const mapped = now.lines.filter((l: any) => l.mappedInterventoCodes.length > 0);
    expect(mapped.length).toBeGreaterThan(0);
    for (const line of now.lines) expect(line.interventoCodes).toEqual([]);
    expect(now.coveredCount).toBe(mapped.length);
    expect(now.coveredCount).toBeLessThan(now.totalLines);
  });
});
