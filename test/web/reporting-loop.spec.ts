import type { Page } from '@playwright/test';
import { graphqlAs } from './support/api';
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

  const comune = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const anna = await comune.newPage();
  await loginAs(anna, ANNA);
  await anna.getByRole('link', { name: `${title} (prorogato)` }).click();
  await expect(h1(anna)).toHaveText(`${title} (prorogato)`);
  await expect(anna.getByText('Scadenza 30/06/2099')).toBeVisible();
  await expect(anna.getByText('Proroga concessa dalla Regione.')).toBeVisible();
  await comune.close();
});
