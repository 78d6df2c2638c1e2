import { displayName, expect, idpUrl, test, webBaseUrl } from './support/fixtures';

const ANNA = 'MRTNNA70S63D142G';

/**
 * Issue 26, point 8: the login's return-to took any path starting with "/", so a link to
 * `https://<app>//evil.example/x` came back from the provider with `//evil.example/x` to go to,
 * one navigation away from another site. It comes back to a page of the app, and only of the app.
 */
for (const path of ['//evil.example/x', '/\\evil.example/x', '/%2F%2Fevil.example/x']) {
  test(`after the login, ${path} leads to a page of the app, never to another site`, async ({ page }) => {
    const elsewhere: string[] = [];
    await page.route(
      (url) => url.hostname.endsWith('evil.example'),
      (route) => {
        elsewhere.push(route.request().url());
        return route.abort();
      },
    );
    await page.context().clearCookies();
    // Written by hand: new URL() would read `//evil.example/x` as another host.
    await page.goto(`${webBaseUrl()}${path}`);
    const loginButton = page.getByRole('button', { name: 'Entra con SPID' });
    const onProvider = () => new URL(page.url()).origin === new URL(idpUrl()).origin;
    await expect
      .poll(async () => onProvider() || (await loginButton.isVisible().catch(() => false)), {
        timeout: 20_000,
      })
      .toBe(true);
    if (!onProvider()) await loginButton.click();
    await page.waitForURL((url) => url.origin === new URL(idpUrl()).origin);
    await page.locator(`button[name="fiscalCode"][value="${ANNA}"]`).click();
    await page.waitForURL(
      (url) => url.origin === new URL(webBaseUrl()).origin && !url.pathname.startsWith('/auth/'),
    );
    await expect(page.locator('header, [role="banner"]').first()).toContainText(displayName(ANNA));
    const landed = new URL(page.url());
    expect({ origin: landed.origin, protocolRelative: landed.pathname.startsWith('//') }).toEqual({
      origin: new URL(webBaseUrl()).origin,
      protocolRelative: false,
    });
    await expect(page.getByRole('heading', { name: 'Accesso non completato' })).toHaveCount(0);
    expect(elsewhere).toEqual([]);
  });
}
