import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { PianoDocumentService, pianoDocx, pianoPdf } from '@rtd/exports';
import { APP_DATA_SOURCE } from '@rtd/kernel';
import { seedDemoPiano } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { AUDITOR_A, PORTAL_LOMBARDIA, REFERENT_CREMA, RTD_A } from './support/identities';
import { startTestApi, TestApi } from './support/test-app';

/** The demo's Piano of consortium A (issue 25): drawn from seed 003, with two semesters of values. */
describe('The demo Piano of consortium A', () => {
  let api: TestApi;
  let owner: DataSource;
  let consortiumA: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.config, 'plan-demo-test').initialize();
    const report = await owner.transaction((db) => seedDemoPiano(db));
    expect(report.interventi).toBeGreaterThanOrEqual(8);
    expect(await owner.transaction((db) => seedDemoPiano(db))).toEqual({ interventi: 0, values: 0 });
    consortiumA = (await api.as(RTD_A).graphql(`{ consortia { id } }`)).data!.consortia[0].id;
  });
  afterAll(async () => {
    await owner?.destroy();
    await api.close();
  });

  const QUERY = `query($c: ID!) { piano(consortiumId: $c) { state approvalAct interventi { code horizon axis
    lines { code text } indicators { name measuredBy periods { period value target count } } } } }`;

  it('is published, with at least 8 schede on real lines and indicators measured over two semesters', async () => {
    const res = await api.as(RTD_A).graphql(QUERY, { c: consortiumA });
    expect(res.errors).toBeUndefined();
    const piano = res.data!.piano;
    expect(piano.state).toBe('PUBLISHED');
    expect(piano.approvalAct).toMatch(/Conferenza dei Sindaci/);
    const active = piano.interventi.filter((i: any) => i.horizon !== 'REMOVED');
    expect(active.length).toBeGreaterThanOrEqual(8);
    // The chapters seed 003 names: associated services, Dati, Sicurezza, the staff training.
    expect(piano.interventi.map((i: any) => i.code)).toEqual(
      expect.arrayContaining(['SA-01', 'DA-01', 'SI-01', 'FO-01']),
    );
    for (const scheda of active) {
      expect(scheda.lines.length).toBeGreaterThan(0);
      for (const line of scheda.lines) expect(line.text).toEqual(expect.any(String));
      for (const indicator of scheda.indicators) {
        expect(indicator.periods.map((p: any) => p.period)).toEqual(['2025-S2', '2026-S1']);
      }
    }
    const training = active.find((i: any) => i.code === 'FO-01').indicators[0];
    expect(training.measuredBy).toBe('COMUNE');
    expect(training.periods[0].count).toBeGreaterThan(10);
  });

  it('is read by the auditor, a member comune and the region (published)', async () => {
    for (const who of [AUDITOR_A, REFERENT_CREMA, PORTAL_LOMBARDIA]) {
      const res = await api
        .as(who)
        .graphql(`query($c: ID!) { piano(consortiumId: $c) { interventi { code } } }`, {
          c: consortiumA,
        });
      expect(res.data!.piano.interventi.length).toBeGreaterThanOrEqual(8);
    }
  });

  it('makes the document of the demo Piano: a page per scheda in the PDF, the same in the DOCX', async () => {
    const versionId = (
      await api.as(RTD_A).graphql(`query($c: ID!) { piano(consortiumId: $c) { id } }`, { c: consortiumA })
    ).data!.piano.id;
    const job = JobContext.forJob(api.app.get(APP_DATA_SOURCE), 'system:exports', {
      consortiumId: consortiumA,
    });
    const doc = await job.run((ctx) => api.app.get(PianoDocumentService).gather(ctx, versionId));
    expect(doc.schede.length).toBeGreaterThanOrEqual(8);
    const dir = mkdtempSync(path.join(tmpdir(), 'piano-demo-'));
    try {
      const file = path.join(dir, 'piano.pdf');
      writeFileSync(file, await pianoPdf(doc));
      const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
      expect(pages[0]).toContain('Conferenza dei Sindaci, verbale n. 2 del 20 marzo 2025');
      const schedaPages = pages.filter(
        (p) => /Scheda intervento [A-Z]{2}-\d\d\s/.test(p) && p.includes('Problema da risolvere'),
      );
      expect(schedaPages.length).toBeGreaterThanOrEqual(doc.schede.length);
      expect(pages.join('\n')).toContain('Dipendenti formati');
      const xml = await (
        await JSZip.loadAsync(await pianoDocx(doc))
      )
        .file('word/document.xml')!
        .async('string');
      expect(xml).toContain('Scheda intervento FO-01');
      expect(xml).toContain('Formazione del personale sulla trasformazione digitale');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
