import { expect, test } from './support/fixtures';
import { assignmentIdByTitle, graphqlAs } from './support/api';

/**
 * The session as a person lives it: tokens renew before they expire (the test stack's provider
 * issues 90-second tokens), a session the API refuses sends the person through the login and back
 * to the page they were on, and "Esci" ends the session at the provider too.
 */
const ANNA = 'MRTNNA70S63D142G';
const PND = 'Integrazione con la Piattaforma Notifiche Digitali';

const storedToken = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const key = Object.keys(window.localStorage).find((k) => k.startsWith('oidc.user:'));
    return key
      ? (JSON.parse(window.localStorage.getItem(key)!) as { access_token: string }).access_token
      : null;
  });

test('the access token is renewed before it expires, without leaving the page', async ({ page, loginAs }) => {
  test.setTimeout(120_000);
  await loginAs(page, ANNA);
  const first = await storedToken(page);
  expect(first).toBeTruthy();
  // 90-second tokens are renewed 60 s before expiry, that is about 30 s after login.
  await expect.poll(() => storedToken(page), { timeout: 60_000, intervals: [2_000] }).not.toBe(first);
  await expect(page.getByRole('button', { name: 'Entra con SPID' })).toHaveCount(0);
  await page.getByRole('link', { name: PND }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PND);
});

test('a session the API refuses goes through the login and back to the same page', async ({
  page,
  loginVia,
}) => {
  const id = await assignmentIdByTitle(ANNA, PND);
  await loginVia(page, `/assegnazioni/${id}`, ANNA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PND);
  // The token goes bad (revoked, expired on a sleeping laptop...): the next request is refused.
  await page.evaluate(() => {
    const key = Object.keys(window.localStorage).find((k) => k.startsWith('oidc.user:'))!;
    const user = JSON.parse(window.localStorage.getItem(key)!);
    user.access_token = 'scaduto';
    window.localStorage.setItem(key, JSON.stringify(user));
  });
  await page.reload();
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
  await page.locator(`button[name="fiscalCode"][value="${ANNA}"]`).click();
  await page.waitForURL((url) => url.pathname === `/assegnazioni/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PND);
});

test('"Esci" ends the session here and at the provider', async ({ page, loginAs, expectAccessible }) => {
  await loginAs(page, ANNA);
  await page.getByRole('button', { name: 'Esci' }).click();
  // The provider asks to confirm the logout (its own page), then comes back to the app's home.
  const confirm = page.getByRole('button', { name: /Esci|Conferma|Sì/ });
  if (
    await confirm
      .first()
      .isVisible({ timeout: 5_000 })
      .catch(() => false)
  )
    await confirm.first().click();
  await expect(page.getByRole('button', { name: 'Entra con SPID' })).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'accesso');
  expect(await storedToken(page)).toBeNull();
  // Logging in again asks who you are: the provider's session is gone.
  await page.getByRole('button', { name: 'Entra con SPID' }).click();
  await expect(page.locator(`button[name="fiscalCode"][value="${ANNA}"]`)).toBeVisible();
});

test('a person with several roles switches between them in the header', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  // Anna, referent of Crema, is also given read access to Pandino by the RTD office.
  const GIULIA = 'FRRGLI75C52D142B';
  const pandino = await graphqlAs(GIULIA, '{ comuneByIstatCode(istatCode: "019067") { id } }');
  await graphqlAs(GIULIA, 'mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }', {
    i: { fiscalCode: ANNA, role: 'COMUNE_VIEWER', comuneId: pandino.comuneByIstatCode.id },
  });
  await loginAs(page, ANNA);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le attività del Comune di Crema');
  const switcher = page.getByLabel('Ruolo con cui operi');
  await switcher.selectOption({ label: 'Consultazione del Comune · Pandino' });
  await page
    .getByRole('navigation', { name: 'Pagine' })
    .getByRole('link', { name: 'Le attività del Comune' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le attività del Comune di Pandino');
  // The header with its role switcher passes the accessibility checks too.
  await expectAccessible(page, 'attività di un secondo ruolo');
  // Pandino's list replaces Crema's once its query answers: wait for it before choosing an item.
  await page.waitForLoadState('networkidle');
  await page
    .getByRole('link')
    .filter({ hasText: /Misure minime|Dichiarazione|Integrazione/ })
    .first()
    .click();
  await expect(page.getByText('Comune di Pandino', { exact: false }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Salva l’avanzamento' })).toHaveCount(0);
});
