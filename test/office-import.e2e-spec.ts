import ExcelJS from 'exceljs';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { AUDITOR_A, REFERENT_CREMA, REFERENT_PANDINO, RTD_A, RTD_B, STAFF_A } from './support/identities';
import { assignmentOf, demoIds, DemoIds, ok, publishedObjective } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { builtExport, downloadFile } from './support/exports';
import { startTestWorker } from './support/test-worker';

const IMPORT = `mutation ($input: StatusImportInput!) {
  importStatuses(input: $input) {
    dryRun applied rowsRead unchanged
    changes { sheet row assignmentId comuneName fromStatus toStatus fromProgress toProgress issuesChanged }
    errors { sheet row column reason }
  }
}`;
const SETTINGS = `query ($id: ID!) { consortium(id: $id) { settings { officeReportsForComuni canUpdate } } }`;
const UPDATE_SETTINGS = `mutation ($input: UpdateConsortiumSettingsInput!) {
  updateConsortiumSettings(input: $input) { officeReportsForComuni canUpdate }
}`;
const ASSIGNMENT = `query ($id: ID!) { assignment(id: $id) {
  id status progress issues version
  history { at to progress note issues onBehalfOfComune actor { displayName } }
} }`;
const FILE = 'monitoraggio-consorzio.xlsx';

/**
 * Issue 23, point 5: the office round-trips the consortium-wide monitoring sheet of the Cruscotto,
 * entering the comuni's reports on their behalf where the consortium's RTD allows it.
 */
describe("The office's consortium-wide import on the comuni's behalf", () => {
  let api: TestApi;
  let owner: DataSource;
  let ids: DemoIds;
  let worker: INestApplicationContext;
  let exported: Buffer;
  let crema: { id: string; version: number };
  let pandino: { id: string; version: number };

  const settings = async (who: string) =>
    ok(await api.as(who).graphql(SETTINGS, { id: ids.consortiumA }), 'consortium').settings;
  const setting = (who: string, on: boolean, consortiumId = ids.consortiumA) =>
    api.as(who).graphql(UPDATE_SETTINGS, { input: { consortiumId, officeReportsForComuni: on } });
  const importAs = (who: string, content: Buffer, dryRun: boolean) =>
    api.as(who).graphql(IMPORT, {
      input: {
        fileName: FILE,
        contentBase64: content.toString('base64'),
        consortiumId: ids.consortiumA,
        dryRun,
      },
    });
  const assignment = async (id: string) => ok(await api.as(RTD_A).graphql(ASSIGNMENT, { id }), 'assignment');

  /** The exported sheet, with the rows of the two activities edited as the office would. */
  const edited = async (
    edit: (set: (id: string, column: string, value: ExcelJS.CellValue) => number) => void,
  ) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Linee 2022-2024')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    edit((id, column, value) => {
      let found = 0;
      ws.eachRow((row, n) => {
        if (n > 1 && row.getCell(col('ID attività')).value === id) {
          row.getCell(col(column)).value = value;
          found = n;
        }
      });
      if (!found) throw new Error(`no row for ${id}`);
      return found;
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.db.config, 'office-import-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    ids = await demoIds(api);
    worker = await startTestWorker(api.config);
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema, ids.pandino],
      title: 'Risposte raccolte per posta elettronica',
    });
    crema = await assignmentOf(api, objectiveId, ids.crema);
    pandino = await assignmentOf(api, objectiveId, ids.pandino);
    // Pandino has started (its referent said so); Crema has not.
    pandino = ok(
      await api
        .as(REFERENT_PANDINO)
        .graphql(
          `mutation ($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { status: IN_PROGRESS, progress: 10 }) { id version } }`,
          { id: pandino.id, v: pandino.version },
        ),
      'updateAssignment',
    );
    // The consortium-wide sheet, as the Cruscotto's "Scarica il foglio di monitoraggio" gives it.
    const job = await builtExport(
      api,
      RTD_A,
      `mutation ($input: ExportRequestInput!) { requestExport(input: $input) { id } }`,
      { kind: 'MONITORING_XLSX', consortiumId: ids.consortiumA },
    );
    const res = await downloadFile(api, job.downloadUrl, RTD_A);
    expect(res.status).toBe(200);
    exported = res.body as Buffer;
  });
  afterAll(async () => {
    await worker?.close();
    await owner.destroy();
    await api.close();
  });

  it('keeps the setting off by default, read by the office and changed by its RTD alone', async () => {
    expect(await settings(RTD_A)).toEqual({ officeReportsForComuni: false, canUpdate: true });
    for (const who of [STAFF_A, AUDITOR_A])
      expect(await settings(who)).toEqual({ officeReportsForComuni: false, canUpdate: false });
    expect(await settings(REFERENT_CREMA)).toBeNull();
    for (const who of [STAFF_A, AUDITOR_A, REFERENT_CREMA]) {
      const res = await setting(who, true);
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors![0].message).toMatch(/RTD/);
    }
    expect(errorCodes(await setting(RTD_B, true))).toEqual([expect.stringMatching(/FORBIDDEN|NOT_FOUND/)]);
    expect((await settings(RTD_A)).officeReportsForComuni).toBe(false);
  });

  it("refuses the comuni's reports from the office while the setting is off, naming row and column", async () => {
    let cremaRow = 0;
    const file = await edited((set) => {
      cremaRow = set(crema.id, 'Stato', 'In corso');
      set(crema.id, 'Avanzamento (%)', 30);
    });
    const res = ok(await importAs(RTD_A, file, true), 'importStatuses');
    expect(res).toMatchObject({ applied: false, changes: [] });
    expect(res.errors).toEqual([
      {
        sheet: 'Linee 2022-2024',
        row: cremaRow,
        column: 'Stato',
        reason: expect.stringContaining("L'ufficio può inserire gli stati per conto dei Comuni"),
      },
    ]);
    expect(await assignment(crema.id)).toMatchObject({ status: 'NOT_STARTED', version: crema.version });
  });

  it("with the RTD's consent, enters them on the comuni's behalf: dry run, all or nothing, recorded as such", async () => {
    expect(ok(await setting(RTD_A, true), 'updateConsortiumSettings')).toEqual({
      officeReportsForComuni: true,
      canUpdate: true,
    });
    expect((await settings(STAFF_A)).officeReportsForComuni).toBe(true);

    // One bad cell blocks the whole file, with an Italian reason naming row and column.
    let rows = { crema: 0, pandino: 0 };
    const withError = await edited((set) => {
      rows.crema = set(crema.id, 'Stato', 'In corso');
      set(crema.id, 'Avanzamento (%)', 30);
      set(crema.id, 'Criticità', 'Risposta per posta elettronica del 3 dicembre');
      rows.pandino = set(pandino.id, 'Stato', 'Inviata, da validare');
      set(pandino.id, 'Avanzamento (%)', 'metà');
    });
    const refused = ok(await importAs(RTD_A, withError, false), 'importStatuses');
    expect(refused).toMatchObject({ applied: false });
    expect(refused.errors).toEqual([
      {
        sheet: 'Linee 2022-2024',
        row: rows.pandino,
        column: 'Avanzamento (%)',
        reason: '«metà» non è un intero da 0 a 100',
      },
    ]);
    expect(await assignment(crema.id)).toMatchObject({ status: 'NOT_STARTED', version: crema.version });

    rows = { crema: 0, pandino: 0 };
    const file = await edited((set) => {
      rows.crema = set(crema.id, 'Stato', 'In corso');
      set(crema.id, 'Avanzamento (%)', 30);
      set(crema.id, 'Criticità', 'Risposta per posta elettronica del 3 dicembre');
      rows.pandino = set(pandino.id, 'Stato', 'Inviata, da validare');
      set(pandino.id, 'Avanzamento (%)', 60);
    });
    // The dry run says what would change, and changes nothing.
    const dry = ok(await importAs(STAFF_A, file, true), 'importStatuses');
    expect(dry).toMatchObject({ dryRun: true, applied: false, errors: [] });
    expect(dry.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: rows.crema,
          comuneName: 'Crema',
          toStatus: 'IN_PROGRESS',
          toProgress: 30,
        }),
        expect.objectContaining({
          row: rows.pandino,
          comuneName: 'Pandino',
          toStatus: 'SUBMITTED',
          toProgress: 60,
        }),
      ]),
    );
    expect(dry.changes).toHaveLength(2);
    expect(await assignment(pandino.id)).toMatchObject({ status: 'IN_PROGRESS', version: pandino.version });

    const applied = ok(await importAs(RTD_A, file, false), 'importStatuses');
    expect(applied).toMatchObject({ applied: true, errors: [] });
    expect(applied.changes).toHaveLength(2);

    const c = await assignment(crema.id);
    expect(c).toMatchObject({
      status: 'IN_PROGRESS',
      progress: 30,
      issues: 'Risposta per posta elettronica del 3 dicembre',
    });
    expect(c.history[0].onBehalfOfComune).toBe(false); // the fan-out's first entry
    expect(c.history.at(-1)).toMatchObject({
      to: 'IN_PROGRESS',
      onBehalfOfComune: true,
      actor: { displayName: 'Giulia Ferrari' },
      note: `Inserito dall'Ufficio RTD per conto del Comune: importazione da file «${FILE}», riga ${rows.crema}`,
    });
    const p = await assignment(pandino.id);
    expect(p).toMatchObject({ status: 'SUBMITTED', progress: 60 });
    expect(p.history.at(-1)).toMatchObject({ to: 'SUBMITTED', onBehalfOfComune: true });

    // The audit log says so too: who and when are the entry's, the file and row its details.
    const audit = ok(
      await api.as(AUDITOR_A).graphql(
        `query ($c: ID!) { auditLog(consortiumId: $c, action: "assignment.submit", first: 5) {
          edges { node { at actorName entityId detailsJson } } } }`,
        { c: ids.consortiumA },
      ),
      'auditLog',
    ).edges.map((e: any) => e.node);
    const entry = audit.find((n: any) => n.entityId === pandino.id);
    expect(entry.actorName).toBe('Giulia Ferrari');
    expect(JSON.parse(entry.detailsJson)).toMatchObject({
      from: 'IN_PROGRESS',
      to: 'SUBMITTED',
      onBehalfOfComune: true,
      fileName: FILE,
      row: rows.pandino,
    });

    // The comune's own steps stay the comune's, and the office still decides in review.
    const decided = ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation ($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: APPROVE) { status } }`,
          { id: pandino.id, v: p.version },
        ),
      'reviewAssignment',
    );
    expect(decided.status).toBe('COMPLETED');
    const own = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `mutation ($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: 35 }) { history { onBehalfOfComune } } }`,
          { id: crema.id, v: c.version },
        ),
      'updateAssignment',
    );
    expect(own.history.at(-1).onBehalfOfComune).toBe(false);
  });

  it('still keeps the office out of one-by-one reporting and of other consortia', async () => {
    const c = await assignment(crema.id);
    const res = await api
      .as(RTD_A)
      .graphql(
        `mutation ($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: 50 }) { id } }`,
        { id: crema.id, v: c.version },
      );
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    // Pandino's referent may not import for the consortium.
    const file = await edited((set) => set(crema.id, 'Avanzamento (%)', 50));
    expect(errorCodes(await importAs(REFERENT_PANDINO, file, true))).toEqual(['FORBIDDEN']);
    // Consortium B's RTD may not import A's sheet.
    expect(errorCodes(await importAs(RTD_B, file, true))).toEqual([
      expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
    ]);
  });

  it('the RTD turns it off again: the office is refused once more', async () => {
    ok(await setting(RTD_A, false), 'updateConsortiumSettings');
    const c = await assignment(crema.id);
    const file = await edited((set) => {
      set(crema.id, 'Stato', 'In corso');
      set(crema.id, 'Avanzamento (%)', 55);
      set(crema.id, 'Criticità', c.issues);
      set(crema.id, 'Versione', c.version);
      // Pandino's row as it is now (approved), so that it is left alone.
      set(pandino.id, 'Stato', 'Completata');
      set(pandino.id, 'Avanzamento (%)', 100);
    });
    const res = ok(await importAs(RTD_A, file, true), 'importStatuses');
    expect(res.changes).toEqual([]);
    expect(res.errors).toEqual([expect.objectContaining({ column: 'Avanzamento (%)' })]);
    const log = ok(
      await api.as(RTD_A).graphql(
        `query ($c: ID!) { auditLog(consortiumId: $c, action: "consortium.updateSettings", first: 5) {
          edges { node { actorName detailsJson } } } }`,
        { c: ids.consortiumA },
      ),
      'auditLog',
    ).edges.map((e: any) => [e.node.actorName, JSON.parse(e.node.detailsJson)]);
    expect(log).toEqual([
      ['Giulia Ferrari', { officeReportsForComuni: false }],
      ['Giulia Ferrari', { officeReportsForComuni: true }],
    ]);
  });
});
