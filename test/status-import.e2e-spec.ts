import ExcelJS from 'exceljs';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { DELEGATE_CREMA, REFERENT_CREMA, RTD_A, VIEWER_CREMA } from './support/identities';
import { handZip as zip } from './support/hand-zip';
import { cremaAssignment, demoIds, DemoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { builtExport, downloadFile } from './support/exports';
import { startTestWorker } from './support/test-worker';

const IMPORT = `mutation ($input: StatusImportInput!) {
  importStatuses(input: $input) {
    dryRun applied format rowsRead unchanged
    changes { sheet row assignmentId comuneName lineCode fromStatus toStatus fromProgress toProgress issuesChanged expectedVersion }
    errors { sheet row column reason }
  }
}`;
const ASSIGNMENTS = `query ($c: ID!) {
  assignments(filter: { comuneId: $c }, first: 500) { edges { node { id status progress issues version history { note } } } }
}`;

describe('Bulk status import (monitoring sheet XLSX or CSV)', () => {
  let api: TestApi;
  let owner: DataSource;
  let ids: DemoIds;
  let exported: Buffer;
  let worker: INestApplicationContext;

  const importFile = (who: string, content: Buffer, dryRun: boolean, extra: Record<string, unknown> = {}) =>
    api.as(who).graphql(IMPORT, {
      input: {
        fileName: 'monitoraggio-crema.xlsx',
        contentBase64: content.toString('base64'),
        comuneId: ids.crema,
        dryRun,
        ...extra,
      },
    });
  const assignments = async () =>
    new Map<string, any>(
      ok(await api.as(REFERENT_CREMA).graphql(ASSIGNMENTS, { c: ids.crema }), 'assignments').edges.map(
        (e: any) => [e.node.id, e.node],
      ),
    );
  const loadSheet = async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Linee 2022-2024')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    return { workbook, ws, col };
  };
  const countAudit = async (assignmentId: string) =>
    Number(
      (
        await owner.query(
          `SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action = 'assignment.update'`,
          [assignmentId],
        )
      )[0].n,
    );

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.db.config, 'status-import-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    ids = await demoIds(api);
    worker = await startTestWorker(api.config);
    // The demo leaves Crema two activities it may still move: three more, before the export.
    for (let i = 0; i < 3; i++) await cremaAssignment(api, ids);
    const job = await builtExport(
      api,
      REFERENT_CREMA,
      `mutation ($input: ExportRequestInput!) { requestExport(input: $input) { id } }`,
      { kind: 'MONITORING_XLSX', comuneId: ids.crema },
    );
    const res = await downloadFile(api, job.downloadUrl, REFERENT_CREMA);
    expect(res.status).toBe(200);
    exported = res.body as Buffer;
  });
  afterAll(async () => {
    await worker?.close();
    await owner.destroy();
    await api.close();
  });

  it("round-trips Crema's edited sheet: a dry run with three changes and one error, then an apply of exactly three, then nothing", async () => {
    const { workbook, ws, col } = await loadSheet();
    // Four activities the comune may still move; an activity serving several lines has several
    // rows, all edited alike (the first one is where the import reports it).
    const rowsOf = new Map<string, ExcelJS.Row[]>();
    ws.eachRow((row, n) => {
      const id = row.getCell(col('ID attività')).value as string | null;
      const status = row.getCell(col('Stato')).value as string;
      if (n > 1 && id && ['Non avviata', 'In corso', 'Respinta'].includes(status))
        rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
    });
    const editable = [...rowsOf.values()];
    expect(editable.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, bad] = editable;
    const before = await assignments();
    const idOf = (rows: ExcelJS.Row[]) => rows[0].getCell(col('ID attività')).value as string;
    const rowOf = (rows: ExcelJS.Row[]) => rows[0].number;
    const set = (rows: ExcelJS.Row[], column: string, value: ExcelJS.CellValue) =>
      rows.forEach((row) => (row.getCell(col(column)).value = value));
    set(a, 'Stato', before.get(idOf(a)).status === 'IN_PROGRESS' ? 'Non avviata' : 'In corso');
    set(b, 'Stato', 'In corso');
    set(b, 'Avanzamento (%)', 40);
    set(c, 'Stato', 'in corso'); // case does not matter
    set(c, 'Criticità', 'Manca il fornitore');
    const original = bad[0].getCell(col('Stato')).value;
    set(bad, 'Stato', 'Completata'); // the office's to set, not the comune's
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());

    const dry = ok(await importFile(REFERENT_CREMA, edited, true), 'importStatuses');
    expect(dry).toMatchObject({ dryRun: true, applied: false, format: 'XLSX' });
    expect(dry.changes.map((x: any) => x.row).sort()).toEqual([a, b, c].map(rowOf).sort());
    expect(dry.changes.find((x: any) => x.row === rowOf(b))).toMatchObject({
      toStatus: 'IN_PROGRESS',
      toProgress: 40,
      expectedVersion: before.get(idOf(b)).version,
    });
    expect(dry.errors).toEqual([
      {
        sheet: 'Linee 2022-2024',
        row: rowOf(bad),
        column: 'Stato',
        reason: expect.stringContaining("riservato all'Ufficio RTD"),
      },
    ]);
    expect(await assignments()).toEqual(before);

    // Applying with the error changes nothing either.
    const refused = ok(await importFile(REFERENT_CREMA, edited, false), 'importStatuses');
    expect(refused).toMatchObject({ applied: false, errors: [{ row: rowOf(bad) }] });
    expect(await assignments()).toEqual(before);

    set(bad, 'Stato', original);
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const auditBefore = await countAudit(idOf(a));
    const applied = ok(await importFile(REFERENT_CREMA, fixed, false), 'importStatuses');
    expect(applied).toMatchObject({ dryRun: false, applied: true, errors: [] });
    expect(applied.changes).toHaveLength(3);
    const after = await assignments();
    const changed = [...after.values()].filter((x) => x.version !== before.get(x.id).version);
    expect(changed.map((x) => x.id).sort()).toEqual([a, b, c].map(idOf).sort());
    for (const x of changed) {
      expect(x.version).toBe(before.get(x.id).version + 1);
      expect(x.history.at(-1).note).toContain('Importazione da file');
      expect(await countAudit(x.id)).toBeGreaterThan(0);
    }
    expect(await countAudit(idOf(a))).toBe(auditBefore + 1);
    expect(after.get(idOf(b))).toMatchObject({ status: 'IN_PROGRESS', progress: 40 });
    expect(after.get(idOf(c)).issues).toBe('Manca il fornitore');

    const again = ok(await importFile(REFERENT_CREMA, fixed, false), 'importStatuses');
    expect(again).toMatchObject({ applied: true, changes: [], errors: [] });
    expect(again.unchanged).toBeGreaterThanOrEqual(4);
    expect(await assignments()).toEqual(after);
  });

  it('reads a CSV with the same headers, and checks rights like one-by-one updates', async () => {
    const current = [...(await assignments()).values()].find((x) => x.status === 'NOT_STARTED')!;
    const { ws, col } = await loadSheet();
    let line = '';
    ws.eachRow((row) => {
      if (row.getCell(col('ID attività')).value === current.id)
        line = String(row.getCell(col('Codice linea')).value);
    });
    const csv = (status: string) =>
      Buffer.from(
        `Codice ISTAT;Codice linea;Stato;Avanzamento (%);Criticità;ID attività;Versione\n` +
          `019035;${line};${status};10;"Nota; con ""virgolette""";${current.id};${current.version}\n`,
      );
    const csvImport = (who: string, status: string, extra = {}) =>
      importFile(who, csv(status), true, { fileName: 'stati.csv', ...extra });
    const dry = ok(await csvImport(REFERENT_CREMA, 'In corso'), 'importStatuses');
    expect(dry).toMatchObject({
      format: 'CSV',
      errors: [],
      changes: [{ row: 2, toStatus: 'IN_PROGRESS', toProgress: 10 }],
    });
    // The office may only reopen: progress and criticità are the comune's.
    const office = ok(await csvImport(RTD_A, 'In corso'), 'importStatuses');
    expect(office.errors).toEqual([{ sheet: null, row: 2, column: 'Stato', reason: expect.any(String) }]);
    // Viewers and delegates do not import (a delegate reports on their own assignments, one by one).
    for (const who of [VIEWER_CREMA, DELEGATE_CREMA])
      expect(errorCodes(await csvImport(who, 'In corso'))).toEqual(['FORBIDDEN']);
    // Another comune's referent may not import for Crema.
    expect(errorCodes(await csvImport(REFERENT_CREMA, 'In corso', { comuneId: ids.pandino }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('lets a later operation of the same request see the database, not the dry run', async () => {
    const fresh = await cremaAssignment(api, ids);
    const csv = Buffer.from(
      `Codice ISTAT;Codice linea;Stato;Avanzamento (%);Criticità;ID attività;Versione\n` +
        `019035;CAP1.PA.LA20;In corso;20;;${fresh.id};${fresh.version}\n`,
    );
    const res = await api.as(REFERENT_CREMA).graphql(
      `mutation ($input: StatusImportInput!, $id: ID!, $v: Int!) {
        dry: importStatuses(input: $input) { changes { toStatus } }
        submitAssignment(id: $id, expectedVersion: $v) { status }
      }`,
      {
        input: {
          fileName: 's.csv',
          contentBase64: csv.toString('base64'),
          comuneId: ids.crema,
          dryRun: true,
        },
        id: fresh.id,
        v: fresh.version,
      },
    );
    // The dry run moved it to IN_PROGRESS and rolled back: still NOT_STARTED, it cannot be submitted.
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors![0].path).toEqual(['submitAssignment']);
    expect((await assignments()).get(fresh.id)).toMatchObject({
      status: 'NOT_STARTED',
      version: fresh.version,
    });
  });

  it('lets the RTD office import for the whole consortium, where it may only reopen', async () => {
    const found = ok(
      await api.as(RTD_A).graphql(
        `query ($k: ID!) { assignments(filter: { consortiumId: $k, status: [COMPLETED] }, first: 1) { edges { node {
          id version progress issues comune { istatCode } objective { lines { code } } } } } }`,
        { k: ids.consortiumA },
      ),
      'assignments',
    ).edges[0].node;
    const row = (status: string) =>
      Buffer.from(
        `Codice ISTAT,Codice linea,Stato,Avanzamento (%),Criticità,ID attività,Versione\n` +
          `${found.comune.istatCode},${found.objective.lines[0].code},${status},${found.progress},"${found.issues ?? ''}",${found.id},${found.version}\n`,
      );
    const run = (who: string, status: string, dryRun: boolean, scope: Record<string, unknown>) =>
      api.as(who).graphql(IMPORT, {
        input: { fileName: 'k.csv', contentBase64: row(status).toString('base64'), dryRun, ...scope },
      });
    expect(
      errorCodes(await run(REFERENT_CREMA, 'In corso', true, { consortiumId: ids.consortiumA })),
    ).toEqual(['FORBIDDEN']);
    const done = ok(await run(RTD_A, 'In corso', false, { consortiumId: ids.consortiumA }), 'importStatuses');
    expect(done).toMatchObject({
      applied: true,
      errors: [],
      changes: [{ assignmentId: found.id, fromStatus: 'COMPLETED', toStatus: 'IN_PROGRESS' }],
    });
  });

  it('refuses a file over 2 MB with an Italian error, not an HTTP 413', async () => {
    const res = await importFile(REFERENT_CREMA, Buffer.alloc(2 * 1024 * 1024 + 10, 65), true, {
      fileName: 'grande.csv',
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].message).toMatch(/troppo grande \(al massimo 2 MB\)/);
  });

  describe('bad files are refused with an Italian error and change nothing', () => {
    const refusedWith = async (content: Buffer, fileName: string, message: RegExp) => {
      const before = await assignments();
      const res = await importFile(REFERENT_CREMA, content, false, { fileName });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].message).toMatch(message);
      expect(await assignments()).toEqual(before);
    };
    const rowErrors = async (edit: (ws: ExcelJS.Worksheet, col: (n: string) => number) => void) => {
      const { workbook, ws, col } = await loadSheet();
      edit(ws, col);
      const before = await assignments();
      const content = Buffer.from(await workbook.xlsx.writeBuffer());
      const report = ok(await importFile(REFERENT_CREMA, content, false), 'importStatuses');
      expect(report.applied).toBe(false);
      expect(await assignments()).toEqual(before);
      return report.errors;
    };

    it('wrong columns', async () => {
      const { workbook, ws, col } = await loadSheet();
      ws.getRow(1).getCell(col('Stato')).value = 'Status';
      await refusedWith(
        Buffer.from(await workbook.xlsx.writeBuffer()),
        'm.xlsx',
        /colonne mancanti: «Stato»/,
      );
      await refusedWith(Buffer.from('a;b;c\n1;2;3\n'), 'm.csv', /colonne mancanti/);
    });

    it('unknown codes (line, status, activity) with their row and column', async () => {
      const errors = await rowErrors((ws, col) => {
        const rows = ws.getRows(2, 3)!;
        rows[0].getCell(col('Codice linea')).value = 'ZZ.99';
        rows[1].getCell(col('Stato')).value = 'Finita';
        rows[2].getCell(col('ID attività')).value = '00000000-0000-4000-8000-000000000000';
        rows[2].getCell(col('Stato')).value = 'In corso';
      });
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            row: 2,
            column: 'Codice linea',
            reason: expect.stringContaining('sconosciuta'),
          }),
          expect.objectContaining({ row: 4, column: 'ID attività' }),
        ]),
      );
      expect(errors.some((e: any) => e.row === 3 && e.column === 'Stato')).toBe(true);
    });

    it('wrong types', async () => {
      const errors = await rowErrors((ws, col) => {
        let done = 0;
        ws.eachRow((row, n) => {
          if (n === 1 || done === 2 || !row.getCell(col('ID attività')).value) return;
          if (done === 0) row.getCell(col('Avanzamento (%)')).value = 'tanto';
          else row.getCell(col('Versione')).value = 'ultima';
          done += 1;
        });
      });
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ column: 'Avanzamento (%)', reason: expect.stringContaining('«tanto»') }),
          expect.objectContaining({ column: 'Versione', reason: expect.stringContaining('«ultima»') }),
        ]),
      );
    });

    it('10,000 rows', async () => {
      const header = 'Codice ISTAT;Codice linea;Stato;Avanzamento (%);Criticità;ID attività;Versione\n';
      await refusedWith(
        Buffer.from(header + '019035;X;;;;;\n'.repeat(10_000)),
        'tante.csv',
        /troppe righe: al massimo 5\.000/,
      );
    });

    it('a macro-enabled workbook', async () => {
      const xlsm = zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/vbaProject.bin', data: Buffer.from('macro') },
      ]);
      await refusedWith(xlsm, 'm.xlsx', /macro/);
      await refusedWith(exported, 'm.xlsm', /macro/);
    });

    it('a zip bomb, honest or lying about its sizes', async () => {
      const huge = Buffer.alloc(100 * 1024 * 1024);
      await refusedWith(zip([{ name: 'xl/worksheets/sheet1.xml', data: huge }]), 'b.xlsx', /zip bomb/);
      await refusedWith(
        zip([{ name: 'xl/worksheets/sheet1.xml', data: huge, declaredSize: 1000 }]),
        'b.xlsx',
        /zip bomb/,
      );
    });
  });
});
