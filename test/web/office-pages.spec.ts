import type { Page } from '@playwright/test';
import { obtainPersonToken } from '../../apps/dev-idp/src/token-flow';
import { DEMO_PEOPLE } from '../../libs/demo/src/demo-identities';
import { graphqlAs } from './support/api';
import { expect, idpUrl, test, webBaseUrl } from './support/fixtures';

/**
 * Issue 11's pages, in Chromium, through the real login: "Referenti e ruoli" (enrol, revoke, who
 * sees what), "Registro delle attività" (filters, every page), "Piano Triennale", the regional
 * observer's aggregates and the operator's consortia; axe on every page visited.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const ELENA = 'BRBLNE69T41D150Z'; // auditor of consortium A
const CHIARA = 'RNLCHR82H61G999G'; // RTD of consortium B
const GIORGIO = 'SPSGRG72R15H501Q'; // operator
const FRANCESCA = 'VLLFNC90M48F205H'; // no role yet
const OBSERVER = DEMO_PEOPLE.find((p) =>
  p.grants.some((g) => g.role === 'REGIONAL_OBSERVER' && g.regionCode === '03'),
);

const CONSORTIUM_A = "Ufficio RTD associato dell'Area Cremasca";
const CONSORTIUM_B = 'Unione dei Comuni della Val di Bisenzio';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const nav = (page: Page, label: string) =>
  page.getByRole('navigation', { name: 'Pagine' }).getByRole('link', { name: label, exact: true }).click();

/** One token for many calls: the audit trail is filled through the API, as the office would. */
async function graphqlWith(token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${webBaseUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}

/** Grants and revokes a role `pairs` times in Crema: 2 x pairs audit entries of consortium A. */
async function fillAuditTrail(pairs: number): Promise<void> {
  const token = await obtainPersonToken(idpUrl(), GIULIA);
  const crema = await graphqlAs(GIULIA, '{ comuneByIstatCode(istatCode: "019035") { id } }');
  for (let i = 0; i < pairs; i++) {
    const granted = await graphqlWith(
      token,
      'mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }',
      { input: { fiscalCode: FRANCESCA, role: 'COMUNE_DELEGATE', comuneId: crema.comuneByIstatCode.id } },
    );
    await graphqlWith(token, 'mutation($id: ID!) { revokeRole(membershipId: $id) }', {
      id: granted.grantRole.id,
    });
  }
}

test('the RTD enrols a viewer of Pandino, revokes the role, and the audit log shows both on every page', async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  test.setTimeout(240_000);
  await fillAuditTrail(60);

  await loginAs(page, GIULIA);
  await nav(page, 'Referenti e ruoli');
  await expect(h1(page)).toHaveText('Referenti e ruoli');
  const comuni = page.getByRole('table', { name: /prima quelli senza referente/ });
  await expect(comuni).toBeVisible();
  // The comuni with no referent come first, flagged in words.
  await expect(comuni.getByRole('row').nth(1)).toContainText('Senza referente');
  await expectAccessible(page, 'referenti e ruoli (RTD)');

  // The form checks what it can before asking the API.
  const form = page.getByRole('form', { name: 'Assegna un ruolo' });
  await form.getByLabel('Codice fiscale').fill('vllfnc90m48f205a'); // wrong check character
  await form.getByLabel('Ruolo', { exact: true }).selectOption({ label: 'Consultazione del Comune' });
  await form.getByRole('button', { name: 'Assegna il ruolo' }).click();
  await expect(form.getByText('Scegli il Comune dall’elenco', { exact: false })).toBeVisible();
  await expect(form.getByRole('combobox', { name: 'Comune' })).toBeFocused();

  // Pandino, found by typing part of its name.
  const comune = form.getByRole('combobox', { name: 'Comune' });
  await comune.fill('Pand');
  await expect(comune).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('option', { name: /Pandino/ }).click();
  await expect(comune).toHaveValue('Pandino (019067)');
  await expect(form.getByLabel('Codice fiscale')).toHaveValue('VLLFNC90M48F205A');

  // The API refuses the check character: its words show next to the field.
  await form.getByRole('button', { name: 'Assegna il ruolo' }).click();
  await expect(form.getByText('Il carattere di controllo non corrisponde.')).toBeVisible();
  await expect(form.getByLabel('Codice fiscale')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'referenti e ruoli (errore)');

  // Francesca Villa has logged in once but shares no tenant with the office: the grant shows her
  // by the fiscal code typed, not by her name or address (issue 26, point 4).
  await form.getByLabel('Codice fiscale').fill(FRANCESCA.toLowerCase());
  await form.getByRole('button', { name: 'Assegna il ruolo' }).click();
  await expect(
    page.getByText('Ruolo «Consultazione del Comune» assegnato a VLLFNC90M48F205H per il Comune di Pandino.'),
  ).toBeVisible();
  const pandino = comuni.getByRole('row').filter({ has: page.getByRole('link', { name: 'Pandino' }) });
  await expect(pandino).toContainText('Consultazione del Comune: Nome non ancora noto');
  await expect(pandino).not.toContainText('Francesca Villa');
  await expectAccessible(page, 'referenti e ruoli (ruolo assegnato)');
  await docsScreenshot(page, 'referenti-e-ruoli');

  // Revoking asks first; "Annulla" keeps the role and gives the focus back.
  const revoke = pandino.getByRole('button', {
    name: 'Revoca il ruolo Consultazione del Comune a Nome non ancora noto',
  });
  await revoke.click();
  const dialog = page.getByRole('dialog', { name: 'Revocare il ruolo?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Annulla' })).toBeFocused();
  await expectAccessible(page, 'referenti e ruoli (conferma della revoca)');
  await dialog.getByRole('button', { name: 'Annulla' }).click();
  await expect(dialog).toBeHidden();
  await expect(revoke).toBeFocused();
  await revoke.click();
  await dialog.getByRole('button', { name: 'Revoca', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(
      'Ruolo «Consultazione del Comune» revocato a Nome non ancora noto (VLLFNC90M48F205H), Comune di Pandino.',
    ),
  ).toBeVisible();
  await expect(pandino).not.toContainText('Nome non ancora noto');

  // The log: both changes on top, then every page down to the first entry.
  await nav(page, 'Registro delle attività');
  await expect(h1(page)).toHaveText('Registro delle attività');
  const log = page.getByRole('table', { name: /^Pagina 1:/ });
  await expect(log).toBeVisible();
  const newest = log.getByRole('row').nth(1);
  await expect(newest).toContainText('Ruolo revocato');
  await expect(newest).toContainText('Pandino');
  await expect(newest).toContainText('Giulia Ferrari');
  await expect(log.getByRole('row').nth(2)).toContainText('Ruolo assegnato');
  await expect(log.getByRole('row').nth(2)).toContainText('«Consultazione del Comune» a VLLFNC90M48F205H');
  await expectAccessible(page, 'registro delle attività');

  const totalText = await page.getByText(/\d+ voci in tutto/).textContent();
  const total = Number(totalText!.replace(/\D/g, ''));
  expect(total).toBeGreaterThan(120);
  let seen = 0;
  for (let pageNumber = 1; ; pageNumber++) {
    const table = page.getByRole('table', { name: new RegExp(`^Pagina ${pageNumber}:`) });
    await expect(table).toBeVisible();
    // The caption says where the page ends ("voci da 51 a 100 di 135"): the last page ends at the
    // total. (The button's disabled state flickers while a page loads, so it is not the signal.)
    // The caption changes a moment before the rows do: wait until the rows are the ones it names.
    const caption = (await table.locator('caption').textContent()) ?? '';
    const [, first, last, of] = /da (\d+) a (\d+) di (\d+)/.exec(caption) ?? [];
    await expect(table.getByRole('row')).toHaveCount(Number(last) - Number(first) + 2);
    seen += (await table.getByRole('row').count()) - 1;
    if (Number(last) >= Number(of)) break;
    await page.getByRole('button', { name: 'Pagina successiva' }).click();
  }
  expect(seen).toBe(total);
  await expectAccessible(page, 'registro delle attività (ultima pagina)');
  await page.getByRole('button', { name: 'Pagina precedente' }).click();
  await expect(page.getByRole('table', { name: /^Pagina \d+:/ })).toBeVisible();

  // Filters go into the address: the revocation in Pandino, and only that.
  await page.getByLabel('Azione').selectOption({ label: 'Ruolo revocato' });
  await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Pandino' });
  await page.getByLabel('Persona').fill('giulia ferrari');
  await page.getByRole('button', { name: 'Applica i filtri' }).click();
  await expect(page).toHaveURL(/azione=membership\.revoke/);
  await expect(page).toHaveURL(/persona=giulia/);
  await expect(page.getByText('1 voce in tutto con questi filtri')).toBeVisible();
  await page.reload();
  await expect(page.getByText('1 voce in tutto con questi filtri')).toBeVisible();
  await expect(page.getByLabel('Azione')).toHaveValue('membership.revoke');
  await expectAccessible(page, 'registro delle attività (filtri)');
});

test('the RTD of another consortium sees only her three comuni', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, CHIARA);
  await nav(page, 'Referenti e ruoli');
  await expect(h1(page)).toHaveText('Referenti e ruoli');
  const comuni = page.getByRole('table', { name: /prima quelli senza referente/ });
  await expect(comuni.getByRole('row')).toHaveCount(4);
  for (const name of ['Cantagallo', 'Vaiano', 'Vernio'])
    await expect(comuni.getByRole('link', { name, exact: true })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main).not.toContainText('Pandino');
  await expect(main).not.toContainText('Crema');
  await expect(main).not.toContainText('Giulia Ferrari');
  await expect(main).toContainText(CONSORTIUM_B);

  // Her combobox offers only her comuni.
  const comune = page.getByRole('combobox', { name: 'Comune' });
  await comune.fill('Pand');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(0);
  await expect(page.getByText('Nessun Comune del consorzio con questo nome o codice ISTAT.')).toBeVisible();
  await comune.fill('100006');
  await expect(page.getByRole('listbox').getByRole('option', { name: /Vaiano/ })).toBeVisible();
  await expectAccessible(page, 'referenti e ruoli (altro consorzio)');

  // A comune of the other consortium: refused, in words.
  const crema = await graphqlAs(GIULIA, '{ comuneByIstatCode(istatCode: "019035") { id } }');
  await page.goto(`/comuni/${crema.comuneByIstatCode.id}`);
  await expect(h1(page)).toHaveText('Scheda del Comune');
  await expect(page.getByRole('alert')).toContainText(/non fa parte di|non è visibile/);
  await expect(page.getByRole('main')).not.toContainText('Anna Moretti');
  await expectAccessible(page, 'scheda del comune (altro consorzio)');
});

test('the auditor reads the log and the roles, and has nothing to change', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, ELENA);
  await nav(page, 'Registro delle attività');
  await expect(h1(page)).toHaveText('Registro delle attività');
  await expect(page.getByRole('table', { name: /^Pagina 1:/ })).toBeVisible();
  await expectAccessible(page, 'registro delle attività (revisore)');

  await nav(page, 'Referenti e ruoli');
  await expect(h1(page)).toHaveText('Referenti e ruoli');
  await expect(page.getByRole('table', { name: /prima quelli senza referente/ })).toBeVisible();
  await expect(page.getByText('li assegna e li revoca l’RTD')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Assegna un ruolo' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Revoca/ })).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expectAccessible(page, 'referenti e ruoli (revisore)');

  // The comune's sheet: its people (referent first) and every activity.
  await page.getByRole('link', { name: 'Crema', exact: true }).click();
  await expect(h1(page)).toHaveText('Comune di Crema');
  const people = page.getByRole('table', { name: /persone con un ruolo nel Comune/ });
  await expect(people.getByRole('row').nth(1)).toContainText('Referente del Comune');
  await expect(people.getByRole('row').nth(1)).toContainText('Anna Moretti');
  await expect(people.getByRole('link', { name: 'anna.moretti@demo.rtdhub.it' })).toHaveAttribute(
    'href',
    'mailto:anna.moretti@demo.rtdhub.it',
  );
  const activities = page.getByRole('table', { name: /attività/ });
  await expect(
    activities.getByRole('link', { name: 'Integrazione con la Piattaforma Notifiche Digitali' }),
  ).toHaveAttribute('href', /^\/assegnazioni\//);
  await expectAccessible(page, 'scheda del comune');
});

test('the catalogue finds "accessibilità" typed without the accent and keeps the search in the address', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, GIULIA);
  await nav(page, 'Piano Triennale');
  await expect(h1(page)).toHaveText('Piano Triennale');
  // The edition in force first (the 2025 update); the one the demo's objectives use is a choice away.
  await expect(page.getByLabel('Edizione')).toHaveValue('2024-2026-agg-2025');
  await expectAccessible(page, 'piano triennale');
  await page.getByLabel('Edizione').selectOption('2022-2024');
  await expect(page.getByRole('heading', { name: 'CAP1.PA.LA01' })).toBeVisible();

  await page.getByLabel('Cerca nel testo o nel codice').fill('accessibilita');
  await expect(page).toHaveURL(
    /edizione=2022-2024.*cerca=accessibilita|cerca=accessibilita.*edizione=2022-2024/,
  );
  const line = page.getByRole('article', { name: 'CAP1.PA.LA20' });
  await expect(line).toBeVisible();
  await expect(line).toContainText('dichiarazione di accessibilità');
  await expect(line).toContainText('Entro il 23/09/2023');
  await expect(page.getByRole('heading', { name: 'CAP1.PA.LA01' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel('Cerca nel testo o nel codice')).toHaveValue('accessibilita');
  await expect(page.getByRole('article', { name: 'CAP1.PA.LA20' })).toBeVisible();
  await expectAccessible(page, 'piano triennale (ricerca)');

  await page.getByLabel('Cerca nel testo o nel codice').fill('nessuna linea parla di astronavi');
  await expect(page.getByText('Nessuna linea d’azione trovata')).toBeVisible();
});

test('the regional observer sees the consortia of the region and no person', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  expect(OBSERVER, 'a demo person observing Lombardy (DEMO_PEOPLE)').toBeDefined();
  await loginAs(page, OBSERVER!.fiscalCode);
  await expect(h1(page)).toHaveText('La Regione Lombardia');
  const byConsortium = page.getByRole('table', { name: /per consorzio/ });
  await expect(byConsortium.getByRole('rowheader', { name: CONSORTIUM_A })).toBeVisible();
  await expect(
    page.getByRole('table', { name: /per provincia/ }).getByRole('rowheader', { name: 'Cremona' }),
  ).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(CONSORTIUM_B);
  const main = (await page.getByRole('main').textContent()) ?? '';
  for (const person of DEMO_PEOPLE) {
    expect(main).not.toContain(`${person.givenName} ${person.familyName}`);
    expect(main).not.toContain(person.fiscalCode);
  }
  await expectAccessible(page, 'la regione');
});

test('the operator sees the consortia and is told what is wrong with a list of comuni', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, GIORGIO);
  await expect(h1(page)).toHaveText('Consorzi');
  const list = page.getByRole('table', { name: /consorzi, in ordine alfabetico/ });
  await expect(list.getByRole('row').filter({ hasText: CONSORTIUM_A })).toContainText('42');
  await expect(list.getByRole('row').filter({ hasText: CONSORTIUM_B })).toContainText('3');
  await expectAccessible(page, 'consorzi');

  const form = page.getByRole('form', { name: 'Costituisci un consorzio' });
  await form.getByLabel('Nome del consorzio').fill('Unione dei Comuni di prova');
  await form.getByLabel('Codici ISTAT dei Comuni').fill('01906\n019067 Pandino');
  await form.getByRole('button', { name: 'Costituisci il consorzio' }).click();
  await expect(
    form.getByText('Riga 1: «01906» non è un codice ISTAT (6 cifre, ad esempio 019067).'),
  ).toBeVisible();
  await form.getByLabel('Codici ISTAT dei Comuni').fill('019067 Pandino');
  await form.getByRole('button', { name: 'Verifica i Comuni' }).click();
  await expect(form.getByText(`Pandino (019067) fa già parte di «${CONSORTIUM_A}».`)).toBeVisible();
  await expectAccessible(page, 'consorzi (errori)');
});
