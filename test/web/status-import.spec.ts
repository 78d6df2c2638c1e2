import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { graphqlAs } from './support/api';
import { expect, test } from './support/fixtures';

/**
 * Issue 15 part 5 in Chromium: Crema's referent downloads the monitoring sheet, edits it, uploads
 * it from the worklist, reads the dry run's table (an error with its row), fixes the file, sees
 * the one change, confirms, and the activity has moved. The change is undone at the end, so the
 * other browser specs find the demo as it was.
 */
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A

test("the referent imports an edited monitoring sheet from Crema's worklist", async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, ANNA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le attività del Comune di Crema');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Scarica il foglio di monitoraggio (XLSX)' }).click(),
  ]);
  const dir = mkdtempSync(path.join(tmpdir(), 'rtd-import-'));
  const original = path.join(dir, 'monitoraggio.xlsx');
  await download.saveAs(original);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(original);
  const ws = workbook.getWorksheet('Linee 2022-2024')!;
  const header = (ws.getRow(1).values as string[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  const rowsOf = new Map<string, ExcelJS.Row[]>();
  ws.eachRow((row, n) => {
    const id = row.getCell(col('ID attività')).value as string | null;
    if (n > 1 && id) rowsOf.set(id, [...(rowsOf.get(id) ?? []), row]);
  });
  const statusOf = (rows: ExcelJS.Row[]) => rows[0].getCell(col('Stato')).value as string;
  const set = (rows: ExcelJS.Row[], value: string) =>
    rows.forEach((row) => (row.getCell(col('Stato')).value = value));
  const [changedId, changed] = [...rowsOf].find(([, rows]) =>
    ['Non avviata', 'In corso'].includes(statusOf(rows)),
  )!;
  const [, wrong] = [...rowsOf].find(([id, rows]) => id !== changedId && statusOf(rows) !== 'Completata')!;
  const before = statusOf(changed);
  const wrongBefore = statusOf(wrong);
  set(changed, before === 'In corso' ? 'Non avviata' : 'In corso');
  set(wrong, 'Completata');
  const withError = path.join(dir, 'monitoraggio-con-errore.xlsx');
  await workbook.xlsx.writeFile(withError);
  set(wrong, wrongBefore);
  const fixed = path.join(dir, 'monitoraggio-corretto.xlsx');
  await workbook.xlsx.writeFile(fixed);

  const upload = page.getByLabel('File da importare (.xlsx o .csv)');
  await upload.setInputFiles(withError);
  await page.getByRole('button', { name: 'Verifica il file' }).click();
  const errors = page.getByRole('table', { name: /Righe con errori/ });
  await expect(errors).toContainText(String(wrong[0].number));
  await expect(errors).toContainText("riservato all'Ufficio RTD");
  await expect(page.getByRole('button', { name: /Conferma e applica/ })).toHaveCount(0);

  await upload.setInputFiles(fixed);
  await page.getByRole('button', { name: 'Verifica il file' }).click();
  const changes = page.getByRole('table', { name: 'Modifiche che il file apporta' });
  await expect(changes.getByRole('row')).toHaveCount(2);
  await expect(changes).toContainText(`Linee 2022-2024, ${changed[0].number}`);
  await expectAccessible(page, 'anteprima della importazione degli stati');
  await page.getByRole('button', { name: 'Conferma e applica la modifica' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Importazione completata' })).toContainText(
    'modificata 1 attività',
  );

  const now = await graphqlAs(ANNA, 'query ($id: ID!) { assignment(id: $id) { status version } }', {
    id: changedId,
  });
  expect(now.assignment.status).toBe(before === 'In corso' ? 'NOT_STARTED' : 'IN_PROGRESS');
  // Put it back for the other specs.
  await graphqlAs(
    ANNA,
    'mutation ($id: ID!, $v: Int!, $s: AssignmentStatus!) { updateAssignment(id: $id, expectedVersion: $v, input: { status: $s }) { id } }',
    { id: changedId, v: now.assignment.version, s: before === 'In corso' ? 'IN_PROGRESS' : 'NOT_STARTED' },
  );
});

test("the RTD finds the import on Crema's scheda", async ({ page, loginAs }) => {
  const crema = await graphqlAs(GIULIA, '{ comuneByIstatCode(istatCode: "019035") { id } }');
  await loginAs(page, GIULIA);
  await page.goto(`/comuni/${crema.comuneByIstatCode.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Crema');
  await expect(page.getByRole('heading', { name: 'Importa gli stati da un file' })).toBeVisible();
  await expect(page.getByLabel('File da importare (.xlsx o .csv)')).toBeVisible();
});

const MARCO = 'GLLMRC88L05D150B'; // staff of consortium A

test("the office imports the consortium's sheet from the Cruscotto, on the comuni's behalf where its RTD allows it", async ({
  page,
  browser,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  test.setTimeout(180_000);
  const setting = page.getByRole('switch', { name: 'L’ufficio può inserire gli stati per conto dei Comuni' });

  // The staff sees the setting, and may not change it.
  const staffContext = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const staff = await staffContext.newPage();
  await loginAs(staff, MARCO);
  await staff.goto('/cruscotto');
  const staffSetting = staff.getByRole('switch', {
    name: 'L’ufficio può inserire gli stati per conto dei Comuni',
  });
  await expect(staffSetting).toBeDisabled();
  await expect(staffSetting).not.toBeChecked();
  await expect(staff.getByText('Solo il RTD del consorzio può cambiare questa impostazione.')).toBeVisible();
  await staffContext.close();

  await loginAs(page, GIULIA);
  await page.goto('/cruscotto');
  await expect(page.getByRole('heading', { name: 'Importa gli stati di tutto il consorzio' })).toBeVisible();
  await expect(setting).toBeEnabled();
  await expect(setting).not.toBeChecked();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Scarica il monitoraggio del consorzio (XLSX)' }).click(),
  ]);
  const dir = mkdtempSync(path.join(tmpdir(), 'rtd-office-import-'));
  const original = path.join(dir, 'monitoraggio-consorzio.xlsx');
  await download.saveAs(original);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(original);
  const ws = workbook.getWorksheet('Linee 2022-2024')!;
  const header = (ws.getRow(1).values as string[]).slice(1);
  const col = (name: string) => header.indexOf(name) + 1;
  // One of Crema's activities not started yet (its referent puts it back at the end).
  let target: ExcelJS.Row | null = null;
  ws.eachRow((row, n) => {
    if (
      !target &&
      n > 1 &&
      String(row.getCell(col('Codice ISTAT')).value).padStart(6, '0') === '019035' &&
      row.getCell(col('ID attività')).value &&
      row.getCell(col('Stato')).value === 'Non avviata'
    )
      target = row;
  });
  const row = target as ExcelJS.Row | null;
  expect(row).not.toBeNull();
  const id = row!.getCell(col('ID attività')).value as string;
  ws.eachRow((r) => {
    if (r.getCell(col('ID attività')).value === id) {
      r.getCell(col('Stato')).value = 'In corso';
      r.getCell(col('Avanzamento (%)')).value = 20;
    }
  });
  const edited = path.join(dir, 'risposte-dei-comuni.xlsx');
  await workbook.xlsx.writeFile(edited);

  // Off: the dry run refuses the row, naming it, and says how the RTD allows it.
  const upload = page.getByLabel('File da importare (.xlsx o .csv)');
  await upload.setInputFiles(edited);
  await page.getByRole('button', { name: 'Verifica il file' }).click();
  const errors = page.getByRole('table', { name: /Righe con errori/ });
  await expect(errors).toContainText(String(row!.number));
  await expect(errors).toContainText("L'ufficio può inserire gli stati per conto dei Comuni");

  // The RTD switches it on; the same file now passes the dry run and is applied.
  await setting.check();
  await expect(page.getByRole('status').filter({ hasText: 'Impostazione salvata' })).toBeVisible();
  await expect(setting).toBeChecked();
  await page.getByRole('button', { name: 'Verifica il file' }).click();
  const changes = page.getByRole('table', { name: 'Modifiche che il file apporta' });
  await expect(changes).toContainText(`Linee 2022-2024, ${row!.number}`);
  await expect(changes).toContainText('Crema');
  await expectAccessible(page, 'importazione del consorzio');
  await docsScreenshot(page, 'importazione-consorzio');
  await page.getByRole('button', { name: /Conferma e applica/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Importazione completata' })).toBeVisible();

  const now = await graphqlAs(
    GIULIA,
    'query ($id: ID!) { assignment(id: $id) { status progress version history { onBehalfOfComune note } } }',
    { id },
  );
  expect(now.assignment).toMatchObject({ status: 'IN_PROGRESS', progress: 20 });
  expect(now.assignment.history.at(-1)).toMatchObject({
    onBehalfOfComune: true,
    note: expect.stringContaining('«risposte-dei-comuni.xlsx»'),
  });
  // Put things back for the other specs.
  await graphqlAs(
    ANNA,
    'mutation ($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { status: NOT_STARTED }) { id } }',
    { id, v: now.assignment.version },
  );
  await setting.uncheck();
  await expect(setting).not.toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'solo i Comuni' })).toBeVisible();
});
