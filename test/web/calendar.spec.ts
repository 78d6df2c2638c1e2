import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalScroll, screenshot, test, webBaseUrl } from './support/fixtures';

/**
 * Issue 22, the calendar feed on the "Notifiche" page: the referent sees her feed's address, the
 * address serves an iCalendar feed without login, and a new address makes the old one 404.
 */
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema

const feedAt = (url: string) => fetch(`${webBaseUrl()}${new URL(url).pathname}`);
const address = (page: Page) => page.getByLabel('Indirizzo del calendario');

test('a referent finds her calendar address on Notifiche, and can replace it', async ({
  page,
  loginVia,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  await loginVia(page, '/notifiche', ANNA);
  await expect(page.getByRole('heading', { name: 'Calendario delle scadenze' })).toBeVisible();
  await expect(address(page)).toHaveValue(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  const first = await address(page).inputValue();
  const feed = await feedAt(first);
  expect(feed.status).toBe(200);
  expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(await feed.text()).toContain('BEGIN:VEVENT');
  await expectAccessible(page, 'notifiche con il calendario');
  await screenshot(page, 'notifiche-calendario');

  await page.getByRole('button', { name: 'Genera un nuovo indirizzo' }).click();
  await expectAccessible(page, 'conferma del nuovo indirizzo');
  await page.getByRole('button', { name: 'Genera il nuovo indirizzo' }).click();
  await expect(page.getByText(/Nuovo indirizzo creato/)).toBeVisible();
  await expect(address(page)).not.toHaveValue(first);
  expect((await feedAt(first)).status).toBe(404);
  expect((await feedAt(await address(page).inputValue())).status).toBe(200);

  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  await expect(address(page)).toBeVisible();
  await expectNoHorizontalScroll(page, 'Notifiche con il calendario');
  await screenshot(page, 'notifiche-calendario-320');
});
