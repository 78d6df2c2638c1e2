import { expect, expectNoHorizontalScroll, test } from './support/fixtures';
import { assignmentIdByTitle } from './support/api';

/** 320-pixel phones (a segretario comunale on the train) and keyboard-only use. */
const ANNA = 'MRTNNA70S63D142G';
const GIULIA = 'FRRGLI75C52D142B';

test.use({ viewport: { width: 320, height: 640 } });

test("the referent's pages fit a 320-pixel screen", async ({ page, loginAs }) => {
  await loginAs(page, ANNA);
  await expectNoHorizontalScroll(page, 'Le attività del Comune');
  const id = await assignmentIdByTitle(ANNA, 'Misure minime di sicurezza ICT');
  await page.goto(`/assegnazioni/${id}`);
  await expectNoHorizontalScroll(page, 'Attività');
  await page.goto('/piano');
  await expectNoHorizontalScroll(page, 'Piano Triennale');
});

test("the office's pages fit a 320-pixel screen", async ({ page, loginAs }) => {
  await loginAs(page, GIULIA);
  for (const [path, what] of [
    ['/cruscotto', 'Cruscotto'],
    ['/da-validare', 'Da validare'],
    ['/obiettivi', 'Obiettivi condivisi'],
    ['/obiettivi/nuovo', 'Nuovo obiettivo'],
    ['/persone', 'Referenti e ruoli'],
    ['/registro', 'Registro delle attività'],
  ]) {
    await page.goto(path);
    await expectNoHorizontalScroll(page, what);
  }
});

test('logging in and reporting work with the keyboard alone', async ({ page }) => {
  await page.goto('/');
  // Tab to the login button and press Enter; on the provider pick Anna with the keyboard too.
  const login = page.getByRole('button', { name: 'Entra con SPID' });
  await login.waitFor();
  for (let i = 0; i < 5 && !(await login.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(login).toBeFocused();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
  const anna = page.locator(`button[name="fiscalCode"][value="${ANNA}"]`);
  await anna.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le attività del Comune di Crema');
  // The skip link is the first stop and leads to the content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Vai al contenuto' });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});
