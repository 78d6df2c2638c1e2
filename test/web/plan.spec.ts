import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

/**
 * Issue 25: the office's own Piano in Chromium through the real login. The demo's published Piano
 * (seed 003) shows its quadro riassuntivo, cronoprogramma, indicators and coverage; the RTD starts
 * the yearly update, writes a scheda and records the approval. Axe on every state; 320 px.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const ELENA = 'BRBLNE69T41D150Z'; // auditor of consortium A

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test('the RTD reads the Piano, starts the yearly update, writes a scheda and approves it', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, GIULIA);
  await page
    .getByRole('navigation', { name: 'Pagine' })
    .getByRole('link', { name: 'Il Piano del consorzio' })
    .click();
  await expect(h1(page)).toHaveText('Il Piano del consorzio');
  await expect(page.getByText('Pubblicato', { exact: true })).toBeVisible();
  const quadro = page.getByRole('table', { name: /interventi/ });
  await expect(quadro.getByRole('rowheader', { name: 'SA-01' })).toBeVisible();
  await expect(quadro.getByRole('row')).toHaveCount(12); // header + 11 schede of the demo
  await expect(page.getByRole('table', { name: /Semestri di attività/ })).toBeVisible();
  await expect(page.getByText(/linee su \d+ rivolte ai Comuni/)).toBeVisible();
  await expectAccessible(page, 'il Piano del consorzio (pubblicato)');
  await docsScreenshot(page, 'piano-del-consorzio');

  // Filters: the Competenze axis only.
  await page.getByLabel('Asse di intervento').first().selectOption({ label: 'Competenze' });
  await expect(quadro.getByRole('rowheader', { name: 'FO-01' })).toBeVisible();
  await expect(quadro.getByRole('rowheader', { name: 'SA-01' })).toHaveCount(0);
  await page.getByLabel('Asse di intervento').first().selectOption({ label: 'Tutti' });

  // The yearly update: a draft copied from the published version.
  await page.getByRole('button', { name: 'Avvia l’aggiornamento annuale' }).click();
  await expect(page.getByText('Bozza', { exact: true })).toBeVisible();
  const form = page.getByRole('form', { name: 'Nuova scheda intervento' });
  await form.getByLabel('Codice').fill('WEB-01');
  await form.getByLabel('Titolo').fill('Web Analytics Italia sui siti comunali');
  await form.getByLabel('Asse di intervento').selectOption({ label: 'Promozione' });
  await form.getByLabel(/Inizio/).fill('2027-S3');
  await form.getByRole('button', { name: 'Aggiungi la scheda' }).click();
  await expect(form.getByText(/semestre nella forma AAAA-S1/)).toBeVisible();
  await expectAccessible(page, 'il Piano del consorzio (errore nella scheda)');
  await form.getByLabel(/Inizio/).fill('2027-S1');
  await form.getByLabel(/Fine/).fill('2027-S2');
  await form.getByLabel(/Linee del Piano Triennale/).fill('CAP1.PA.LA19');
  await form.getByRole('button', { name: 'Aggiungi la scheda' }).click();
  await expect(quadro.getByRole('rowheader', { name: 'WEB-01' })).toBeVisible();
  await expect(quadro.getByRole('row', { name: /WEB-01/ })).toContainText('CAP1.PA.LA19');

  const approve = page.getByRole('form', { name: 'Registra l’approvazione' });
  await approve.getByLabel('Data di approvazione').fill('2026-12-01');
  await approve.getByLabel('Atto di approvazione').fill('Conferenza dei Sindaci, verbale n. 5');
  await approve.getByRole('button', { name: 'Approva la versione' }).click();
  await expect(page.getByText('Approvato', { exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Nuova scheda intervento' })).toHaveCount(0);
  await expectAccessible(page, 'il Piano del consorzio (approvato)');
  await page.getByRole('button', { name: 'Pubblica il Piano' }).click();
  await expect(page.getByText('Pubblicato', { exact: true })).toBeVisible();
});

test('the auditor reads the Piano and sees no form', async ({ page, loginAs, expectAccessible }) => {
  await loginAs(page, ELENA);
  await page.goto('/piano-consorzio');
  await expect(h1(page)).toHaveText('Il Piano del consorzio');
  await expect(page.getByRole('table', { name: /interventi/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /aggiornamento annuale/ })).toHaveCount(0);
  await expect(page.getByRole('form')).toHaveCount(0);
  await expectAccessible(page, 'il Piano del consorzio (revisore)');
});

test.describe('on a 320-pixel screen', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('the Piano page fits', async ({ page, loginAs }) => {
    await loginAs(page, GIULIA);
    await page.goto('/piano-consorzio');
    await expect(page.getByRole('table', { name: /interventi/ })).toBeVisible();
    await expectNoHorizontalScroll(page, 'Il Piano del consorzio');
  });
});
