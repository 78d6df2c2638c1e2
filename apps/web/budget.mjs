#!/usr/bin/env node
/**
 * Web budgets, checked by a script (not a timed test): `npm run budget:web`.
 *  1. The first route's JavaScript (the entry chunk and what index.html preloads) under 250 KB gzipped.
 *  2. With the demo running (`npm run demo`, or BUDGET_URL), the referent's worklist and the
 *     assignment page interactive in under 1 s, and the RTD's dashboard of consortium A in under
 *     1.0 s with under 300 KB of GraphQL JSON (issue 24: the national bench data's 50-comune
 *     consortium, BUDGET_RTD and BUDGET_DATA="national bench data"): from navigation to the
 *     page's content on screen and the main thread free, logged in, median of 5 loads in Debian's
 *     Chromium. The Cruscotto counts as ready when the heatmap and trend headings are there and no
 *     section is still loading (no "Caricamento…" status, no "…" figure): every answer drawn.
 * Writes docs/web-budgets.md and exits 1 when a budget is exceeded.
 */
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.join(ROOT, 'dist/web');
const BASE = (process.env.BUDGET_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const JS_BUDGET_KB = 250;
const PAGE_BUDGET_MS = 1000;
const RUNS = 5;
const ANNA = 'MRTNNA70S63D142G';
const RTD = process.env.BUDGET_RTD ?? 'FRRGLI75C52D142B';
const DASHBOARD_BUDGET_MS = 1000;
const DASHBOARD_JSON_BUDGET_KB = 300;
const DATA = process.env.BUDGET_DATA ?? 'demo data';

function entrySize() {
  const html = readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(WEB, file))).length, 0);
  const all = readdirSync(path.join(WEB, 'assets')).filter((f) => f.endsWith('.js'));
  return { files, kb: gz / 1024, chunks: all.length };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function pageTimes() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await page.goto(`${BASE}/`);
    await page.getByRole('button', { name: 'Entra con SPID' }).click();
    await page.locator(`button[name="fiscalCode"][value="${ANNA}"]`).click();
    await page.getByRole('heading', { level: 1, name: /Le attività del Comune/ }).waitFor();
    const firstLink = page.locator('main a[href^="/assegnazioni/"]').first();
    await firstLink.waitFor();
    const assignmentPath = await firstLink.getAttribute('href');
    const measure = async (url, ready) => {
      const times = [];
      for (let i = 0; i < RUNS; i++) {
        const start = Date.now();
        await page.goto(`${BASE}${url}`);
        await ready();
        // Interactive: content on screen and the main thread free to answer input.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
        times.push(Date.now() - start);
      }
      return { median: median(times), runs: times };
    };
    const worklist = await measure('/comune', () => page.locator('main a[href^="/assegnazioni/"]').first().waitFor());
    const assignment = await measure(assignmentPath, () =>
      page.getByRole('heading', { level: 2, name: 'Storia' }).waitFor(),
    );
    // The RTD's dashboard, in a second browser context.
    const office = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const rtd = await office.newPage();
    await rtd.goto(`${BASE}/`);
    await rtd.getByRole('button', { name: 'Entra con SPID' }).click();
    await rtd.locator(`button[name="fiscalCode"][value="${RTD}"]`).click();
    await rtd.getByRole('heading', { level: 1, name: 'Cruscotto' }).waitFor();
    const dashTimes = [];
    const dashJson = [];
    // The JSON the dashboard's GraphQL answers carry (decoded), per load.
    let bytes = 0;
    rtd.on('response', (response) => {
      if (!response.url().endsWith('/graphql')) return;
      response.body().then(
        (body) => (bytes += body.length),
        () => undefined,
      );
    });
    for (let i = 0; i < RUNS; i++) {
      bytes = 0;
      const start = Date.now();
      await rtd.goto(`${BASE}/cruscotto`);
      await rtd.getByRole('heading', { level: 2, name: 'Comuni e obiettivi' }).waitFor({ timeout: 60_000 });
      await rtd.getByRole('heading', { level: 2, name: /Andamento/ }).waitFor();
      // Every section answered: nothing still loading (PNRR, the figures' referents), no "…" left.
      await rtd.waitForFunction(
        () => {
          const main = document.querySelector('main');
          if (!main) return false;
          const loading = [...main.querySelectorAll('[role="status"]')].some((e) => e.textContent.includes('Caricamento'));
          const pending = [...main.querySelectorAll('.rtd-figure-value')].some((e) => e.textContent === '…');
          return !loading && !pending;
        },
        null,
        { polling: 'raf', timeout: 60_000 },
      );
      await rtd.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
      dashTimes.push(Date.now() - start);
      await rtd.waitForLoadState('networkidle');
      dashJson.push(bytes / 1024);
    }
    const dashboard = { median: median(dashTimes), runs: dashTimes, jsonKb: median(dashJson) };
    return { worklist, assignment, dashboard };
  } finally {
    await browser.close();
  }
}

const entry = entrySize();
let pages = null;
let pagesError = null;
try {
  pages = await pageTimes();
} catch (error) {
  pagesError = `${BASE} non risponde o il login non riesce (${error.message.split('\n')[0]}): avviare prima "npm run demo"`;
}
const rows = [
  ['JavaScript della prima pagina (gzip)', `${entry.kb.toFixed(1)} KB`, `< ${JS_BUDGET_KB} KB`, entry.kb < JS_BUDGET_KB],
];
if (pages) {
  rows.push(['Le attività del Comune, interattiva', `${pages.worklist.median} ms`, `< ${PAGE_BUDGET_MS} ms`, pages.worklist.median < PAGE_BUDGET_MS]);
  rows.push(['Attività (/assegnazioni/<id>), interattiva', `${pages.assignment.median} ms`, `< ${PAGE_BUDGET_MS} ms`, pages.assignment.median < PAGE_BUDGET_MS]);
  rows.push([`Cruscotto (${RTD}), interattivo`, `${pages.dashboard.median} ms`, `< ${DASHBOARD_BUDGET_MS} ms`, pages.dashboard.median < DASHBOARD_BUDGET_MS]);
  rows.push([`Cruscotto (${RTD}), JSON delle risposte GraphQL`, `${pages.dashboard.jsonKb.toFixed(1)} KB`, `< ${DASHBOARD_JSON_BUDGET_KB} KB`, pages.dashboard.jsonKb < DASHBOARD_JSON_BUDGET_KB]);
}
const table = [
  '| misura | oggi | budget | |',
  '| --- | ---: | ---: | --- |',
  ...rows.map(([what, value, budget, ok]) => `| ${what} | ${value} | ${budget} | ${ok ? 'rispettato' : 'SUPERATO'} |`),
].join('\n');
const report = `# Web budgets

Measured by \`npm run budget:web\` on ${new Date().toISOString().slice(0, 10)} (2-core machine, ${DATA},
Debian Chromium, median of ${RUNS} loads after login; entry chunk: ${entry.files.join(', ')}; the app
has ${entry.chunks} JavaScript chunks in all, loaded on demand).

${table}

${pages ? `Runs (ms): worklist ${pages.worklist.runs.join(', ')}; assignment ${pages.assignment.runs.join(', ')}; dashboard ${pages.dashboard.runs.join(', ')}.` : ''}
`;
if (pagesError) {
  // A failed measurement is not a result: the committed report keeps its last real figures.
  console.log(table);
  console.error(pagesError);
  console.error('docs/web-budgets.md non aggiornato: i tempi delle pagine non sono stati misurati');
  process.exit(1);
}
// Sections added by hand after the measured table (e.g. "## National bench data") are kept.
const file = path.join(ROOT, 'docs/web-budgets.md');
let kept = '';
try {
  const previous = readFileSync(file, 'utf8');
  const at = previous.indexOf('\n## ');
  if (at >= 0) kept = previous.slice(at);
} catch {
  // first run
}
writeFileSync(file, `${report.trimEnd()}\n${kept}`);
console.log(table);
process.exit(rows.every((r) => r[3]) ? 0 : 1);
