import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * Issue 11's office flows in Chromium: the RTD creates and publishes an objective and sees it on
 * the dashboard; a submission elsewhere shows up on the open dashboard; other consortia and the
 * auditor see only what they may.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const CHIARA = 'RNLCHR82H61G999G'; // RTD of consortium B
const ELENA = 'BRBLNE69T41D150Z'; // auditor of consortium A
const DEMO_OBJECTIVE = 'Misure minime di sicurezza ICT';
const TITLE = 'Web Analytics Italia sui siti dei comuni maggiori, 2027';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const figure = (page: Page, label: string) => page.getByRole('group', { name: label });
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Pagine' }).getByRole('link', { name, exact: true });

// The steps build on each other's data: a retry would start from changed data, so none.
test.describe.configure({ mode: 'serial', retries: 0 });

test('the RTD creates an objective on CAP1.PA.LA19, publishes it and sees it on the dashboard', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, GIULIA);
  await expect(h1(page)).toHaveText('Cruscotto');
  await expect(page.getByRole('table', { name: /Stato di ogni attività per Comune/ })).toBeVisible();
  await expect(page.getByRole('row')).not.toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Crema', exact: true }).first()).toBeVisible();
  // The trend is not empty on day one: past days come from the status history.
  await expect(page.getByRole('heading', { level: 2, name: /Andamento/ })).toBeVisible();
  await expect(page.getByText('Nessun dato di andamento ancora')).toHaveCount(0);
  await page.getByText('I valori dei grafici in tabella').click();
  const trend = page.getByRole('table', { name: /Andamento giorno per giorno/ });
  expect(await trend.getByRole('row').count()).toBeGreaterThan(30);
  await expectAccessible(page, 'cruscotto');
  await docsScreenshot(page, 'cruscotto');

  await nav(page, 'Obiettivi condivisi').click();
  await expect(h1(page)).toHaveText('Obiettivi condivisi');
  await expectAccessible(page, 'obiettivi condivisi');
  await page.getByRole('link', { name: 'Nuovo obiettivo' }).click();
  await expect(h1(page)).toHaveText('Nuovo obiettivo');

  await page.getByLabel('Titolo').fill(TITLE);
  await page.getByLabel('Edizione del Piano').selectOption('2022-2024');
  await page.getByLabel('Scadenza').fill('2027-06-30');
  await page.getByLabel(/Cerca nel Piano Triennale/).fill('CAP1.PA.LA19');
  await page.getByRole('button', { name: 'Aggiungi CAP1.PA.LA19' }).click();
  await expect(page.getByRole('list', { name: 'Linee scelte' })).toContainText('CAP1.PA.LA19');
  // Target "all members": the line's threshold (15,000 inhabitants) leaves two comuni.
  await expect(page.getByText('Raggiunge 2 Comuni')).toBeVisible();
  await expect(page.getByText('Crema, Romano di Lombardia')).toBeVisible();
  await expectAccessible(page, 'nuovo obiettivo');
  await docsScreenshot(page, 'obiettivo-editor');

  await page.getByRole('button', { name: 'Crea la bozza' }).click();
  await expect(h1(page)).toHaveText(`Bozza: ${TITLE}`);
  await page.getByRole('button', { name: 'Pubblica ai Comuni' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('a 2 Comuni?');
  await page.getByRole('button', { name: 'Pubblica', exact: true }).click();
  const run = page.getByRole('status').filter({ hasText: 'Invio ai Comuni' });
  await expect(run).toContainText('Invio ai Comuni: Completato', { timeout: 30_000 });
  await expect(run).toContainText('2 attività create · 0 già presenti');
  await expect(h1(page)).toHaveText(TITLE);
  await expectAccessible(page, 'obiettivo pubblicato');

  await nav(page, 'Cruscotto').click();
  await expect(page.getByRole('link', { name: `Crema, ${TITLE}: Non avviata` })).toBeVisible();
  // The heatmap shows 25 comuni a page, by name: Romano di Lombardia is on the second.
  await page.getByRole('button', { name: 'Comuni successivi' }).click();
  await expect(page.getByRole('link', { name: `Romano di Lombardia, ${TITLE}: Non avviata` })).toBeVisible();
  await expect(page.getByRole('link', { name: `, ${TITLE}: ` })).toHaveCount(1);

  // The filters live in the URL: the view can be bookmarked.
  await page.getByLabel('Obiettivo').selectOption({ label: TITLE });
  await expect(page).toHaveURL(/obiettivo=/);
  await page.reload();
  await expect(page.getByLabel('Obiettivo')).toHaveValue(/.+/);
  // Comuni with activities under the filter first: both on the first page.
  await page.getByLabel('Ordina i Comuni').selectOption({ label: 'completamento crescente' });
  // Heatmap cells: a sign for each status (the legend says it in words), never letters.
  await expect(
    page.getByRole('link', { name: new RegExp(`: `) }).filter({ hasText: /^(○|◐|✉|✓|✗|–)/ }),
  ).toHaveCount(2);
  // A cell opens its activity inside the app (no new page load), as every link of the app does.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.getByRole('link', { name: `Crema, ${TITLE}: Non avviata` }).click();
  await expect(page).toHaveURL(/\/assegnazioni\//);
  await expect(h1(page)).toHaveText(TITLE);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
    true,
  );
});

test('a submission in another browser raises "Da validare" on the open dashboard', async ({
  page,
  browser,
  loginAs,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, GIULIA);
  await expect(h1(page)).toHaveText('Cruscotto');
  const waiting = figure(page, 'Da validare');
  await expect(waiting).toBeVisible();
  const before = Number(await waiting.locator('.rtd-figure-value').textContent());

  const comune = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const anna = await comune.newPage();
  await loginAs(anna, ANNA);
  await anna.getByRole('link', { name: TITLE }).click();
  await expect(h1(anna)).toHaveText(TITLE);
  await anna.getByLabel('In corso').check({ force: true });
  await anna.getByLabel('Avanzamento (%, da 0 a 100)').fill('100');
  await anna.getByRole('button', { name: 'Salva l’avanzamento' }).click();
  await expect(anna.getByText('Avanzamento salvato.')).toBeVisible();
  await anna.getByRole('button', { name: 'Invia all’Ufficio RTD' }).click();
  await anna.getByRole('button', { name: 'Conferma l’invio' }).click();
  await expect(anna.getByText('Il resoconto è stato inviato')).toBeVisible();
  await comune.close();

  // No reload here: the dashboard refreshes itself.
  await expect(waiting.locator('.rtd-figure-value')).toHaveText(String(before + 1), { timeout: 40_000 });
});

test("another consortium's RTD sees only her comuni", async ({ page, loginAs, expectAccessible }) => {
  await loginAs(page, CHIARA);
  await expect(h1(page)).toHaveText('Cruscotto');
  await expect(
    page.locator('main').getByText('Unione dei Comuni della Val di Bisenzio', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('Crema')).toHaveCount(0);
  await expect(page.getByText(TITLE)).toHaveCount(0);
  await expectAccessible(page, 'cruscotto consorzio B');
});

test('the auditor sees the dashboard and no write control', async ({ page, loginAs, expectAccessible }) => {
  await loginAs(page, ELENA);
  await expect(h1(page)).toHaveText('Cruscotto');
  await nav(page, 'Obiettivi condivisi').click();
  await expect(h1(page)).toHaveText('Obiettivi condivisi');
  await expect(page.getByRole('link', { name: DEMO_OBJECTIVE, exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nuovo obiettivo' })).toHaveCount(0);
  await page.getByRole('link', { name: DEMO_OBJECTIVE, exact: true }).click();
  await expect(h1(page)).toHaveText(DEMO_OBJECTIVE);
  await expect(page.getByRole('button', { name: /Chiudi|Invia|Pubblica/ })).toHaveCount(0);
  await expectAccessible(page, 'obiettivo (revisore)');
  await page.goto('/obiettivi/nuovo');
  await expect(h1(page)).toHaveText('Pagina non trovata');
});
