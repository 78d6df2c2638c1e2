import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { graphqlAs } from './support/api';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

/**
 * Issue 15's periodic report on the dashboard, in Chromium through the real login: the RTD
 * generates it, follows the worker's progress until «Pronta», downloads it through a signed
 * link, and sets the schedule; the panel passes axe and fits a 320-pixel screen.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const MARCO = 'GLLMRC88L05D150B'; // staff of consortium A

test('the RTD generates the periodic report on the dashboard, downloads it and sets the schedule', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  const { consortia } = await graphqlAs(GIULIA, '{ consortia { name } }');
  const consortiumName = consortia[0].name as string;

  await loginAs(page, GIULIA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cruscotto');
  const panel = page.getByRole('region', { name: 'Relazione periodica' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Prossima relazione:');

  await panel.getByRole('button', { name: 'Genera la relazione (PDF)' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Relazione richiesta' })).toBeVisible();
  const table = panel.getByRole('table', { name: 'Relazioni recenti' });
  const newest = table.getByRole('row').nth(1);
  // Queued or being built (a progress bar), unless the worker was quicker than the page.
  await expect(newest).toContainText(/In coda|In preparazione \d+%|Pronta/);
  await expect(newest).toContainText('Pronta', { timeout: 60_000 });
  await expect(newest.getByRole('progressbar')).toHaveCount(0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    newest.getByRole('button', { name: /^Scarica la relazione del / }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^relazione-periodica-.*\.pdf$/);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rtd-report-')), download.suggestedFilename());
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
  expect(text).toContain('Relazione periodica');
  expect(text).toContain(consortiumName);

  // The schedule: quarterly from now on; the next date falls on the first day of a quarter.
  await panel.getByLabel('Frequenza').selectOption({ label: 'Trimestrale' });
  await panel.getByLabel('Giorno del mese').fill('1');
  await panel.getByRole('button', { name: 'Salva' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Calendario salvato.' })).toBeVisible();
  await expect(panel).toContainText(/Prossima relazione: 01\/(01|04|07|10)\/\d{4}/);
  const saved = await graphqlAs(GIULIA, `{ consortia { id } }`).then(({ consortia: [c] }) =>
    graphqlAs(GIULIA, `query($id: ID!) { consortiumReportSchedule(consortiumId: $id) { frequency } }`, {
      id: c.id,
    }),
  );
  expect(saved.consortiumReportSchedule.frequency).toBe('QUARTERLY');
  await expectAccessible(page, 'cruscotto con la relazione periodica');

  // The mail's link, /cruscotto?relazione=<id>, marks that report in the list.
  const { consortia: own } = await graphqlAs(GIULIA, '{ consortia { id } }');
  const listed = await graphqlAs(
    GIULIA,
    'query($id: ID!) { consortiumReports(consortiumId: $id, first: 1) { id } }',
    { id: own[0].id },
  );
  await page.goto(`/cruscotto?relazione=${listed.consortiumReports[0].id}`);
  await expect(newest).toHaveAttribute('aria-current', 'true');
  await expectAccessible(page, 'cruscotto aperto dal link della mail della relazione');

  // A 320-pixel phone: the panel, its table and its form fit (the table scrolls inside itself).
  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  await expect(table).toBeVisible();
  await expectNoHorizontalScroll(page, 'the dashboard');
});

test('the staff sees the reports and the next date, without the schedule form', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, MARCO);
  const panel = page.getByRole('region', { name: 'Relazione periodica' });
  await expect(panel).toContainText('Prossima relazione:');
  await expect(panel.getByRole('button', { name: 'Genera la relazione (PDF)' })).toBeVisible();
  await expect(panel.getByLabel('Frequenza')).toHaveCount(0);
  await expectAccessible(page, 'cruscotto dello staff con la relazione periodica');
});
