import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { downloadLinkSettings, REQUESTER_REVOKED, signDownload } from '@rtd/exports';
import { STATUS_NAME } from '@rtd/kernel';
import { ownerDataSource } from '@rtd/platform';
import { formatEuro } from '@rtd/pnrr';
import { builtExport, downloadFile, EXPORT_JOB } from './support/exports';
import { NO_ROLE, PORTAL_LOMBARDIA, REFERENT_CREMA, RTD_A, RTD_B, VIEWER_CREMA } from './support/identities';
import { assignmentOf, demoIds, DemoIds, ok, publishedObjective } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { eventually, startTestWorker } from './support/test-worker';

const REQUEST = `mutation ($input: ExportRequestInput!) {
  requestExport(input: $input) { id state kind progress fileName size edition downloadUrl downloadExpiresAt }
}`;
const COMUNE_FIGURES = `query ($c: ID!) {
  comune(id: $c) { name pnrr { totalAmount ownAmount territoryAmount applicationsAmount applications { amount countedAmount statusLabel cup asOf call { title measure { code } } } } }
  assignments(filter: { comuneId: $c }, first: 500) { edges { node {
    id status progress dueDate overdue issues version evidence { url } objective { title edition lines { code } }
  } } }
}`;

/** The text as pdftotext lays it out (a table row on one line), spaces folded within each line. */
const pdfLines = (pdf: Buffer): string[] => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'scheda-')), 'scheda.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])
    .toString('utf8')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim());
};
const pdfText = (pdf: Buffer): string => pdfLines(pdf).join(' ');
/** The pages as pdftotext lays them out, each a list of lines with spaces folded. */
const pdfPages = (pdf: Buffer): string[][] => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'schede-')), 'schede.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])
    .toString('utf8')
    .split('\f')
    .map((page) => page.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()));
};

describe('Exports: scheda per comune (PDF), monitoring sheet (XLSX), built by the worker, signed download links', () => {
  let api: TestApi;
  let owner: DataSource;
  let worker: INestApplicationContext;
  let ids: DemoIds;

  const download = (url: string, who: string | null) => downloadFile(api, url, who);
  const exportFile = async (who: string, input: Record<string, unknown>) => {
    const job = await builtExport(api, who, REQUEST, input);
    expect(job).toMatchObject({ state: 'COMPLETED', progress: 100 });
    const res = await download(job.downloadUrl, who);
    expect(res.status).toBe(200);
    return { job, body: res.body as Buffer, res };
  };

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.db.config, 'exports-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    ids = await demoIds(api);
    worker = await startTestWorker(api.config);
  });
  afterAll(async () => {
    await worker?.close();
    await owner.destroy();
    await api.close();
  });

  it("puts in Crema's scheda the numbers the API gives Crema's referent", async () => {
    const { job, body, res } = await exportFile(REFERENT_CREMA, {
      kind: 'SCHEDA_COMUNE_PDF',
      comuneId: ids.crema,
    });
    expect(job).toMatchObject({
      state: 'COMPLETED',
      kind: 'SCHEDA_COMUNE_PDF',
      fileName: 'scheda-comune-crema-019035.pdf',
    });
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(path.join(tmpdir(), 'scheda-crema.pdf'), body);

    const text = pdfText(body);
    const lines = pdfLines(body);
    const figures = await api.as(REFERENT_CREMA).graphql(COMUNE_FIGURES, { c: ids.crema });
    const assignments = figures.data!.assignments.edges.map((e: any) => e.node);
    expect(assignments.length).toBeGreaterThan(0);
    expect(text).toContain('Comune di Crema');
    expect(text).toContain('Anna Moretti');
    for (const a of assignments) {
      // One table row per assignment: objective, status, progress, due date, evidence count.
      // The status may wrap in its column («Inviata, da / validare»): its first line is on the row.
      const status = STATUS_NAME[a.status as keyof typeof STATUS_NAME];
      const tail = `${a.progress}% ${a.dueDate.split('-').reverse().join('/')} ${a.evidence.length}`;
      const row = lines.find(
        (line: string) => line.startsWith(`${a.objective.title} `) && line.endsWith(` ${tail}`),
      );
      expect(row).toBeDefined();
      const shown = row!.slice(a.objective.title.length + 1, row!.length - tail.length - 1);
      expect(shown.length).toBeGreaterThan(0);
      expect(status.startsWith(shown)).toBe(true);
    }
    const pnrr = figures.data!.comune.pnrr;
    // The comune's own funding, named as such; the territory's apart, named as such.
    const own = 252118 + 30515 + 18990.54 + 280932 + 36400 + 14000 + 14030 + 59966;
    expect(pnrr.ownAmount).toBeCloseTo(own, 2);
    expect(text).toContain(
      `Finanziamenti del Comune di Crema (candidature presentate dal Comune, rinunce escluse): ${formatEuro(pnrr.ownAmount)}`,
    );
    expect(text).toMatch(/Territorio comunale \(dato dell’editore[^)]*\): 2\.637\.663,00 €/);
    expect(lines.filter((line) => line.includes('Comune di Crema') && line.includes('2.637.663'))).toEqual(
      [],
    );
    // One row per application of the comune: CUP, amount and status on the row's first line.
    const expected: [string, number, string][] = [
      ['B91C22001370006', 252118, 'assegnata'],
      ['B91F22000690006', 280932, 'assegnata dal 19/08/2022'],
      ['B91F22002600006', 36400, 'assegnata dal 07/10/2022'],
      ['B91F22002590006', 87408, 'rinuncia dal 06/07/2023'],
      ['B91F22000700006', 14000, 'erogata dal 26/06/2024'],
      ['B51F24000930006', 14030, 'assegnata dal 24/01/2025'],
      ['B91F22003100006', 59966, 'erogata dal 11/07/2025'],
    ];
    for (const [cup, amount, status] of expected) {
      const row = lines.filter((line) => line.includes(cup));
      expect({ cup, row: row.length }).toEqual({ cup, row: 1 });
      expect(row[0]).toContain(formatEuro(amount));
      expect(row[0]).toContain(status);
    }
    expect(pnrr.applications).toHaveLength(9);
    expect(text).toContain('(non conteggiato)');
    expect(text).toContain('1.2 dati al 04/03/2023');
    expect(text).toContain('1.4.4 dati al 27/03/2025');
    expect(text).toContain('CC BY 4.0');
  });

  it("puts in Crema's monitoring sheet the same numbers, typed, with the header frozen and filters on", async () => {
    const { job, body } = await exportFile(REFERENT_CREMA, { kind: 'MONITORING_XLSX', comuneId: ids.crema });
    expect(job).toMatchObject({ edition: '2022-2024', fileName: 'monitoraggio-crema-019035-2022-2024.xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      'Linee 2022-2024',
      'Azioni locali',
      'Avvisi PNRR',
      'Importi PNRR',
      'Fonti',
    ]);
    const lines = workbook.getWorksheet('Linee 2022-2024')!;
    expect(lines.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(lines.autoFilter).toBeTruthy();
    const header = (lines.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [] as ExcelJS.Row[];
    lines.eachRow((row, n) => n > 1 && rows.push(row));

    const catalogue = await api
      .as(REFERENT_CREMA)
      .graphql(`{ planLines(edition: "2022-2024", first: 500) { totalCount edges { node { local } } } }`);
    const agidLines = catalogue.data!.planLines.edges.filter((e: any) => !e.node.local).length;
    const figures = await api.as(REFERENT_CREMA).graphql(COMUNE_FIGURES, { c: ids.crema });
    const assignments = figures.data!.assignments.edges.map((e: any) => e.node);
    const agidAssignments = assignments.filter((a: any) =>
      a.objective.lines.every((l: any) => !l.code.startsWith('LOC.')),
    );
    expect(rows).toHaveLength(agidLines);
    for (const a of agidAssignments) {
      const row = rows.find((r) => r.getCell(col('ID attività')).value === a.id)!;
      expect(row).toBeDefined();
      expect(row.getCell(col('Codice linea')).value).toBe(a.objective.lines[0].code);
      expect(row.getCell(col('Adottata')).value).toBe('Sì');
      expect(row.getCell(col('Stato')).value).toBe(STATUS_NAME[a.status as keyof typeof STATUS_NAME]);
      expect(row.getCell(col('Avanzamento (%)')).value).toBe(a.progress);
      expect(row.getCell(col('Versione')).value).toBe(a.version);
      const due = row.getCell(col('Scadenza attività')).value as Date;
      expect(due).toBeInstanceOf(Date);
      expect(due.toISOString().slice(0, 10)).toBe(a.dueDate);
      expect(row.getCell(col('Puntualità')).value).toBe(a.overdue ? 'In ritardo' : 'In tempo');
    }
    const web = rows.find((r) => r.getCell(col('Codice linea')).value === 'CAP1.PA.LA19')!;
    expect(web.getCell(col('Si applica al Comune')).value).toBe('Sì'); // Crema has more than 15,000 inhabitants
    expect(rows.filter((r) => r.getCell(col('Adottata')).value === 'No').length).toBe(
      agidLines - agidAssignments.length,
    );

    const calls = workbook.getWorksheet('Avvisi PNRR')!;
    const amounts: number[] = [];
    calls.eachRow((row, n) => n > 1 && amounts.push(row.getCell(5).value as number));
    expect(amounts.sort()).toEqual(figures.data!.comune.pnrr.applications.map((a: any) => a.amount).sort());
    const totals = workbook.getWorksheet('Importi PNRR')!;
    expect(totals.getRow(2).getCell(3).value).toBe(figures.data!.comune.pnrr.totalAmount);
    expect(totals.getRow(2).getCell(3).value).toBe(figures.data!.comune.pnrr.ownAmount);
    expect(totals.getRow(2).getCell(5).value).toBe(figures.data!.comune.pnrr.territoryAmount);
    const withdrawn: any[] = [];
    calls.eachRow((row, n) => n > 1 && row.getCell(9).value === 'B91F22002590006' && withdrawn.push(row));
    expect(withdrawn.map((row) => [row.getCell(6).value, row.getCell(10).value])).toEqual([['rinuncia', 0]]);
    const asOf = withdrawn[0].getCell(11).value as Date;
    expect(asOf.toISOString().slice(0, 10)).toBe('2023-10-24');
  });

  it("gives the consortium's office one workbook and one PDF of all 42 comuni, totals as the API's", async () => {
    const consortium = await api
      .as(RTD_A)
      .graphql(
        `query ($id: ID!) { consortium(id: $id) { name pnrr { amount } comuni(first: 100) { edges { node { name } } } } }`,
        { id: ids.consortiumA },
      );
    const { body } = await exportFile(RTD_A, { kind: 'MONITORING_XLSX', consortiumId: ids.consortiumA });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const totals = workbook.getWorksheet('Importi PNRR')!;
    let sum = 0;
    totals.eachRow((row, n) => n > 1 && (sum += row.getCell(3).value as number));
    expect(totals.rowCount).toBe(43);
    expect(sum).toBeCloseTo(consortium.data!.consortium.pnrr.amount, 2);

    const pdf = await exportFile(RTD_A, { kind: 'SCHEDA_COMUNE_PDF', consortiumId: ids.consortiumA });
    expect(pdf.job.fileName).toMatch(/^schede-comuni-ufficio-rtd-associato/);
    const text = pdfText(pdf.body);
    for (const edge of consortium.data!.consortium.comuni.edges)
      expect(text).toContain(`Comune di ${edge.node.name}`);
    // A cover, then an index naming each comune with the page its scheda starts on.
    const pages = pdfPages(pdf.body).map((lines) => lines.join('\n'));
    expect(pages[0]).toContain('Schede relative ai singoli Comuni');
    expect(pages[0]).toContain('dei 42 Comuni');
    expect(pages[1]).toContain('Indice dei Comuni');
    const index = pages.slice(1, 4).join('\n').split('\n');
    for (const edge of consortium.data!.consortium.comuni.edges) {
      const entry = index.find((line) => line.startsWith(`Comune di ${edge.node.name} `));
      expect({ comune: edge.node.name, entry: /\d+$/.test(entry ?? '') }).toEqual({
        comune: edge.node.name,
        entry: true,
      });
      const page = Number(entry!.split(' ').at(-1));
      expect(pages[page - 1]).toContain(`Comune di ${edge.node.name}`);
    }
  });

  it('answers the request at once with a QUEUED job and no link; the worker builds it, exportJob shows its progress', async () => {
    const queued = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(REQUEST, { input: { kind: 'MONITORING_XLSX', comuneId: ids.crema } }),
      'requestExport',
    );
    expect(queued).toMatchObject({ state: 'QUEUED', progress: 0, downloadUrl: null, fileName: null });
    const seen = new Set<string>();
    let job: Record<string, any>;
    do {
      job = ok(await api.as(REFERENT_CREMA).graphql(EXPORT_JOB, { id: queued.id }), 'exportJob');
      seen.add(job.state);
      expect(job.progress).toBeGreaterThanOrEqual(0);
      expect(job.progress).toBeLessThanOrEqual(100);
      if (job.state !== 'COMPLETED') expect(job.downloadUrl).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (job.state === 'QUEUED' || job.state === 'RUNNING');
    expect(job).toMatchObject({ state: 'COMPLETED', progress: 100, edition: '2022-2024' });
    expect(job.downloadUrl).toMatch(/^\/downloads\//);
    // The worker wrote the row as the requester (their subject), and marked its outbox message done.
    const me = ok(await api.as(REFERENT_CREMA).graphql(`{ me { subject } }`), 'me');
    const [row] = await owner.query(
      `SELECT requested_by AS "requestedBy",
              (SELECT processed_at IS NOT NULL FROM outbox WHERE dedupe_key = $2) AS processed
         FROM export_job WHERE id = $1`,
      [queued.id, `file:${queued.id}`],
    );
    expect(row).toEqual({ requestedBy: me.subject, processed: true });
  });

  it('lets each role export only its scope', async () => {
    const scheda = (input: Record<string, unknown>) => ({ kind: 'SCHEDA_COMUNE_PDF', ...input });
    const counts = async () =>
      (
        await owner.query(
          `SELECT (SELECT count(*)::int FROM export_job) AS jobs, (SELECT count(*)::int FROM outbox WHERE topic = 'exports') AS messages`,
        )
      )[0];
    const before = await counts();
    expect(
      errorCodes(await api.as(REFERENT_CREMA).graphql(REQUEST, { input: scheda({ comuneId: ids.pandino }) })),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await api.as(REFERENT_CREMA).graphql(REQUEST, { input: scheda({ consortiumId: ids.consortiumA }) }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await api.as(RTD_B).graphql(REQUEST, { input: scheda({ comuneId: ids.crema }) })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await api.as(PORTAL_LOMBARDIA).graphql(REQUEST, { input: scheda({ comuneId: ids.crema }) })),
    ).toEqual(['FORBIDDEN']);
    const both = await api
      .as(RTD_A)
      .graphql(REQUEST, { input: scheda({ comuneId: ids.crema, consortiumId: ids.consortiumA }) });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comuneId' });
    const edition = await api.as(RTD_A).graphql(REQUEST, {
      input: { kind: 'MONITORING_XLSX', comuneId: ids.crema, edition: '1999-2001' },
    });
    expect(edition.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'edition' });
    // Refused by the mutation itself, synchronously: nothing queued for the worker.
    expect(await counts()).toEqual(before);
    // A viewer reads the scheda of their comune, without the people holding roles.
    const viewer = await exportFile(VIEWER_CREMA, scheda({ comuneId: ids.crema }));
    expect(pdfText(viewer.body)).toContain(
      'I referenti sono visibili all’Ufficio RTD e al referente del Comune.',
    );
  });

  it("refuses a link used after it expires, with another person's token, tampered or without a token", async () => {
    const job = await builtExport(api, REFERENT_CREMA, REQUEST, {
      kind: 'SCHEDA_COMUNE_PDF',
      comuneId: ids.crema,
    });
    expect(new Date(job.downloadExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000);

    const other = await download(job.downloadUrl, RTD_A);
    expect(other.status).toBe(403);
    expect(JSON.parse(other.body.toString()).error).toBe('Collegamento non valido per questo utente');
    expect((await download(job.downloadUrl, null)).status).toBe(401);
    expect(
      (
        await download(
          job.downloadUrl.replace(/expires=(\d+)/, (_: string, e: string) => `expires=${Number(e) + 3600}`),
          REFERENT_CREMA,
        )
      ).status,
    ).toBe(403);

    const me = ok(await api.as(REFERENT_CREMA).graphql(`{ me { subject } }`), 'me');
    const settings = { ...downloadLinkSettings(api.config, api.config) };
    const expired = signDownload(settings, job.id, me.subject, Date.now() - 301_000);
    const late = await download(expired.url, REFERENT_CREMA);
    expect(late.status).toBe(410);
    expect(JSON.parse(late.body.toString()).error).toBe('Collegamento scaduto: richiedere di nuovo il file');
    // Signed the same way but still valid: accepted (the refusal above is the expiry, nothing else).
    expect((await download(signDownload(settings, job.id, me.subject).url, REFERENT_CREMA)).status).toBe(200);

    // The job is the requester's alone: another person cannot even see it, nor sign it for themselves.
    expect(
      errorCodes(
        await api.as(RTD_A).graphql(`query ($id: ID!) { exportJob(id: $id) { id } }`, { id: job.id }),
      ),
    ).toEqual(['NOT_FOUND']);
    const rtd = ok(await api.as(RTD_A).graphql(`{ me { subject } }`), 'me');
    expect((await download(signDownload(settings, job.id, rtd.subject).url, RTD_A)).status).toBe(404);
    const again = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(`query ($id: ID!) { exportJob(id: $id) { state downloadUrl } }`, { id: job.id }),
      'exportJob',
    );
    expect(again.state).toBe('COMPLETED');
    expect((await download(again.downloadUrl, REFERENT_CREMA)).status).toBe(200);
  });

  it('re-checks the rights when a link is issued and when it is used: a revoked referent gets neither', async () => {
    const grant = await api
      .as(RTD_A)
      .graphql(
        `mutation ($c: ID!) { grantRole(input: { fiscalCode: "${NO_ROLE}", role: COMUNE_REFERENT, comuneId: $c }) { id } }`,
        { c: ids.crema },
      );
    const membership = ok(grant, 'grantRole').id as string;
    const job = await builtExport(api, NO_ROLE, REQUEST, { kind: 'SCHEDA_COMUNE_PDF', comuneId: ids.crema });
    expect(job.state).toBe('COMPLETED');
    expect(pdfText((await download(job.downloadUrl, NO_ROLE)).body)).toContain('Anna Moretti');
    const fresh = ok(await api.as(NO_ROLE).graphql(EXPORT_JOB, { id: job.id }), 'exportJob');

    const revoked = await api.as(RTD_A).graphql(`mutation ($id: ID!) { revokeRole(membershipId: $id) }`, {
      id: membership,
    });
    expect(revoked.data).toEqual({ revokeRole: true });
    expect(errorCodes(await api.as(NO_ROLE).graphql(EXPORT_JOB, { id: job.id }))).toEqual(['FORBIDDEN']);
    const refused = await download(fresh.downloadUrl, NO_ROLE);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString()).error).toMatch(/Non è più consentito scaricare questo file/);
  });

  it('builds nothing for a requester whose role was revoked before the worker ran: the job fails', async () => {
    await worker.close();
    const grant = await api
      .as(RTD_A)
      .graphql(
        `mutation ($c: ID!) { grantRole(input: { fiscalCode: "${NO_ROLE}", role: COMUNE_VIEWER, comuneId: $c }) { id } }`,
        { c: ids.crema },
      );
    const membership = ok(grant, 'grantRole').id as string;
    const queued = ok(
      await api.as(NO_ROLE).graphql(REQUEST, { input: { kind: 'SCHEDA_COMUNE_PDF', comuneId: ids.crema } }),
      'requestExport',
    );
    expect(queued.state).toBe('QUEUED');
    expect(
      (
        await api
          .as(RTD_A)
          .graphql(`mutation ($id: ID!) { revokeRole(membershipId: $id) }`, { id: membership })
      ).data,
    ).toEqual({ revokeRole: true });
    worker = await startTestWorker(api.config);
    const state = async () =>
      (
        await owner.query(`SELECT state, content IS NULL AS empty, error FROM export_job WHERE id = $1`, [
          queued.id,
        ])
      )[0];
    const done = await eventually(state, (row) => row.state === 'FAILED' || row.state === 'COMPLETED');
    expect(done).toEqual({ state: 'FAILED', empty: true, error: REQUESTER_REVOKED });
  });

  it('records each export in the audit log', async () => {
    const entries = await owner.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.request' AND consortium_id = $1`,
      [ids.consortiumA],
    );
    expect(entries[0].n).toBeGreaterThanOrEqual(5);
  });

  it("leaves no edition out: Crema's 2024-2026 activity gets its own sheet, dates in Italian", async () => {
    await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      edition: '2024-2026',
      lineCodes: ['CAP1.PA.01'],
      title: 'Attività del Piano 2024-2026',
      dueDate: '2027-03-31',
    });
    const { job, body } = await exportFile(REFERENT_CREMA, { kind: 'MONITORING_XLSX', comuneId: ids.crema });
    expect(job).toMatchObject({
      edition: null,
      fileName: 'monitoraggio-crema-019035-2022-2024_2024-2026.xlsx',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      'Linee 2022-2024',
      'Linee 2024-2026',
      'Azioni locali',
      'Avvisi PNRR',
      'Importi PNRR',
      'Fonti',
    ]);
    const sheet = workbook.getWorksheet('Linee 2024-2026')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [] as ExcelJS.Row[];
    sheet.eachRow((row, n) => n > 1 && rows.push(row));
    const adopted = rows.filter((r) => r.getCell(col('Obiettivo')).value === 'Attività del Piano 2024-2026');
    expect(adopted).toHaveLength(1);
    const due = adopted[0].getCell(col('Scadenza attività'));
    expect(due.value).toEqual(new Date('2027-03-31T00:00:00Z'));
    expect(due.numFmt).toBe('dd/mm/yyyy');
    // The 2022-2024 sheet still has the demo's activities.
    const older = workbook.getWorksheet('Linee 2022-2024')!;
    let adoptedOlder = 0;
    older.eachRow((row, n) => n > 1 && row.getCell(col('Adottata')).value === 'Sì' && adoptedOlder++);
    expect(adoptedOlder).toBeGreaterThan(0);
    const sources = workbook.getWorksheet('Fonti')!.getCell('A1').value as string;
    expect(sources).toMatch(
      /^Generato da RTD Hub il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2} \(edizioni 2022-2024, 2024-2026/,
    );

    // An edition chosen in the request still gives that one only.
    const chosen = await exportFile(REFERENT_CREMA, {
      kind: 'MONITORING_XLSX',
      comuneId: ids.crema,
      edition: '2024-2026',
    });
    expect(chosen.job).toMatchObject({ edition: '2024-2026' });
  });
  it("prints the office's stato dell'arte, each activity's criticità and public note, never a rejection's reason", async () => {
    const NARRATIVE =
      'Il Comune, in forma aggregata, ha avviato la migrazione al cloud e ha aderito a pagoPA e ad app IO; restano da completare la sicurezza ICT e la dichiarazione di accessibilità.';
    const SET = `mutation ($input: SetComuneStateOfTheArtInput!) { setComuneStateOfTheArt(input: $input) { text canEdit } }`;
    // The RTD and staff write it; a referent reads it but may not write it; too long is refused by name.
    expect(
      errorCodes(await api.as(REFERENT_CREMA).graphql(SET, { input: { comuneId: ids.crema, text: 'x' } })),
    ).toEqual(['FORBIDDEN']);
    const tooLong = await api
      .as(RTD_A)
      .graphql(SET, { input: { comuneId: ids.crema, text: 'x'.repeat(4001) } });
    expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
    expect(tooLong.errors![0].extensions?.field).toBe('text');
    expect(
      ok(
        await api.as(RTD_A).graphql(SET, { input: { comuneId: ids.crema, text: NARRATIVE } }),
        'setComuneStateOfTheArt',
      ),
    ).toEqual({
      text: NARRATIVE,
      canEdit: true,
    });
    const read = `query ($c: ID!) { comuneStateOfTheArt(comuneId: $c) { text canEdit } }`;
    expect(ok(await api.as(REFERENT_CREMA).graphql(read, { c: ids.crema }), 'comuneStateOfTheArt')).toEqual({
      text: NARRATIVE,
      canEdit: false,
    });
    expect(errorCodes(await api.as(RTD_B).graphql(read, { c: ids.crema }))).toEqual(['NOT_FOUND']);
    const [audit] = await owner.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'scheda.narrative' AND entity_id = $1`,
      [ids.crema],
    );
    expect(audit.n).toBeGreaterThan(0);

    // One activity rejected with an internal reason, then reworked with a criticità; one approved with a note.
    const SECRET = `Motivo interno da non stampare ${Date.now()}`;
    const submitted = async (title: string) => {
      const objectiveId = await publishedObjective(api, {
        consortiumId: ids.consortiumA,
        comuneIds: [ids.crema],
        title,
        lineCodes: ['CAP6.PA.LA06'],
      });
      const a = await assignmentOf(api, objectiveId, ids.crema);
      const started = ok(
        await api
          .as(REFERENT_CREMA)
          .graphql(
            `mutation($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { status: IN_PROGRESS, progress: 50 }) { id version } }`,
            { id: a.id, v: a.version },
          ),
        'updateAssignment',
      );
      return ok(
        await api
          .as(REFERENT_CREMA)
          .graphql(
            `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { id version } }`,
            { id: started.id, v: started.version },
          ),
        'submitAssignment',
      );
    };
    const review = (who: string, a: { id: string; version: number }, decision: string, reason: string) =>
      api
        .as(who)
        .graphql(
          `mutation($id: ID!, $v: Int!, $d: ReviewDecision!, $r: String) { reviewAssignment(id: $id, expectedVersion: $v, decision: $d, reason: $r) { id version status } }`,
          { id: a.id, v: a.version, d: decision, r: reason },
        );
    const rejected = ok(
      await review(RTD_A, await submitted('Sicurezza: da rivedere'), 'REJECT', SECRET),
      'reviewAssignment',
    );
    ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `mutation($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { status: IN_PROGRESS, progress: 60, issues: "Attesa del fornitore del backup" }) { id } }`,
          { id: rejected.id, v: rejected.version },
        ),
      'updateAssignment',
    );
    ok(
      await review(
        RTD_A,
        await submitted('Sicurezza: approvata'),
        'APPROVE',
        'Verificate le misure minime sul posto',
      ),
      'reviewAssignment',
    );

    const { body } = await exportFile(RTD_A, { kind: 'SCHEDA_COMUNE_PDF', comuneId: ids.crema });
    writeFileSync(path.join(tmpdir(), 'scheda-crema-allegato1.pdf'), body);
    const text = pdfText(body);
    expect(text).toContain('Allegato 1 · Scheda relativa al singolo Comune');
    expect(text).toContain('Breve descrizione dello stato dell’arte');
    expect(text).toContain(NARRATIVE);
    expect(text).toContain('Criticità: Attesa del fornitore del backup');
    expect(text).toMatch(/Nota dell’Ufficio \([0-9/]+, [0-9:]+\): Verificate le misure minime sul posto/);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('Motivo interno');
    // The cronoprogramma: the Piano's own words for each line, by semester; the signature block.
    expect(text).toContain('Cronoprogramma degli obiettivi da raggiungere, per semestre');
    expect(text).toContain('CAP6.PA.LA06: Entro dicembre 2023');
    expect(text).toContain('Periodo del Piano Triennale');
    expect(text).toContain('Il Responsabile per la transizione al digitale');
  });
});
