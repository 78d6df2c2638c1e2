import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from '@playwright/test';
import { Client } from 'pg';
import { databaseUrl, expect, expectNoHorizontalScroll, test } from './support/fixtures';

/**
 * Issue 24's Cruscotto: the figures on the first screen, "Prossime scadenze" and "Criticità
 * aperte" (linked), a heatmap whose legend is in words, drawn from consortiumDashboard with no
 * `assignments` query; it fits 320 px and prints on A4 landscape with every heatmap column.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const ISSUE = 'Il fornitore del sito non risponde da tre settimane';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The GraphQL documents the page sends, to check what it asks. */
function recordQueries(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request: Request) => {
    if (!request.url().endsWith('/graphql') || request.method() !== 'POST') return;
    try {
      sent.push(String(JSON.parse(request.postData() ?? '{}').query ?? ''));
    } catch {
      sent.push(request.postData() ?? '');
    }
  });
  return sent;
}

test.describe.configure({ mode: 'serial', retries: 0 });

let objectiveTitles: string[] = [];

test.beforeAll(async () => {
  // A criticità and a deadline in the next days on one of Crema's open activities.
  const db = new Client({ connectionString: databaseUrl() });
  await db.connect();
  try {
    await db.query(
      // Updated now, as a referent's report would be: the list shows the latest criticità first,
      // and the demo's all carry the seed's time (ties broken by id would make this one's place random).
      `UPDATE assignment a SET issues = $1, status = 'IN_PROGRESS', updated_at = now(),
              due_date = (now() AT TIME ZONE 'Europe/Rome')::date + 10
        WHERE a.id = (SELECT a2.id FROM assignment a2 JOIN comune c ON c.id = a2.comune_id
                       JOIN shared_objective o ON o.id = a2.objective_id
                      WHERE c.name = 'Crema' AND a2.status IN ('NOT_STARTED', 'IN_PROGRESS') AND o.state <> 'CLOSED'
                      ORDER BY o.title LIMIT 1)`,
      [ISSUE],
    );
    const rows = await db.query(
      `SELECT DISTINCT o.title FROM shared_objective o
        WHERE o.consortium_id = (SELECT m.consortium_id FROM consortium_member m JOIN comune c ON c.id = m.comune_id
                                  WHERE c.name = 'Crema')
          AND EXISTS (SELECT 1 FROM assignment a WHERE a.objective_id = o.id)`,
    );
    objectiveTitles = rows.rows.map((r) => r.title as string);
  } finally {
    await db.end();
  }
});

test('the Cruscotto shows the figures first, the deadlines and the criticità, from one aggregate', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const sent = recordQueries(page);
  await loginAs(page, GIULIA);
  await expect(h1(page)).toHaveText('Cruscotto');
  const completion = page.getByRole('group', { name: 'Completamento' });
  await expect(completion).toBeVisible();
  // The figures are on the first screen at 1366×768.
  const box = await completion.boundingBox();
  expect(box!.y + box!.height).toBeLessThan(768);

  await expect(page.getByRole('heading', { level: 2, name: 'Prossime scadenze' })).toBeVisible();
  const deadlines = page.getByRole('table', { name: /in scadenza nei prossimi 60 giorni/ });
  await expect(deadlines.getByRole('row', { name: /Crema/ }).first()).toBeVisible();

  await expect(page.getByRole('heading', { level: 2, name: 'Criticità aperte' })).toBeVisible();
  const issues = page.getByRole('list', { name: /Criticità aperte/ });
  const item = issues.getByRole('listitem').filter({ hasText: ISSUE });
  await expect(item).toContainText('Crema');

  // The heatmap: a legend in words, signs in the cells, no letters a reader could misread.
  const legend = page.getByRole('list', { name: 'Legenda' });
  for (const word of ['Non avviata', 'In corso', 'Completata', 'Respinta', 'Non applicabile', 'in ritardo'])
    await expect(legend).toContainText(word);
  const heatmap = page.getByRole('table', { name: /Stato di ogni attività per Comune/ }).first();
  await expect(heatmap).toBeVisible();
  const cellText = await heatmap.locator('td').allInnerTexts();
  expect(cellText.filter((t) => /\b(NA|IV|IC|RS|OK)\b/.test(t))).toEqual([]);
  for (const title of objectiveTitles)
    await expect(heatmap.getByRole('columnheader', { name: title })).toBeVisible();

  // Actions come after the figures, in their own section.
  const actions = page.getByRole('heading', { level: 2, name: 'Esportazioni e resoconto periodico' });
  await expect(actions).toBeVisible();
  expect((await actions.boundingBox())!.y).toBeGreaterThan(box!.y);

  await expectAccessible(page, 'cruscotto');
  await docsScreenshot(page, 'cruscotto');

  // Drawn from consortiumDashboard: the browser downloads no assignment list.
  expect(sent.some((q) => q.includes('consortiumDashboard('))).toBe(true);
  expect(sent.filter((q) => /\bassignments\s*\(/.test(q))).toEqual([]);

  // The criticità leads to its activity.
  await item.getByRole('link').click();
  await expect(page).toHaveURL(/\/assegnazioni\//);
  await expect(page.getByText(ISSUE)).toBeVisible();
});

test('the Cruscotto fits a 320-pixel screen and stays accessible there', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await loginAs(page, GIULIA);
  await expect(h1(page)).toHaveText('Cruscotto');
  await expect(page.getByRole('heading', { level: 2, name: 'Prossime scadenze' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'Cruscotto');
  await expectAccessible(page, 'cruscotto a 320 px');
});

test('printed by Chromium on A4 landscape, the Cruscotto has every heatmap column and no navigation', async ({
  page,
  loginAs,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, GIULIA);
  await expect(h1(page)).toHaveText('Cruscotto');
  await expect(page.getByRole('table', { name: /Stato di ogni attività per Comune/ }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  const dir = path.resolve(__dirname, '../../test-results/web');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'cruscotto.pdf');
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const size = execFileSync('pdfinfo', [file]).toString();
  // A4 landscape: 842 × 595 points.
  expect(size).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts/);
  const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
  expect(objectiveTitles.length).toBeGreaterThan(0);
  for (const title of objectiveTitles) expect(text).toContain(title.replace(/\s+/g, ' '));
  expect(text).toContain('Prossime scadenze');
  expect(text).toContain('Criticità aperte');
  expect(text).toContain(ISSUE);
  // No navigation, forms or buttons on paper.
  expect(text).not.toContain('Obiettivi condivisi');
  expect(text).not.toContain('Tutte le edizioni');
  expect(text).not.toContain('Stampa il cruscotto');
});
