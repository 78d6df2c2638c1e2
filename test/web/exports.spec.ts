import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { graphqlAs } from './support/api';
import { expect, SCREENSHOTS, test } from './support/fixtures';

/**
 * Issue 15's download buttons, in Chromium through the real login: the referent's worklist, the
 * scheda del Comune and the dashboard each give their PDF and XLSX, built by the worker (the page
 * shows its progress) and fetched through the signed link with the person's token. The first page of Crema's scheda goes into the README.
 */
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A

/**
 * Clicks a download button: the worker builds the file while the page polls its state every second
 * ("In preparazione… NN%" in the status region), then the browser saves it.
 */
async function downloadBy(
  page: Page,
  button: string,
  { showsProgress = false } = {},
): Promise<{ download: Download; file: string }> {
  const downloaded = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: button }).click();
  if (showsProgress)
    await expect(page.getByRole('status').filter({ hasText: /^In preparazione… \d{1,3}%$/ })).toBeVisible();
  const download = await downloaded;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rtd-download-')), download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: 'File pronto' })).toContainText(
    download.suggestedFilename(),
  );
  return { download, file };
}

const isPdf = (file: string) => execFileSync('pdfinfo', [file]).toString().includes('Pages:');

test("the referent downloads Crema's scheda and monitoring sheet from the worklist", async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, ANNA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le attività del Comune di Crema');
  const pdf = await downloadBy(page, 'Scarica la scheda del Comune (PDF)');
  expect(pdf.download.suggestedFilename()).toBe('scheda-comune-crema-019035.pdf');
  expect(isPdf(pdf.file)).toBe(true);
  const xlsx = await downloadBy(page, 'Scarica il foglio di monitoraggio (XLSX)');
  expect(xlsx.download.suggestedFilename()).toBe('monitoraggio-crema-019035-2022-2024.xlsx');
  await expectAccessible(page, 'attività del Comune con i pulsanti di download');
});

test("the RTD downloads the consortium's monitoring from the dashboard and Crema's scheda from its page", async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  test.setTimeout(180_000);
  await loginAs(page, GIULIA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cruscotto');
  const workbook = await downloadBy(page, 'Scarica il monitoraggio del consorzio (XLSX)', {
    showsProgress: true,
  });
  expect(workbook.download.suggestedFilename()).toMatch(
    /^monitoraggio-ufficio-rtd-associato.*-2022-2024\.xlsx$/,
  );

  const crema = await graphqlAs(GIULIA, '{ comuneByIstatCode(istatCode: "019035") { id } }');
  await page.goto(`/comuni/${crema.comuneByIstatCode.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Crema');
  // The RTD writes the «stato dell'arte» the scheda prints (seed 003, Allegato 1).
  const narrative =
    'Il Comune, in forma aggregata, ha avviato la migrazione al cloud e ha aderito a pagoPA e ad app IO; restano da completare la sicurezza ICT e la dichiarazione di accessibilità.';
  await page
    .getByLabel('Breve descrizione dello stato dell’arte (stampata nella scheda del Comune)')
    .fill(narrative);
  await page.getByRole('button', { name: 'Salva la descrizione' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Descrizione salvata' })).toBeVisible();
  await expectAccessible(page, 'scheda del Comune con lo stato dell’arte');
  await page.getByRole('heading', { name: 'Stato dell’arte', exact: true }).scrollIntoViewIfNeeded();
  await docsScreenshot(page, 'scheda-comune-stato-dell-arte');
  const scheda = await downloadBy(page, 'Scarica la scheda del Comune (PDF)');
  expect(scheda.download.suggestedFilename()).toBe('scheda-comune-crema-019035.pdf');
  const text = execFileSync('pdftotext', [scheda.file, '-']).toString().replace(/\s+/g, ' ');
  expect(text).toContain(narrative);
  expect(text).toContain('Cronoprogramma degli obiettivi da raggiungere, per semestre');
  // The README shows the first page, as pdftoppm renders it (kept by `npm run screenshots`).
  mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    scheda.file,
    path.join(SCREENSHOTS, 'scheda-comune'),
  ]);
});
