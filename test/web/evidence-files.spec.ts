import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { obtainPersonToken } from '../../apps/dev-idp/src/token-flow';
import { expect, expectNoHorizontalScroll, idpUrl, screenshot, test, webBaseUrl } from './support/fixtures';
import { assignmentIdByTitle, graphqlAs } from './support/api';

/**
 * Issue 22, evidence files, in Chromium through the real login: a referent attaches a PDF on the
 * Attività page, the office downloads the same bytes, a referent of another comune cannot; the
 * referent removes it and the office still sees what was removed and by whom.
 */
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const SARA = 'CLMSRA80P49G306F'; // referent of Pandino (same consortium, another comune)

const TITLE = 'Report di scansione delle vulnerabilità (prova dei file)';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n% Report di scansione, Comune di Crema\n%%EOF\n',
);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe.configure({ mode: 'serial', retries: 0 });

/** An objective of Giulia's office assigned to Crema alone, published and fanned out. */
async function cremaObjective(title = TITLE): Promise<string> {
  const me = await graphqlAs(ANNA, '{ me { memberships { comune { id } } } }');
  const crema = me.me.memberships[0].comune.id as string;
  const office = await graphqlAs(GIULIA, '{ me { memberships { consortium { id } } } }');
  const consortiumId = office.me.memberships[0].consortium.id as string;
  const created = await graphqlAs(
    GIULIA,
    `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
    {
      input: {
        consortiumId,
        title,
        edition: '2022-2024',
        lineCodes: ['CAP6.PA.LA06'],
        dueDate: '2099-12-31',
        target: { comuneIds: [crema] },
      },
    },
  );
  const run = await graphqlAs(GIULIA, `mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, {
    id: created.createSharedObjective.id,
  });
  await expect
    .poll(
      async () =>
        (
          await graphqlAs(GIULIA, `query($id: ID!) { pushRun(id: $id) { state } }`, {
            id: run.publishSharedObjective.id,
          })
        ).pushRun.state,
      { timeout: 30_000 },
    )
    .toBe('DONE');
  return assignmentIdByTitle(ANNA, title);
}

test('a referent attaches a PDF, the office downloads the same bytes, another comune cannot', async ({
  page,
  browser,
  loginVia,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  const id = await cremaObjective();

  // Anna attaches the scan report on the Attività page.
  await loginVia(page, `/assegnazioni/${id}`, ANNA);
  await expect(h1(page)).toHaveText(TITLE);
  await page.getByLabel('File', { exact: true }).check({ force: true });
  await page.getByLabel('File da allegare').setInputFiles({
    name: 'report-scansione.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.getByLabel(/Descrizione/).fill('Report di scansione di marzo');
  await page.getByRole('button', { name: 'Allega il file' }).click();
  await expect(page.getByText('File allegato.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scarica report-scansione.pdf' })).toBeVisible();
  await expect(page.getByText(sha256(PDF))).toBeVisible();
  await expect(page.getByText(`${PDF.length} byte`)).toBeVisible();
  await expectAccessible(page, 'assegnazione con un file (referente)');

  // An executable renamed .pdf is refused, in Italian, naming the field.
  await page.getByLabel('File', { exact: true }).check({ force: true });
  await page.getByLabel('File da allegare').setInputFiles({
    name: 'fattura.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2048, 7)]),
  });
  await page.getByRole('button', { name: 'Allega il file' }).click();
  await expect(page.getByText(/Controlla il campo «File».*non ammesso/)).toBeVisible();
  await expectAccessible(page, 'file rifiutato (referente)');

  // On a 320-pixel phone the list, the hash and the form fit.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Scarica report-scansione.pdf' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'Attività con un file');
  await screenshot(page, 'evidenze-file-320');
  await page.setViewportSize({ width: 1280, height: 900 });

  // Giulia, in her own browser, downloads it: the same bytes.
  const officeContext = await browser.newContext({
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    acceptDownloads: true,
  });
  const giulia = await officeContext.newPage();
  await loginVia(giulia, `/assegnazioni/${id}`, GIULIA);
  await expect(h1(giulia)).toHaveText(TITLE);
  const [download] = await Promise.all([
    giulia.waitForEvent('download'),
    giulia.getByRole('button', { name: 'Scarica report-scansione.pdf' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('report-scansione.pdf');
  expect(sha256(await readFile((await download.path())!))).toBe(sha256(PDF));
  await expectAccessible(giulia, 'assegnazione con un file (ufficio)');

  // Sara, referent of Pandino, does not see the assignment, and the office's link is not hers.
  const other = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const sara = await other.newPage();
  await loginVia(sara, `/assegnazioni/${id}`, SARA);
  await expect(h1(sara)).toHaveText('Attività non trovata');
  await expect(sara.getByRole('button', { name: /Scarica/ })).toHaveCount(0);
  await expectAccessible(sara, 'assegnazione di un altro comune');
  const seen = await graphqlAs(
    GIULIA,
    `query($id: ID!) { assignment(id: $id) { evidence { downloadUrl } } }`,
    {
      id,
    },
  );
  const saraToken = await obtainPersonToken(idpUrl(), SARA);
  const stolen = await fetch(`${webBaseUrl()}${seen.assignment.evidence[0].downloadUrl}`, {
    headers: { authorization: `Bearer ${saraToken}` },
  });
  expect(stolen.status).toBe(403);
  const own = await fetch(`${webBaseUrl()}${seen.assignment.evidence[0].downloadUrl}`, {
    headers: { authorization: `Bearer ${await obtainPersonToken(idpUrl(), GIULIA)}` },
  });
  expect(own.status).toBe(200);
  expect(own.headers.get('content-disposition')).toMatch(/^attachment;/);
  expect(own.headers.get('x-content-type-options')).toBe('nosniff');
  expect(sha256(Buffer.from(await own.arrayBuffer()))).toBe(sha256(PDF));

  // Anna removes the file; the office still sees what was removed and by whom.
  await page.getByRole('button', { name: 'Rimuovi report-scansione.pdf' }).click();
  await page.getByRole('button', { name: 'Conferma la rimozione' }).click();
  await expect(page.getByText('Evidenza rimossa.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scarica report-scansione.pdf' })).toHaveCount(0);
  await giulia.reload();
  await giulia.getByText('Evidenze rimosse (1)').click();
  await expect(giulia.getByText(/rimossa da Anna Moretti/)).toBeVisible();
  await expect(giulia.getByText(/Evidenza rimossa: «report-scansione\.pdf»/).first()).toBeVisible();
  await expectAccessible(giulia, 'evidenza rimossa (ufficio)');
  await screenshot(giulia, 'evidenze-rimosse');
  await officeContext.close();
  await other.close();
});

test('a referent replaces a file and edits a link, both recorded in the history', async ({
  page,
  loginVia,
  expectAccessible,
}) => {
  test.setTimeout(240_000);
  const title = 'Verbale di collaudo (prova delle sostituzioni)';
  const id = await cremaObjective(title);
  const second = Buffer.concat([PDF, Buffer.from('% seconda versione, firmata\n')]);

  await loginVia(page, `/assegnazioni/${id}`, ANNA);
  await expect(h1(page)).toHaveText(title);
  await page.getByLabel('File', { exact: true }).check({ force: true });
  await page
    .getByLabel('File da allegare')
    .setInputFiles({ name: 'verbale.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Allega il file' }).click();
  await expect(page.getByRole('button', { name: 'Scarica verbale.pdf' })).toBeVisible();

  // "Sostituisci": a new file in place of the old one, in one step.
  await page.getByRole('button', { name: 'Sostituisci verbale.pdf' }).click();
  const form = page.getByRole('form', { name: 'Sostituisci verbale.pdf' });
  await form.getByLabel('Nuovo file').setInputFiles({
    name: 'verbale-firmato.pdf',
    mimeType: 'application/pdf',
    buffer: second,
  });
  await expectAccessible(page, 'sostituzione di un file (referente)');
  await form.getByRole('button', { name: 'Sostituisci il file' }).click();
  await expect(
    page.getByText('Evidenza sostituita: la precedente resta tra le evidenze rimosse.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scarica verbale-firmato.pdf' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scarica verbale.pdf' })).toHaveCount(0);
  await expect(page.getByText(sha256(second))).toBeVisible();

  // A refused replacement keeps the current file.
  await page.getByRole('button', { name: 'Sostituisci verbale-firmato.pdf' }).click();
  const again = page.getByRole('form', { name: 'Sostituisci verbale-firmato.pdf' });
  await again.getByLabel('Nuovo file').setInputFiles({
    name: 'virus.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2048, 7)]),
  });
  await again.getByRole('button', { name: 'Sostituisci il file' }).click();
  await expect(again.getByText(/non ammesso/)).toBeVisible();
  await again.getByRole('button', { name: 'Annulla' }).click();
  await expect(page.getByRole('button', { name: 'Scarica verbale-firmato.pdf' })).toBeVisible();

  // A link the office found broken: "Modifica" corrects it.
  await page.getByLabel('Collegamento', { exact: true }).check({ force: true });
  await page.getByLabel('Indirizzo (URL)').fill('https://www.comune.crema.cr.it/delibera-rotta');
  await page.getByLabel('Descrizione', { exact: true }).fill('Delibera di approvazione');
  await page.getByRole('button', { name: 'Aggiungi evidenza' }).click();
  await expect(page.getByRole('link', { name: /Delibera di approvazione/ })).toBeVisible();
  await page.getByRole('button', { name: 'Modifica https://www.comune.crema.cr.it/delibera-rotta' }).click();
  const edit = page.getByRole('form', { name: 'Modifica https://www.comune.crema.cr.it/delibera-rotta' });
  await edit.getByLabel('Indirizzo (URL)').fill('https://www.comune.crema.cr.it/delibera-42');
  await expectAccessible(page, 'modifica di un collegamento (referente)');
  await edit.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(
    page.getByText('Evidenza sostituita: la precedente resta tra le evidenze rimosse.'),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: /Delibera di approvazione/ })).toHaveAttribute(
    'href',
    'https://www.comune.crema.cr.it/delibera-42',
  );
  await page.getByText('Evidenze rimosse (2)').click();
  await expect(
    page.getByText(/Evidenza sostituita: «verbale\.pdf» con «verbale-firmato\.pdf»/).first(),
  ).toBeVisible();
  await expect(
    page
      .getByText(
        /Evidenza sostituita: «https:\/\/www\.comune\.crema\.cr\.it\/delibera-rotta» con «https:\/\/www\.comune\.crema\.cr\.it\/delibera-42»/,
      )
      .first(),
  ).toBeVisible();
  await expectAccessible(page, 'evidenze sostituite (referente)');
  await screenshot(page, 'evidenze-sostituite');
  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  await page.getByRole('button', { name: 'Sostituisci verbale-firmato.pdf' }).click();
  await expect(page.getByRole('form', { name: 'Sostituisci verbale-firmato.pdf' })).toBeVisible();
  await expectNoHorizontalScroll(page, 'sostituzione di un file a 320 px');
  await screenshot(page, 'evidenze-sostituisci-320');
});
