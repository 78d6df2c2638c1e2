import { mkdirSync } from 'node:fs';
import type { ReceivedMail } from '../../../apps/dev-mail/src/smtp-sink';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import { DEMO_PEOPLE } from '../../../libs/demo/src/demo-identities';

/**
 * What the web tests share: logging in through the real development provider, accessibility
 * checks, the mail catcher and README screenshots. Import `test` and `expect` from here.
 */
export { expect };

const ROOT = path.resolve(__dirname, '../../..');
/**
 * Where the README's screenshots go: test-results/ on an ordinary run, so tests rewrite no tracked
 * file; `npm run screenshots` sets RTD_SCREENSHOTS_DIR to docs/screenshots to renew them.
 */
export const SCREENSHOTS = process.env.RTD_SCREENSHOTS_DIR
  ? path.resolve(process.env.RTD_SCREENSHOTS_DIR)
  : path.join(ROOT, 'test-results/screenshots');
const LOGIN_BUTTON = 'Entra con SPID';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function env(name: 'RTD_WEB_BASE_URL' | 'RTD_MAIL_URL' | 'RTD_IDP_URL' | 'RTD_DATABASE_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm run test:web"`);
  return value.replace(/\/$/, '');
}

export const webBaseUrl = () => env('RTD_WEB_BASE_URL');
export const idpUrl = () => env('RTD_IDP_URL');
export const mailUrl = () => env('RTD_MAIL_URL');
/** Owner role on the run's database: reads every row, row-level security notwithstanding. */
export const databaseUrl = () => env('RTD_DATABASE_URL');

/** "Anna Moretti" for MRTNNA70S63D142G: what the app's header shows once that person is in. */
export function displayName(fiscalCode: string): string {
  const person = DEMO_PEOPLE.find((p) => p.fiscalCode === fiscalCode.toUpperCase());
  if (!person) throw new Error(`${fiscalCode} is not one of the demo people (DEMO_PEOPLE)`);
  return `${person.givenName} ${person.familyName}`;
}

const onProvider = (page: Page) => new URL(page.url()).origin === new URL(idpUrl()).origin;

/** On the provider's "Entra con SPID" page: the person's button, or the fiscal-code form. */
async function pickPerson(page: Page, fiscalCode: string): Promise<void> {
  await page.waitForURL((url) => url.origin === new URL(idpUrl()).origin);
  const code = fiscalCode.toUpperCase();
  const button = page.locator(`button[name="fiscalCode"][value="${code}"]`);
  if ((await button.count()) > 0) {
    await button.click();
    return;
  }
  await page.getByText('Entra con un codice fiscale').click();
  await page.getByLabel('Codice fiscale').fill(code);
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
}

/** Back on the app, with the person's name in the header. */
async function expectLoggedIn(page: Page, fiscalCode: string): Promise<void> {
  await page.waitForURL((url) => url.origin === new URL(webBaseUrl()).origin);
  await expect(page.locator('header, [role="banner"]').first()).toContainText(displayName(fiscalCode));
}

/** Forgets any session the page's browser context has with the app and the provider. */
async function forgetSession(page: Page): Promise<void> {
  await page.context().clearCookies();
  if (new URL(page.url()).origin !== new URL(webBaseUrl()).origin) return;
  await page.evaluate(() => {
    window.localStorage.clear();
    window.sessionStorage.clear();
  });
}

/** Logs in from the home page: "Entra con SPID", then the person on the provider's page. */
export async function loginAs(page: Page, fiscalCode: string): Promise<void> {
  displayName(fiscalCode); // an unknown fiscal code fails here, before any navigation
  await forgetSession(page);
  await page.goto('/');
  await page.getByRole('button', { name: LOGIN_BUTTON }).click();
  await pickPerson(page, fiscalCode);
  await expectLoggedIn(page, fiscalCode);
  await expect(page.getByRole('button', { name: LOGIN_BUTTON })).toHaveCount(0);
}

/**
 * Opens a deep link while logged out and logs in on the way: the app either sends the browser to
 * the provider itself or shows "Entra con SPID". Ends on that same deep link.
 */
export async function loginVia(page: Page, url: string, fiscalCode: string): Promise<void> {
  const target = new URL(url, `${webBaseUrl()}/`);
  displayName(fiscalCode);
  await forgetSession(page);
  await page.goto(target.toString());
  const loginButton = page.getByRole('button', { name: LOGIN_BUTTON });
  await expect
    .poll(async () => onProvider(page) || (await loginButton.isVisible().catch(() => false)), {
      timeout: 20_000,
      message: `neither the provider's page nor "${LOGIN_BUTTON}" after opening ${target.pathname}`,
    })
    .toBe(true);
  if (!onProvider(page)) await loginButton.click();
  await pickPerson(page, fiscalCode);
  await expectLoggedIn(page, fiscalCode);
  await page.waitForURL(
    (current) =>
      current.origin === target.origin &&
      current.pathname === target.pathname &&
      current.search === target.search,
  );
}

export interface AxeViolationSummary {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe on the page as it is, WCAG 2.1 A/AA; fails listing every serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  await base.info().attach(`axe-${label}`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  const serious: AxeViolationSummary[] = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  const listing = serious
    .map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`)
    .join('\n');
  expect(serious, `accessibility violations on "${label}" (${page.url()}):\n${listing}`).toEqual([]);
}

/** A message as the dev mail catcher serves it: its ReceivedMail, as JSON (dates as strings). */
export type Mail = Omit<ReceivedMail, 'receivedAt'> & { receivedAt: string };

export interface Mailbox {
  /** Every message received so far, newest first. */
  list(): Promise<Mail[]>;
  /** Messages to an address (envelope or To header, case-insensitive), newest first. */
  to(address: string): Promise<Mail[]>;
  /** Waits until a message to `address` arrives (and matches `subject`, when given); returns the newest. */
  waitFor(address: string, options?: { subject?: string | RegExp; timeout?: number }): Promise<Mail>;
  /** The http(s) links of a message, text part first, each once. */
  links(mail: Mail): string[];
  /** Empties the catcher. */
  clear(): Promise<void>;
}

export function mailbox(baseUrl: string = mailUrl()): Mailbox {
  const list = async (): Promise<Mail[]> => {
    const response = await fetch(`${baseUrl}/messages.json`);
    if (!response.ok) throw new Error(`${baseUrl}/messages.json answered ${response.status}`);
    return (await response.json()) as Mail[];
  };
  const to = async (address: string): Promise<Mail[]> => {
    const wanted = address.toLowerCase();
    return (await list()).filter(
      (mail) =>
        mail.envelope.to.some((rcpt) => rcpt.toLowerCase() === wanted) ||
        (mail.to ?? '').toLowerCase().includes(wanted),
    );
  };
  const matches = (mail: Mail, subject: string | RegExp | undefined) =>
    subject === undefined ||
    (typeof subject === 'string' ? (mail.subject ?? '').includes(subject) : subject.test(mail.subject ?? ''));
  return {
    list,
    to,
    async waitFor(address, options = {}) {
      let found: Mail | undefined;
      await expect
        .poll(
          async () => {
            found = (await to(address)).find((mail) => matches(mail, options.subject));
            return found !== undefined;
          },
          {
            message: `no mail to ${address}${options.subject ? ` about ${String(options.subject)}` : ''}`,
            timeout: options.timeout ?? 15_000,
          },
        )
        .toBe(true);
      return found!;
    },
    links(mail) {
      const decode = (href: string) => href.replace(/&amp;/g, '&');
      const fromText = (mail.text ?? '').match(/https?:\/\/[^\s<>"')\]]+/g) ?? [];
      const fromHtml = [...(mail.html ?? '').matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => decode(m[1]));
      return [...new Set([...fromText, ...fromHtml])];
    },
    async clear() {
      const response = await fetch(`${baseUrl}/clear`, { method: 'POST', redirect: 'manual' });
      if (response.status !== 303) throw new Error(`${baseUrl}/clear answered ${response.status}`);
    },
  };
}

/** Full-page screenshot into SCREENSHOTS/<name>.png (docs/screenshots with `npm run screenshots`). */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name "${name}": use a-z, 0-9 and -`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.evaluate(() => document.fonts.ready);
  // Parts laid out only near the viewport (content-visibility: auto, the Cruscotto's heatmap) are
  // not painted by a full-page capture of a short viewport: the viewport takes the page's height.
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (viewport && height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(height, 16_000) });
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
  }
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  if (viewport && height > viewport.height) await page.setViewportSize(viewport);
  return file;
}

/** What Chromium logs when the Content-Security-Policy blocks something. */
const CSP_VIOLATION = /Content Security Policy|Refused to/i;

export interface WebFixtures {
  loginAs: (page: Page, fiscalCode: string) => Promise<void>;
  loginVia: (page: Page, url: string, fiscalCode: string) => Promise<void>;
  expectAccessible: (page: Page, label: string) => Promise<void>;
  mailbox: Mailbox;
  /** `screenshot` itself is Playwright's option (screenshots on failure): this is the README one. */
  docsScreenshot: (page: Page, name: string) => Promise<string>;
  /** Every Content-Security-Policy violation the page (and its frames) logged; checked after each test. */
  cspViolations: string[];
}

// Playwright reads each fixture's first parameter to know what it depends on: `{}` is nothing.
export const test = base.extend<WebFixtures>({
  loginAs: async ({}, use) => use(loginAs),
  loginVia: async ({}, use) => use(loginVia),
  expectAccessible: async ({}, use) => use(expectAccessible),
  mailbox: async ({}, use) => use(mailbox()),
  docsScreenshot: async ({}, use) => use(screenshot),
  // Automatic: every test fails when the app's CSP blocked anything on the pages it visited
  // (login, silent renewal in the hidden frame, logout, charts...).
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (CSP_VIOLATION.test(message.text())) violations.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => {
        if (CSP_VIOLATION.test(error.message)) violations.push(`pageerror: ${error.message}`);
      });
      await use(violations);
      expect(violations, `Content-Security-Policy violations on ${page.url()}`).toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * The page fits a 320-pixel screen: no horizontal scroll. Tables may scroll inside their own
 * `.table-responsive` box, so what is in one is left out of the failure's list of the widest
 * elements (the width checked is the document's).
 */
export async function expectNoHorizontalScroll(page: Page, what: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  const wide = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    widest: [...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.table-responsive') || el.classList.contains('table-responsive'))
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > 321)
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map((x) => `${x.el.tagName}.${String(x.el.className).slice(0, 60)} ${Math.round(x.right)}`)
      .join('; '),
  }));
  expect(wide.width, `${what} is ${wide.width}px wide at 320px: ${wide.widest}`).toBeLessThanOrEqual(320);
}
