import type { Page } from '@playwright/test';
import { graphqlAs } from './support/api';
import { expect, test } from './support/fixtures';

/**
 * Issue 20 in the browser: the Piano Triennale page says what AgID's dates mean and what became of
 * a line in the next edition; the objective editor says why a comune is left out; an office
 * carries an objective of a superseded edition forward onto the successor lines.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const TITLE = 'Obiettivi di accessibilità sul sito (passaggio di edizione)';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nav = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Pagine' }).getByRole('link', { name: label, exact: true }).click();

test('the Piano Triennale page reads AgID dates as their last day and maps a line to the next edition', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  await loginAs(page, GIULIA);
  await nav(page, 'Piano Triennale');
  await expect(h1(page)).toHaveText('Piano Triennale');
  // The edition in force first: the 2025 update of 2024-2026.
  await expect(page.getByLabel('Edizione')).toHaveValue('2024-2026-agg-2025');
  await expect(page.getByText(/edizione in vigore/)).toBeVisible();

  await page.getByLabel('Edizione').selectOption('2022-2024');
  await expect(page.getByText(/edizione superata \(sostituita da 2024-2026\)/)).toBeVisible();
  await page.getByLabel('Cerca nel testo o nel codice').fill('CAP1.PA.LA19');
  const la19 = page.getByRole('article', { name: 'CAP1.PA.LA19' });
  await expect(la19).toContainText('Entro dicembre 2023 (entro il 31/12/2023)');
  await expect(la19).toContainText('Comuni con almeno 15.001 abitanti');

  await page.getByLabel('Cerca nel testo o nel codice').fill('CAP1.PA.LA16');
  const la16 = page.getByRole('article', { name: 'CAP1.PA.LA16' });
  await expect(la16).toContainText(
    'Nella nuova edizione (2024-2026): CAP3.PA.09, CAP3.PA.13, CAP3.PA.15 (suddivisa)',
  );
  await expect(la16).toContainText('corrispondenza verificata');
  await expectAccessible(page, 'piano triennale (corrispondenze)');
  await docsScreenshot(page, 'piano-triennale-corrispondenze');

  await la16.getByRole('link', { name: 'CAP3.PA.13' }).click();
  await expect(page.getByLabel('Edizione')).toHaveValue('2024-2026');
  const next = page.getByRole('article', { name: 'CAP3.PA.13' });
  await expect(next).toContainText('Nell’edizione precedente (2022-2024): CAP1.PA.LA16');
  await expect(next).toContainText('Marzo 2025 (entro il 31/03/2025)');

  await page.getByLabel('Cerca nel testo o nel codice').fill('CAP5.PA.10');
  const band = page.getByRole('article', { name: 'CAP5.PA.10' });
  await expect(band).toContainText('Comuni tra 5.000 e 10.000 abitanti');
  await expect(band).toContainText('non ancora presente nel 2024 nel catalogo dati.gov.it');
});

test('the editor says why a comune is left out of a target', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  await loginAs(page, GIULIA);
  await nav(page, 'Obiettivi condivisi');
  await page.getByRole('link', { name: 'Nuovo obiettivo' }).click();
  await expect(h1(page)).toHaveText('Nuovo obiettivo');
  await page.getByLabel('Edizione del Piano').selectOption('2024-2026');
  await page.getByLabel(/Cerca nel Piano Triennale/).fill('CAP5.PA.10');
  await page.getByRole('button', { name: 'Aggiungi CAP5.PA.10' }).click();
  await expect(page.getByText('Raggiunge 6 Comuni')).toBeVisible();
  await expect(
    page.getByText('Scadenza del Piano: entro il 31/12/2025 (CAP5.PA.10, «Dicembre 2025»)'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Usa la scadenza del Piano' }).click();
  await expect(page.getByLabel('Scadenza')).toHaveValue('2025-12-31');

  await page.getByText('36 Comuni esclusi').click();
  const excluded = page.getByRole('table', {
    name: 'Comuni del consorzio che l’obiettivo non raggiunge, e perché',
  });
  await expect(excluded.getByRole('row', { name: /^Crema / })).toContainText(
    'CAP5.PA.10: fuori dalla fascia 5.000-10.000 abitanti',
  );
  await expect(page.getByText('non ancora presente nel 2024 nel catalogo dati.gov.it').last()).toBeVisible();
  await expectAccessible(page, 'editor: esclusi');
  await docsScreenshot(page, 'obiettivo-esclusi');
});

test('the office carries an objective of 2022-2024 forward to the edition in force', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  test.setTimeout(120_000);
  const { consortia } = await graphqlAs(GIULIA, '{ consortia { id name } }');
  const consortiumA = consortia[0].id;
  const created = await graphqlAs(
    GIULIA,
    `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
    {
      input: {
        consortiumId: consortiumA,
        title: TITLE,
        edition: '2022-2024',
        lineCodes: ['CAP1.PA.LA16'],
        dueDate: '2023-03-31',
        target: { all: true },
      },
    },
  );
  const oldId = created.createSharedObjective.id as string;
  await graphqlAs(GIULIA, `mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: oldId });

  await loginAs(page, GIULIA);
  await page.goto(`/obiettivi/${oldId}`);
  await expect(h1(page)).toHaveText(TITLE);
  const panel = page.getByRole('region', { name: 'Nuova edizione del Piano: 2024-2026-agg-2025' });
  await expect(panel).toBeVisible();
  const mapping = panel.getByRole('table', { name: /Le linee dell’obiettivo e il loro seguito/ });
  const row = mapping.getByRole('row', { name: /CAP1\.PA\.LA16/ });
  await expect(row).toContainText('CAP3.PA.13');
  await expect(row).toContainText('CAP3.PA.15');
  await expectAccessible(page, 'obiettivo da portare avanti');
  await docsScreenshot(page, 'porta-avanti');

  await panel.getByRole('button', { name: 'Porta avanti nell’edizione 2024-2026-agg-2025' }).click();
  await expect(h1(page)).toHaveText(`Bozza: ${TITLE}`);
  await expect(page.getByLabel('Edizione del Piano')).toHaveValue('2024-2026-agg-2025');
  const picked = page.getByRole('list', { name: 'Linee scelte' });
  await expect(picked).toContainText('CAP3.PA.13');
  await expect(picked).toContainText('CAP3.PA.15');
  await expect(page.getByLabel('Scadenza')).toHaveValue('2025-03-31');
  await expect(page.getByRole('link', { name: TITLE })).toHaveAttribute('href', `/obiettivi/${oldId}`);
  await expectAccessible(page, 'bozza portata avanti');

  // The old objective keeps its state and history, and links to the new draft.
  await page.getByRole('link', { name: TITLE }).click();
  await expect(h1(page)).toHaveText(TITLE);
  await expect(page.getByText(/Portato avanti in/)).toBeVisible();
  await expect(page.getByText(/Pubblicato · Piano Triennale 2022-2024/)).toBeVisible();
});
