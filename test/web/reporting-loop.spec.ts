import type { Page } from '@playwright/test';
import { assignmentIdByTitle, graphqlAs } from './support/api';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

/**
 * Issue 23, the reporting loop without friction: what a day of real use found, in Chromium
 * through the real login, axe on every page and 320 px where a referent reads on a phone.
 */
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** Today as the app writes it (dd/mm/yyyy, Europe/Rome). */
const todayInItaly = () =>
  new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());

/** An objective of consortium A for Crema alone, published, its assignment created. */
async function publishForCrema(title: string, dueDate: string): Promise<{ id: string; version: number }> {
  const crema = await graphqlAs(
    GIULIA,
    '{ comuneByIstatCode(istatCode: "019035") { id consortium { id } } }',
  );
  const created = await graphqlAs(
    GIULIA,
    'mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }',
    {
      input: {
        consortiumId: crema.comuneByIstatCode.consortium.id,
        title,
        edition: '2022-2024',
        lineCodes: ['CAP1.PA.LA20'],
        dueDate,
        target: { comuneIds: [crema.comuneByIstatCode.id] },
      },
    },
  );
  const id = created.createSharedObjective.id as string;
  const run = await graphqlAs(GIULIA, 'mutation($id: ID!) { publishSharedObjective(id: $id) { id } }', {
    id,
  });
  await expect
    .poll(
      async () =>
        (
          await graphqlAs(GIULIA, 'query($id: ID!) { pushRun(id: $id) { state } }', {
            id: run.publishSharedObjective.id,
          })
        ).pushRun.state,
      { timeout: 30_000 },
    )
    .toBe('DONE');
  const objective = await graphqlAs(GIULIA, 'query($id: ID!) { sharedObjective(id: $id) { version } }', {
    id,
  });
  return { id, version: objective.sharedObjective.version as number };
}

test('a closed objective reads «Chiuso dall’ufficio il …» to the comune, apart from the open work', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  test.setTimeout(150_000);
  const title = `Obiettivo chiuso ${Date.now()}`;
  const objective = await publishForCrema(title, '2099-06-30');
  await graphqlAs(
    GIULIA,
    'mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { state } }',
    {
      id: objective.id,
      v: objective.version,
    },
  );

  await page.setViewportSize({ width: 320, height: 640 });
  await loginAs(page, ANNA);
  await expect(h1(page)).toHaveText('Le attività del Comune di Crema');
  const closedGroup = page.getByRole('region', { name: /^Obiettivi chiusi dall’ufficio: \d+$/ });
  const card = closedGroup.getByRole('listitem').filter({ hasText: title });
  await expect(card).toBeVisible();
  await expect(card).toContainText(`Chiuso dall’ufficio il ${todayInItaly()}`);
  await expect(card).not.toContainText('mancano');
  await expect(page.getByText(/\d+ attività aperte?/)).toBeVisible();
  await expect(page.getByText(/chius[ae] dall’ufficio/).first()).toBeVisible();
  // Not among the open work.
  for (const group of ['Non avviata', 'In ritardo']) {
    await expect(page.getByRole('region', { name: new RegExp(`^${group}: `) }).getByText(title)).toHaveCount(
      0,
    );
  }
  await expectAccessible(page, 'attività del comune con un obiettivo chiuso');
  await expectNoHorizontalScroll(page, 'Le attività del Comune (obiettivo chiuso)');

  await card.getByRole('link', { name: title }).click();
  await expect(h1(page)).toHaveText(title);
  await expect(page.getByText(`Chiuso dall’ufficio il ${todayInItaly()}`)).toBeVisible();
  await expect(page.getByText('L’Ufficio RTD ha chiuso l’obiettivo')).toBeVisible();
  await expect(page.getByText(/mancano \d+ giorni/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Salva l’avanzamento' })).toHaveCount(0);
  await expectAccessible(page, 'attività di un obiettivo chiuso');
  await expectNoHorizontalScroll(page, 'Attività (obiettivo chiuso)');
});

test('the office extends the deadline of a published objective; the comune sees it, the registro says from when to when', async ({
  page,
  browser,
  loginAs,
  expectAccessible,
}) => {
  test.setTimeout(150_000);
  const title = `Proroga ${Date.now()}`;
  const objective = await publishForCrema(title, '2099-01-31');
  await loginAs(page, GIULIA);
  await page.goto(`/obiettivi/${objective.id}`);
  await expect(h1(page)).toHaveText(title);
  await page.getByRole('button', { name: 'Modifica titolo, descrizione e scadenza' }).click();
  await page.getByLabel('Titolo').fill(`${title} (prorogato)`);
  await page.getByLabel('Descrizione per i Comuni (facoltativa)').fill('Proroga concessa dalla Regione.');
  await page.getByLabel('Scadenza').fill('2099-06-30');
  await expectAccessible(page, 'modifica di un obiettivo pubblicato');
  await page.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.getByText('Modifiche salvate: la scadenza è ora 30/06/2099.')).toBeVisible();
  await expect(h1(page)).toHaveText(`${title} (prorogato)`);

  await page.goto('/registro');
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: `«${title} (prorogato)»` })
      .filter({ hasText: 'scadenza da 31/01/2099 a 30/06/2099' }),
  ).toHaveCount(1);

  // The registro names the objective of every entry (issue 23, point 8).
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: 'Obiettivo pubblicato' })
      .filter({ hasText: `Obiettivo condiviso «${title}»` }),
  ).toHaveCount(1);
  await expect(page.getByRole('cell', { name: 'ExportJob' })).toHaveCount(0);

  const comune = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const anna = await comune.newPage();
  await loginAs(anna, ANNA);
  await anna.getByRole('link', { name: `${title} (prorogato)` }).click();
  await expect(h1(anna)).toHaveText(`${title} (prorogato)`);
  await expect(anna.getByText('Scadenza 30/06/2099')).toBeVisible();
  await expect(anna.getByText('Proroga concessa dalla Regione.')).toBeVisible();
  await comune.close();
});

test('on a phone, the referent sees the first task before the import panel', async ({ page, loginAs }) => {
  // 320 px wide, as tall as a common phone (740 px): the header and the filters take the first 600.
  await page.setViewportSize({ width: 320, height: 740 });
  await loginAs(page, ANNA);
  await expect(h1(page)).toHaveText('Le attività del Comune di Crema');
  const firstTask = page.locator('main').getByRole('listitem').first();
  const importPanel = page.getByRole('region', { name: 'Importa gli stati da un file' });
  await expect(firstTask).toBeVisible();
  await expect(importPanel).toBeAttached();
  const task = (await firstTask.boundingBox())!;
  const panel = (await importPanel.boundingBox())!;
  expect(task.y, 'the first task is above the import panel').toBeLessThan(panel.y);
  expect(task.y, 'the first task starts on the first screen').toBeLessThan(740);
  await expectNoHorizontalScroll(page, 'Le attività del Comune (lista prima)');
});

test('the objective editor: a visible title box, honest search and target words, a warned past date, an undoable edition change, a counted publication', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  test.setTimeout(150_000);
  await loginAs(page, GIULIA);
  await page.goto('/obiettivi/nuovo');
  await expect(h1(page)).toHaveText('Nuovo obiettivo');
  const title = page.getByLabel('Titolo');
  expect(await title.evaluate((el) => getComputedStyle(el).borderTopStyle)).not.toBe('none');
  await title.fill(`Editor ${Date.now()}`);
  await page.getByLabel('Edizione del Piano').selectOption('2022-2024');
  await page.getByLabel('Scadenza').fill('2020-01-31');
  await expect(page.getByText('La data è già passata')).toBeVisible();
  await page.getByLabel('Scadenza').fill('2099-01-31');
  await expect(page.getByText('La data è già passata')).toHaveCount(0);

  const search = page.getByLabel(/Cerca nel Piano Triennale 2022-2024/);
  await expect(search).toHaveAttribute('placeholder', /ad esempio: accessibilità, CAP\d/);
  await search.fill('CAPX.NON.ESISTE');
  await expect(page.getByText(/Nessuna linea trovata nel Piano Triennale 2022-2024/)).toBeVisible();
  await search.fill('CAP1.PA.LA20');
  await page.getByRole('button', { name: 'Aggiungi CAP1.PA.LA20' }).click();
  await page.getByLabel('Edizione del Piano').selectOption('2024-2026');
  const dropped = page.getByRole('status').filter({ hasText: 'Cambiando edizione sono state tolte' });
  await expect(dropped).toContainText('CAP1.PA.LA20');
  await dropped.getByRole('button', { name: 'Torna al Piano 2022-2024 con quelle linee' }).click();
  await expect(page.getByRole('list', { name: 'Linee scelte' })).toContainText('CAP1.PA.LA20');

  await page.getByLabel(/Solo alcuni Comuni/).check({ force: true });
  await expect(page.getByText('Solo alcuni Comuni (valgono tutti i filtri insieme)')).toBeVisible();
  await page.getByLabel(/Tutti i Comuni/).check({ force: true });
  await expectAccessible(page, 'editor di un obiettivo');
  await page.getByRole('button', { name: 'Crea la bozza' }).click();
  await expect(h1(page)).toHaveText(/^Bozza: Editor/);
  await page.getByRole('button', { name: 'Pubblica ai Comuni' }).click();
  await expect(page.getByRole('alertdialog')).toContainText(/a \d+ Comuni\?/);
  await expectAccessible(page, 'conferma di pubblicazione');
  await page.getByRole('button', { name: 'Annulla' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

test('errors speak of what the person sees: a too large text, a counter near the limit, field labels', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  test.setTimeout(150_000);
  await loginAs(page, GIULIA);
  await page.goto('/obiettivi/nuovo');
  await expect(h1(page)).toHaveText('Nuovo obiettivo');
  await page.getByLabel('Titolo').fill(`Limiti ${Date.now()}`);
  const description = page.getByLabel('Descrizione per i Comuni (facoltativa)');
  await description.fill('a'.repeat(8_500));
  await expect(page.getByText('8.500 caratteri su 10.000.')).toBeVisible();
  await description.fill('a'.repeat(10_200));
  await expect(page.getByText('10.200 caratteri: 200 oltre il limite di 10.000.')).toBeVisible();
  await expectAccessible(page, 'contatore dei caratteri');
  // The server names the field by its label, not by the API's name.
  await page.getByLabel('Edizione del Piano').selectOption('2022-2024');
  await page.getByLabel(/Cerca nel Piano Triennale/).fill('CAP1.PA.LA20');
  await page.getByRole('button', { name: 'Aggiungi CAP1.PA.LA20' }).click();
  await page.getByRole('button', { name: 'Crea la bozza' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Controlla il campo «Descrizione»: al massimo 10.000 caratteri.',
  );
  await expect(page.getByRole('alert')).not.toContainText('Campo "');
  // A body the server refuses as too large (413, its JSON limit is 3 MB) is not "the service does
  // not answer". Typing 5 MB into the box takes minutes on a small machine: the answer is the
  // server's own 413, replayed for the next request.
  await page.route('**/graphql', (route) =>
    route.fulfill({ status: 413, contentType: 'text/html', body: '<h1>413 Payload Too Large</h1>' }),
  );
  await description.fill('Breve');
  await page.getByRole('button', { name: 'Crea la bozza' }).click();
  await expect(page.getByRole('alert')).toContainText('troppo grande per il servizio');
  await expect(page.getByText('Il servizio non risponde')).toHaveCount(0);
});

test('unsent criticità survives the end of the session: a warning, "Resta collegato", the text restored', async ({
  page,
  loginVia,
  expectAccessible,
}) => {
  test.setTimeout(150_000);
  const title = `Sessione ${Date.now()}`;
  await publishForCrema(title, '2099-03-31');
  const id = await assignmentIdByTitle(ANNA, title);
  await loginVia(page, `/assegnazioni/${id}`, ANNA);
  const text = 'Attendiamo il rilascio del fornitore entro gennaio.';
  await page.getByLabel('Criticità').fill(text);

  // The provider's session ends (its cookies are gone; the app keeps its tokens in localStorage):
  // the renewal before expiry fails.
  await page.context().clearCookies();
  const warning = page.getByRole('alert').filter({ hasText: 'La sessione sta per scadere' });
  await expect(warning).toBeVisible({ timeout: 90_000 });
  await expectAccessible(page, 'avviso di fine sessione');
  await warning.getByRole('button', { name: 'Resta collegato' }).click();
  // Renewal is impossible without the provider's session: a new login, and back to the same page.
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
  await page.locator(`button[name="fiscalCode"][value="${ANNA}"]`).click();
  await page.waitForURL((url) => url.pathname === `/assegnazioni/${id}`);
  await expect(page.getByText('Abbiamo ripristinato quello che avevi scritto')).toBeVisible();
  await expect(page.getByLabel('Criticità')).toHaveValue(text);
  await page.getByRole('button', { name: 'Salva l’avanzamento' }).click();
  await expect(page.getByText('Avanzamento salvato.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('Abbiamo ripristinato')).toHaveCount(0);
});

test('"Da validare": the office approves several reports at once, and rejects several with one reason', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  test.setTimeout(150_000);
  const stamp = Date.now();
  const titles = [`Lotto A ${stamp}`, `Lotto B ${stamp}`, `Lotto C ${stamp}`];
  for (const title of titles) {
    await publishForCrema(title, '2099-05-31');
    const id = await assignmentIdByTitle(ANNA, title);
    const a = await graphqlAs(
      ANNA,
      'mutation($id: ID!) { updateAssignment(id: $id, expectedVersion: 1, input: { status: IN_PROGRESS, progress: 70 }) { version } }',
      { id },
    );
    await graphqlAs(
      ANNA,
      'mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { id } }',
      {
        id,
        v: a.updateAssignment.version,
      },
    );
  }
  await loginAs(page, GIULIA);
  await page.goto('/da-validare');
  await expect(h1(page)).toHaveText('Da validare');
  await page.getByRole('checkbox', { name: `Scegli Crema, ${titles[0]}` }).check();
  await page.getByRole('checkbox', { name: `Scegli Crema, ${titles[1]}` }).check();
  await expect(page.getByRole('heading', { name: 'Decidi i resoconti scelti (2)' })).toBeVisible();
  await expectAccessible(page, 'da validare, scelta multipla');
  await page.getByRole('button', { name: 'Approva i selezionati' }).click();
  await expect(page.getByText('2 resoconti approvati.')).toBeVisible();
  await expect(page.getByRole('link', { name: titles[0] })).toHaveCount(0);
  await page.getByRole('checkbox', { name: `Scegli Crema, ${titles[2]}` }).check();
  await page.getByRole('button', { name: 'Respingi i selezionati' }).click();
  await expect(page.getByText('Controlla il campo «Motivazione»')).toBeVisible();
  await page.getByLabel(/Motivazione/).fill('Manca la delibera firmata');
  await page.getByRole('button', { name: 'Respingi i selezionati' }).click();
  await expect(page.getByText('1 resoconto respinto.')).toBeVisible();
  const statuses = await Promise.all(
    titles.map(async (title) => {
      const id = await assignmentIdByTitle(ANNA, title);
      const r = await graphqlAs(ANNA, 'query($id: ID!) { assignment(id: $id) { status progress } }', { id });
      return r.assignment;
    }),
  );
  expect(statuses).toEqual([
    { status: 'COMPLETED', progress: 100 },
    { status: 'COMPLETED', progress: 100 },
    { status: 'REJECTED', progress: 70 },
  ]);
});
