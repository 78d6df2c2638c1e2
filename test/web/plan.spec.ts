import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { graphqlAs } from './support/api';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

/**
 * Issue 25: the office's own Piano in Chromium through the real login. The demo's published Piano
 * (seed 003) shows its quadro riassuntivo, cronoprogramma, indicators and coverage; the RTD starts
 * the yearly update, writes a scheda on its own page (fields, indicators), records the approval,
 * downloads the Piano as PDF and DOCX (read), records a value and creates the scheda's shared
 * objective; Crema's referent records its value on the Attività page; the auditor only reads.
 * Axe on every state; 320 px.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const ELENA = 'BRBLNE69T41D150Z'; // auditor of consortium A
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const SCHEDA_TITLE = 'Web Analytics Italia sui siti comunali';
const OBJECTIVE_TITLE = `WEB-01 ${SCHEDA_TITLE}`;

/** Clicks a download button of the Piano page and saves the file the worker built. */
async function downloadPiano(page: Page, button: string): Promise<string> {
  const downloaded = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: button }).click();
  const download = await downloaded;
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rtd-piano-')), download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: 'File pronto' })).toContainText(
    download.suggestedFilename(),
  );
  return file;
}

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
  await expect(page.getByText(/linee su \d+ rivolte ai Comuni/).first()).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Copertura delle linee del Piano Triennale 2024-2026' }),
  ).toContainText('tramite la corrispondenza');
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

  // The scheda's own page: every field, the full form, the indicator editor.
  await quadro.getByRole('link', { name: 'WEB-01' }).click();
  await expect(h1(page)).toHaveText(`Scheda intervento WEB-01: ${SCHEDA_TITLE}`);
  const edit = page.getByRole('form', { name: 'Modifica la scheda' });
  await edit.getByLabel('Responsabile').fill('Ufficio associato RTD');
  await edit.getByLabel('Problema da risolvere').fill('I Comuni non misurano le visite dei loro siti.');
  await edit.getByLabel('Impegno del personale').selectOption({ label: 'Medio' });
  await edit.getByRole('button', { name: 'Aggiungi un anno' }).click();
  await edit.getByLabel('Anno (1)').fill('2027');
  await edit.getByLabel('Investimento iniziale (1)').fill('1500');
  await edit.getByRole('button', { name: 'Aggiungi una fonte' }).click();
  await edit.getByLabel('Fonte (1)').selectOption({ label: 'PNRR' });
  await edit.getByLabel('Misura PNRR (1)').fill('1.4.1');
  await edit.getByRole('button', { name: 'Salva la scheda' }).click();
  const content = page.getByRole('region', { name: 'Contenuto della scheda' });
  await expect(content).toContainText('I Comuni non misurano le visite dei loro siti.');
  await expect(content).toContainText(/2027: investimento 1\.?500\s€/);
  await expect(content).toContainText('PNRR 1.4.1');
  await expect(content).toContainText('CAP1.PA.LA19');

  const indicator = page.getByRole('form', { name: 'Nuovo indicatore' });
  await indicator.getByLabel('Nome dell’indicatore').fill('Comuni con Web Analytics attivo');
  await indicator.getByLabel('Tipo').selectOption({ label: 'Sì/no' });
  await indicator.getByLabel('Chi lo rileva').selectOption({ label: 'Ciascun Comune' });
  await indicator.getByLabel('Fonte del dato').fill('Web Analytics Italia');
  await indicator.getByLabel('2027', { exact: true }).fill('80');
  await indicator.getByRole('button', { name: 'Aggiungi l’indicatore' }).click();
  await expect(
    page.getByRole('heading', { name: 'Comuni con Web Analytics attivo', exact: true }),
  ).toBeVisible();
  await indicator.getByLabel('Nome dell’indicatore').fill('Siti comunali monitorati');
  await indicator.getByLabel('Tipo').selectOption({ label: 'Numero' });
  await indicator.getByLabel('Chi lo rileva').selectOption({ label: 'Ufficio associato' });
  await indicator.getByLabel('Unità di misura').fill('siti');
  await indicator.getByLabel('Valore di partenza', { exact: true }).fill('2');
  await indicator.getByLabel('Data del valore di partenza').fill('2026-12-01');
  await indicator.getByLabel('2027', { exact: true }).fill('10');
  await indicator.getByRole('button', { name: 'Aggiungi l’indicatore' }).click();
  const sites = page.getByRole('article', { name: 'Siti comunali monitorati' });
  await expect(sites).toContainText('obiettivi: 2027 10');
  await expectAccessible(page, 'la scheda intervento (bozza)');
  await docsScreenshot(page, 'piano-scheda');
  await page.getByRole('link', { name: 'Torna al Piano del consorzio' }).click();

  const approve = page.getByRole('form', { name: 'Registra l’approvazione' });
  await approve.getByLabel('Data di approvazione').fill('2026-12-01');
  await approve.getByLabel('Atto di approvazione').fill('Conferenza dei Sindaci, verbale n. 5');
  await approve.getByRole('button', { name: 'Approva la versione' }).click();
  await expect(page.getByText('Approvato', { exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Nuova scheda intervento' })).toHaveCount(0);
  await expectAccessible(page, 'il Piano del consorzio (approvato)');

  // The document, built by the worker: the PDF and the editable DOCX, read.
  const pdf = await downloadPiano(page, 'Scarica il Piano (PDF)');
  expect(path.basename(pdf)).toMatch(/^piano-.+-2027-v2\.pdf$/);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Conferenza dei Sindaci, verbale n. 5');
  expect(text).toContain('Scheda intervento WEB-01');
  expect(text).toContain('I Comuni non misurano');
  expect(text).toContain('Siti comunali monitorati');
  const docx = await downloadPiano(page, 'Scarica il Piano (DOCX)');
  const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
  expect(xml).toContain('Scheda intervento WEB-01');
  expect(xml).toContain('Comuni con Web Analytics attivo');

  // The approved scheda: no form; the office records a value and creates the shared objective.
  await quadro.getByRole('link', { name: 'WEB-01' }).click();
  await expect(h1(page)).toHaveText(`Scheda intervento WEB-01: ${SCHEDA_TITLE}`);
  await expect(page.getByRole('form', { name: 'Modifica la scheda' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Nuovo indicatore' })).toHaveCount(0);
  const record = sites.getByRole('form', { name: 'Registra un valore di «Siti comunali monitorati»' });
  await record.getByLabel(/Periodo/).fill('2027-S1');
  await record.getByLabel('Valore').fill('6');
  await record.getByRole('button', { name: 'Registra il valore' }).click();
  await expect(sites.getByRole('table', { name: /Valori del consorzio/ })).toContainText('I sem. 2027');
  await expect(sites.getByRole('table', { name: /Valori del consorzio/ })).toContainText('Non raggiunto');
  await expect(sites.getByRole('img', { name: /Andamento di «Siti comunali monitorati»/ })).toBeVisible();
  await page.getByLabel('Scadenza per i Comuni').fill('2027-12-31');
  await page.getByRole('button', { name: 'Crea l’obiettivo condiviso' }).click();
  await page.getByRole('link', { name: OBJECTIVE_TITLE }).click();
  await expect(h1(page)).toHaveText(`Bozza: ${OBJECTIVE_TITLE}`);
  await page.getByRole('button', { name: 'Pubblica ai Comuni' }).click();
  await page.getByRole('button', { name: 'Pubblica', exact: true }).click();
  const run = page.getByRole('status').filter({ hasText: 'Invio ai Comuni' });
  await expect(run).toContainText('Invio ai Comuni: Completato', { timeout: 30_000 });

  await page.goto('/piano-consorzio');
  await page.getByRole('button', { name: 'Pubblica il Piano' }).click();
  await expect(page.getByText('Pubblicato', { exact: true })).toBeVisible();
});

test("Crema's referent records the Piano's indicator on the Attività page", async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  const me = await graphqlAs(ANNA, '{ me { memberships { comune { id } } } }');
  const data = await graphqlAs(
    ANNA,
    'query($c: ID!) { assignments(filter: { comuneId: $c }, first: 200) { edges { node { id objective { title } } } } }',
    { c: me.me.memberships[0].comune.id },
  );
  const id = data.assignments.edges.find((e: any) => e.node.objective.title === OBJECTIVE_TITLE).node.id;
  await loginAs(page, ANNA);
  await page.goto(`/assegnazioni/${id}`);
  const section = page.getByRole('region', { name: 'Indicatori del Piano da rilevare' });
  await expect(
    section.getByRole('heading', { name: 'Comuni con Web Analytics attivo (sì/no)', exact: true }),
  ).toBeVisible();
  const record = section.getByRole('form', {
    name: 'Registra un valore di «Comuni con Web Analytics attivo»',
  });
  await record.getByLabel(/Periodo/).fill('2027-S1');
  await record.getByLabel('Valore').selectOption({ label: 'Sì' });
  await record.getByRole('button', { name: 'Registra il valore' }).click();
  await expect(section).toContainText('I sem. 2027: sì');
  await expectAccessible(page, 'attività con gli indicatori del Piano');
  await docsScreenshot(page, 'attivita-indicatori-piano');
});

test('the auditor reads the Piano and a scheda, and can edit nothing', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, ELENA);
  await page.goto('/piano-consorzio');
  await expect(h1(page)).toHaveText('Il Piano del consorzio');
  await expect(page.getByRole('table', { name: /interventi/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /aggiornamento annuale/ })).toHaveCount(0);
  await expect(page.getByRole('form')).toHaveCount(0);
  await expectAccessible(page, 'il Piano del consorzio (revisore)');
  await page
    .getByRole('table', { name: /interventi/ })
    .getByRole('link', { name: 'WEB-01' })
    .click();
  await expect(h1(page)).toHaveText(`Scheda intervento WEB-01: ${SCHEDA_TITLE}`);
  await expect(page.getByRole('region', { name: 'Contenuto della scheda' })).toContainText(
    'Ufficio associato RTD',
  );
  await expect(page.getByRole('form')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Crea l’obiettivo condiviso' })).toHaveCount(0);
  // The Comune's value recorded by the referent counts for the consortium: 1 of 1 said «sì».
  const web = page.getByRole('article', { name: 'Comuni con Web Analytics attivo' });
  await expect(web.getByRole('table', { name: /Valori del consorzio/ })).toContainText('100');
  await expectAccessible(page, 'la scheda intervento (revisore)');
});

test.describe('on a 320-pixel screen', () => {
  test.use({ viewport: { width: 320, height: 640 } });
  test('the Piano page fits', async ({ page, loginAs }) => {
    await loginAs(page, GIULIA);
    await page.goto('/piano-consorzio');
    await expect(page.getByRole('table', { name: /interventi/ })).toBeVisible();
    await expectNoHorizontalScroll(page, 'Il Piano del consorzio');
    await page
      .getByRole('table', { name: /interventi/ })
      .getByRole('link', { name: 'WEB-01' })
      .click();
    await expect(page.getByRole('region', { name: 'Contenuto della scheda' })).toBeVisible();
    await expectNoHorizontalScroll(page, 'la scheda intervento');
  });
});
