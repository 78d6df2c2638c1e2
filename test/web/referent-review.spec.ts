import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { assignmentIdByTitle } from './support/api';

/**
 * Issue 10's flows, in Chromium, through the real login: a referent reports, the office reviews,
 * the mails link to pages that open; delegates, viewers and other comuni see only what they may.
 */
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const ANNA_MAIL = 'anna.moretti@demo.rtdhub.it';
const MARCO = 'GLLMRC88L05D150B'; // staff of consortium A
const PAOLO = 'CNTPLA92B14D142S'; // delegate of Crema
const ROBERTO = 'LMBRRT65E30D142B'; // viewer of Crema
const SARA = 'CLMSRA80P49G306F'; // referent of Pandino

const PND = 'Integrazione con la Piattaforma Notifiche Digitali';
const ACCESSIBILITY = 'Dichiarazione di accessibilità dei siti web comunali';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

// The steps build on each other's data: a retry would start from changed data, so none.
test.describe.configure({ mode: 'serial', retries: 0 });

test('a referent reports, the office rejects, the referent resubmits, the office approves', async ({
  page,
  browser,
  loginVia,
  loginAs,
  expectAccessible,
  mailbox,
  docsScreenshot,
}) => {
  test.setTimeout(180_000);
  const id = await assignmentIdByTitle(ANNA, PND);

  // Anna opens the link she was given and logs in on the way.
  await loginVia(page, `/assegnazioni/${id}`, ANNA);
  await expect(h1(page)).toHaveText(PND);
  await expect(page.getByRole('heading', { name: /CAP3\.PA\.LA22/ })).toBeVisible();
  await expectAccessible(page, 'assegnazione (referente)');

  await page.getByLabel('In corso').check({ force: true }); // Bootstrap Italia draws the radio on its label;
  await page.getByLabel('Avanzamento (%, da 0 a 100)').fill('40');
  await page.getByLabel('Criticità').fill('Manca ancora il contratto con il fornitore del protocollo.');
  await page.getByRole('button', { name: 'Salva l’avanzamento' }).click();
  await expect(page.getByText('Avanzamento salvato.')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Avanzamento: 40%' })).toBeVisible();

  await page.getByLabel('Indirizzo (URL)').fill('https://www.comune.crema.cr.it/delibere/adesione-send');
  await page.getByLabel('Descrizione').fill('Delibera di adesione a SEND');
  await page.getByRole('button', { name: 'Aggiungi evidenza' }).click();
  await expect(page.getByRole('link', { name: /Delibera di adesione a SEND/ })).toBeVisible();
  await docsScreenshot(page, 'assegnazione');

  // Sending asks once, showing the progress that goes to the office, and keeps it (issue 23, point 1).
  await page.getByRole('button', { name: 'Invia all’Ufficio RTD' }).click();
  await expect(page.getByRole('group', { name: /con avanzamento 40%\?/ })).toBeVisible();
  await expectAccessible(page, 'conferma di invio');
  await page.getByRole('button', { name: 'Conferma l’invio' }).click();
  await expect(page.getByText('Il resoconto è stato inviato: l’Ufficio RTD lo sta validando.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Salva l’avanzamento' })).toHaveCount(0);
  await expect(page.getByRole('progressbar', { name: 'Avanzamento: 40%' })).toBeVisible();

  // Marco, in his own browser, finds it under "Da validare" and rejects it with a reason.
  const office = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const marco = await office.newPage();
  await loginAs(marco, MARCO);
  await expect(h1(marco)).toHaveText('Cruscotto');
  await marco.getByRole('navigation', { name: 'Pagine' }).getByRole('link', { name: 'Da validare' }).click();
  await expect(h1(marco)).toHaveText('Da validare');
  const row = marco.getByRole('row').filter({ hasText: 'Crema' }).filter({ hasText: PND });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell').nth(3)).toHaveText('1'); // one piece of evidence
  await expectAccessible(marco, 'da validare');
  await docsScreenshot(marco, 'da-validare');
  await row.getByRole('link', { name: PND }).click();
  await expect(h1(marco)).toHaveText(PND);
  await expectAccessible(marco, 'assegnazione (ufficio)');
  await marco.getByRole('button', { name: 'Respingi' }).click();
  await expect(
    marco.getByText('Controlla il campo «Motivazione»: è obbligatoria per respingere.'),
  ).toBeVisible();
  const reason = 'Manca la delibera firmata: allegate il PDF protocollato.';
  await marco.getByLabel(/Motivazione/).fill(reason);
  await marco.getByRole('button', { name: 'Respingi' }).click();
  await expect(marco.getByText(/Resoconto respinto/)).toBeVisible();

  // Anna gets the mail; its link opens the page, which shows the reason.
  const rejection = await mailbox.waitFor(ANNA_MAIL, { subject: `Esito della verifica: ${PND}` });
  // Quoted as a sentence of the mail: «reason», its own full stop after the quotes.
  expect(rejection.text).toContain(`«${reason.replace(/\.$/, '')}».`);
  const link = mailbox.links(rejection).find((href) => href.includes(`/assegnazioni/${id}`));
  expect(link, 'the mail links to the assignment').toBeDefined();
  await page.goto(link!);
  await expect(h1(page)).toHaveText(PND);
  await expect(page.getByText(reason).first()).toBeVisible();
  await expect(page.getByText('L’Ufficio RTD ha respinto il resoconto')).toBeVisible();
  await expectAccessible(page, 'assegnazione respinta');

  await page.getByLabel('Descrizione').fill('Delibera firmata e protocollata');
  await page.getByLabel('Indirizzo (URL)').fill('https://www.comune.crema.cr.it/delibere/adesione-send.pdf');
  await page.getByRole('button', { name: 'Aggiungi evidenza' }).click();
  await expect(page.getByRole('link', { name: /Delibera firmata e protocollata/ })).toBeVisible();
  // Edits not yet saved go with "Invia": one action, one confirmation.
  await page.getByLabel('Avanzamento (%, da 0 a 100)').fill('100');
  await page.getByLabel('Criticità').fill('');
  await page.getByRole('button', { name: 'Invia all’Ufficio RTD' }).click();
  await expect(
    page.getByRole('group', { name: /con avanzamento 100% e le modifiche non ancora salvate\?/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Conferma l’invio' }).click();
  await expect(page.getByText('Il resoconto è stato inviato: l’Ufficio RTD lo sta validando.')).toBeVisible();
  await expect(page.getByText('Prima salva le modifiche')).toHaveCount(0);

  // Marco approves.
  await marco.goto('/da-validare');
  await marco
    .getByRole('row')
    .filter({ hasText: 'Crema' })
    .filter({ hasText: PND })
    .getByRole('link', { name: PND })
    .click();
  await expect(h1(marco)).toHaveText(PND);
  await marco.getByRole('button', { name: 'Approva' }).click();
  await expect(marco.getByText(/Resoconto approvato/)).toBeVisible();
  await office.close();

  // Two decisions, two mails: wait for the second one.
  const decisions = async () =>
    (await mailbox.to(ANNA_MAIL)).filter((mail) => mail.subject === `Esito della verifica: ${PND}`);
  await expect.poll(async () => (await decisions()).length, { timeout: 15_000 }).toBe(2);
  const [approval] = await decisions();
  expect(approval.text).toContain('è stato validato');
  const approvalLink = mailbox.links(approval).find((href) => href.includes(`/assegnazioni/${id}`));
  await page.goto(approvalLink!);
  await expect(page.locator('.rtd-status').first()).toHaveText('Completata');

  // The history names every step and who took it.
  const history = page.getByRole('table').filter({ hasText: 'Quando' });
  await expect(history).toContainText('Non avviata → In corso');
  await expect(history).toContainText('In corso → Inviata, da validare');
  await expect(history).toContainText('Inviata, da validare → Respinta');
  await expect(history).toContainText(reason);
  await expect(history).toContainText('Inviata, da validare → Completata');
  await expect(history).toContainText('Anna Moretti');
  await expect(history).toContainText('Marco Galli');
});

test("the referent's worklist shows the comune's activities, overdue first", async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  await loginAs(page, ANNA);
  await expect(h1(page)).toHaveText('Le attività del Comune di Crema');
  // The worklist's sections, each named with its count ("In ritardo: 2"), past the page's tools
  // (downloads, import) which are regions of their own.
  const sections = page.getByRole('region', { name: /: \d+$/ });
  await expect(sections.first()).toHaveAccessibleName(/^In ritardo/);
  await expectAccessible(page, 'attività del comune');
  await docsScreenshot(page, 'attivita-del-comune');

  await page.getByLabel('Stato').selectOption({ label: 'Completata' });
  await expect(page).toHaveURL(/stato=COMPLETED/);
  await expect(page.getByRole('link', { name: PND })).toBeVisible();
  await expect(page.getByRole('link', { name: ACCESSIBILITY })).toHaveCount(0);
});

test('a referent delegates; the delegate sees only that; the viewer cannot write', async ({
  page,
  browser,
  loginAs,
  loginVia,
  expectAccessible,
}) => {
  const delegated = await assignmentIdByTitle(ANNA, ACCESSIBILITY);
  const other = await assignmentIdByTitle(ANNA, PND);

  await loginVia(page, `/assegnazioni/${delegated}`, ANNA);
  await page.getByLabel('Affida a').selectOption({ label: 'Paolo Conti' });
  await page.getByRole('button', { name: 'Salva la delega' }).click();
  await expect(page.getByText('Attività delegata a Paolo Conti.')).toBeVisible();

  const paoloContext = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const paolo = await paoloContext.newPage();
  await loginAs(paolo, PAOLO);
  await expect(h1(paolo)).toHaveText('Le attività del Comune di Crema');
  await expect(paolo.getByText('1 attività')).toBeVisible();
  await expect(paolo.getByRole('link', { name: ACCESSIBILITY })).toBeVisible();
  await expectAccessible(paolo, 'attività del delegato');
  await paolo.getByRole('link', { name: ACCESSIBILITY }).click();
  await expect(paolo.getByRole('button', { name: 'Salva l’avanzamento' })).toBeVisible();
  await expect(paolo.getByRole('button', { name: 'Salva la delega' })).toHaveCount(0);
  await paolo.goto(`/assegnazioni/${other}`);
  await expect(h1(paolo)).toHaveText('Attività non trovata');
  await paoloContext.close();

  const robertoContext = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const roberto = await robertoContext.newPage();
  await loginVia(roberto, `/assegnazioni/${other}`, ROBERTO);
  await expect(h1(roberto)).toHaveText(PND);
  await expect(roberto.getByRole('button')).toHaveText(['Esci']);
  await expect(roberto.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(roberto, 'assegnazione (consultazione)');
  await robertoContext.close();
});

test("another comune's referent gets an Italian 'not found', not data", async ({
  page,
  loginVia,
  expectAccessible,
}) => {
  const crema = await assignmentIdByTitle(ANNA, PND);
  await loginVia(page, `/assegnazioni/${crema}`, SARA);
  await expect(h1(page)).toHaveText('Attività non trovata');
  await expect(page.getByText(PND)).toHaveCount(0);
  await expect(page.getByText('Manca la delibera firmata')).toHaveCount(0);
  await expectAccessible(page, 'non trovata');

  await page.goto('/pagina-che-non-esiste');
  await expect(h1(page)).toHaveText('Pagina non trovata');
  await expectAccessible(page, 'pagina non trovata');
});

test('a conflict made in a second tab is shown and resolved without losing the text', async ({
  page,
  loginVia,
}) => {
  const id = await assignmentIdByTitle(ANNA, ACCESSIBILITY);
  await loginVia(page, `/assegnazioni/${id}`, ANNA);
  const second = await page.context().newPage();
  await second.goto(`/assegnazioni/${id}`);
  await expect(h1(second)).toHaveText(ACCESSIBILITY);

  // The first tab starts editing; meanwhile the second tab saves.
  const mine = 'Il fornitore del sito non risponde: sollecito inviato il 2 novembre.';
  await page.getByLabel('In corso').check({ force: true }); // Bootstrap Italia draws the radio on its label;
  await page.getByLabel('Avanzamento (%, da 0 a 100)').fill('50');
  await page.getByLabel('Criticità').fill(mine);

  await second.getByLabel('In corso').check({ force: true }); // Bootstrap Italia draws the radio on its label;
  await second.getByLabel('Avanzamento (%, da 0 a 100)').fill('30');
  await second.getByRole('button', { name: 'Salva l’avanzamento' }).click();
  await expect(second.getByText('Avanzamento salvato.')).toBeVisible();

  await page.getByRole('button', { name: 'Salva l’avanzamento' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'qualcun altro ha modificato' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('avanzamento: da 0% a 30%');
  await expect(page.getByLabel('Criticità')).toHaveValue(mine);
  await expect(page.getByLabel('Avanzamento (%, da 0 a 100)')).toHaveValue('50');

  await page.getByRole('button', { name: 'Applica di nuovo le mie modifiche' }).click();
  await expect(page.getByText('Avanzamento salvato.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('progressbar', { name: 'Avanzamento: 50%' })).toBeVisible();
  await expect(page.getByLabel('Criticità')).toHaveValue(mine);
  await second.close();
});
