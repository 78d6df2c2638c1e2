import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_PEOPLE } from '../../libs/demo/src/demo-identities';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

/** La Regione (issue 24): the region's name, its trend, its PNRR totals and tables; no person. */
const DAVIDE = 'RCCDVD77C12F205L'; // regional observer, Lombardy

test('La Regione names the region, draws its trend and names no person', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  await loginAs(page, DAVIDE);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText('La Regione Lombardia');
  await expect(
    page.getByRole('heading', { level: 2, name: /Andamento negli ultimi 90 giorni/ }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: 'Grafico del completamento in percentuale' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Finanziamenti PNRR della Regione/ })).toBeVisible();
  await docsScreenshot(page, 'la-regione');
  // The trend's values are in a table too (one row per day's midnight snapshot).
  await page.getByText('I valori dei grafici in tabella').click();
  const trend = page.getByRole('table', { name: /Andamento della Regione giorno per giorno/ });
  await expect(trend.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('table', { name: /per consorzio/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /per provincia/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Finanziamenti PNRR della Regione/ })).toBeVisible();
  const main = (await page.getByRole('main').textContent()) ?? '';
  const header = (await page.locator('header').first().textContent()) ?? '';
  expect(main + header).not.toMatch(/Regione 03/);
  for (const person of DEMO_PEOPLE) {
    expect(main).not.toContain(`${person.givenName} ${person.familyName}`);
    expect(main).not.toContain(person.fiscalCode);
  }
  await expectAccessible(page, 'la regione, andamento');
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page, 'La Regione');
});

test('La Regione exports its figures as a workbook, ready and saved, at 320 px too', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, DAVIDE);
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('La Regione Lombardia');
  const button = page.getByRole('button', { name: 'Esporta XLSX' });
  await expect(button).toBeVisible();
  await expectNoHorizontalScroll(page, 'La Regione con il pulsante di esportazione');
  const downloaded = page.waitForEvent('download', { timeout: 120_000 });
  await button.click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^regione-lombardia-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(page.getByRole('status').filter({ hasText: 'File pronto' })).toContainText(
    download.suggestedFilename(),
  );
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rtd-regione-')), download.suggestedFilename());
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Sintesi', 'Province', 'Consorzi', 'Andamento']);
  expect(workbook.getWorksheet('Sintesi')!.getCell('A1').value).toBe('La Regione Lombardia');
  await expectAccessible(page, 'la regione, file esportato');
  await expectNoHorizontalScroll(page, 'La Regione dopo l’esportazione');
});
