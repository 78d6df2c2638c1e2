import type { Page } from '@playwright/test';
import { graphqlAs } from './support/api';
import { expect, expectNoHorizontalScroll, test } from './support/fixtures';

/**
 * Issue 21: PNRR funding where people work. The Scheda del Comune of Crema shows the comune's
 * own applications of every measure (the figures of the publisher's files), its own total apart
 * from its territory's, statuses in Italian with their dates and the date each measure's data
 * is as of; axe on every page, and it fits 320 px.
 */
const GIULIA = 'FRRGLI75C52D142B'; // RTD of consortium A
const ANNA = 'MRTNNA70S63D142G'; // referent of Crema
const DAVIDE = 'RCCDVD77C12F205L'; // regional observer, Lombardy

const euro = (amount: number) =>
  new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', useGrouping: 'always' })
    .format(amount)
    .replace(/\s/g, ' ');

/** Crema's own applications, as candidature_finanziate_*.csv give them. */
const CREMA: [string, string, string][] = [
  ['B91C22001370006', '252.118,00 €', 'assegnata'],
  ['B51F22004780006', '30.515,00 €', 'erogata dal 05/04/2024'],
  ['B51J25000420006', '18.990,54 €', 'erogata dal 14/05/2026'],
  ['B91F22000690006', '280.932,00 €', 'assegnata dal 19/08/2022'],
  ['B91F22002600006', '36.400,00 €', 'assegnata dal 07/10/2022'],
  ['B91F22002590006', '87.408,00 €', 'rinuncia dal 06/07/2023'],
  ['B91F22000700006', '14.000,00 €', 'erogata dal 26/06/2024'],
  ['B51F24000930006', '14.030,00 €', 'assegnata dal 24/01/2025'],
  ['B91F22003100006', '59.966,00 €', 'erogata dal 11/07/2025'],
];

async function openCrema(page: Page): Promise<void> {
  const crema = await graphqlAs(GIULIA, '{ comuneByIstatCode(istatCode: "019035") { id } }');
  await page.goto(`/comuni/${crema.comuneByIstatCode.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comune di Crema');
}

test("the Scheda del Comune shows Crema's own PNRR funding, measure by measure, apart from its territory's", async ({
  page,
  loginAs,
  expectAccessible,
  docsScreenshot,
}) => {
  await loginAs(page, GIULIA);
  await openCrema(page);
  const section = page.getByRole('region', { name: 'Finanziamenti PNRR' });
  await expect(section.getByRole('heading', { name: 'Finanziamenti PNRR' })).toBeVisible();
  await expect(section.getByTestId('pnrr-own-total')).toHaveText('706.951,54 €');
  await expect(section.getByText('Finanziamenti del Comune di Crema')).toBeVisible();
  await expect(section.getByText('Territorio comunale (tutti gli enti con sede nel Comune)')).toBeVisible();
  await expect(section).toContainText('2.637.663,00 €');
  const table = section.getByRole('table', { name: /Candidature finanziate del Comune di Crema/ });
  for (const [cup, amount, status] of CREMA) {
    const row = table.getByRole('row').filter({ hasText: cup });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(amount);
    await expect(row).toContainText(status);
  }
  const withdrawn = table.getByRole('row').filter({ hasText: 'B91F22002590006' });
  await expect(withdrawn).toContainText('non conteggiato');
  await expect(withdrawn).toContainText('24/10/2023'); // 1.4.3's data as of
  await expect(table.getByRole('row').filter({ hasText: 'B51F24000930006' })).toContainText('27/03/2025');
  await expect(table.getByRole('row').filter({ hasText: 'B91C22001370006' })).toContainText('04/03/2023');
  // The ASST di Crema is not the comune: its money is not in the comune's table.
  await expect(table).not.toContainText('1.748.875');
  await expectAccessible(page, 'scheda del comune, finanziamenti PNRR');
  await section.scrollIntoViewIfNeeded();
  await docsScreenshot(page, 'scheda-comune-pnrr');
});

test("the Cruscotto gives the consortium's totals per measure and the comuni without an application", async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  const { consortia } = await graphqlAs(
    GIULIA,
    '{ consortia { id pnrr { amount measures { measure { code } amount servesObjectives comuniWithoutApplication } } } }',
  );
  const pnrr = consortia[0].pnrr;
  await loginAs(page, GIULIA);
  await page.goto('/cruscotto');
  await expect(page.getByTestId('pnrr-consorzio-own')).toHaveText(euro(pnrr.amount));
  const totals = page.getByRole('table', { name: /Finanziamenti PNRR del consorzio per misura/ });
  for (const m of pnrr.measures) {
    await expect(
      totals.getByRole('row').filter({ hasText: new RegExp(`^${m.measure.code.replace(/\./g, '\\.')} `) }),
    ).toContainText(euro(m.amount));
  }
  await expect(totals.getByRole('row').filter({ hasText: /^1\.4\.4 / })).toContainText('27/03/2025');
  const without = page.getByRole('table', { name: /i Comuni senza candidatura/ });
  const send = pnrr.measures.find((m: any) => m.measure.code === '1.4.5');
  expect(send.servesObjectives).toBe(true);
  await expect(without.getByRole('row').filter({ hasText: /^1\.4\.5 / })).toContainText(
    send.comuniWithoutApplication.length === 0
      ? 'tutti i Comuni'
      : String(send.comuniWithoutApplication.length),
  );
  await expectAccessible(page, 'cruscotto, finanziamenti PNRR');
});

test("La Regione gives the region's comuni's own funding per measure, the territories' apart", async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  const { pnrrRegionTotal: total } = await graphqlAs(
    DAVIDE,
    '{ pnrrRegionTotal(regionCode: "03") { amount territoryAmount measures { measure { code } amount } } }',
  );
  await loginAs(page, DAVIDE);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Regione');
  await expect(page.getByTestId('finanziamenti-pnrr-own')).toHaveText(euro(total.amount));
  await expect(page.getByRole('main')).toContainText(euro(total.territoryAmount));
  const table = page.getByRole('table', { name: /Finanziamenti PNRR della Regione/ });
  await expect(table.getByRole('row').filter({ hasText: /^1\.4\.1 / })).toContainText(
    euro(total.measures.find((m: any) => m.measure.code === '1.4.1').amount),
  );
  await expectAccessible(page, 'la regione, finanziamenti PNRR');
});

test('the Attività page shows the funding of the lines it serves', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  const { comuneByIstatCode: crema } = await graphqlAs(
    ANNA,
    '{ comuneByIstatCode(istatCode: "019035") { id } }',
  );
  const { assignments } = await graphqlAs(
    ANNA,
    `query ($c: ID!) { assignments(filter: { comuneId: $c }, first: 100) { edges { node { id pnrrFunding { application { cup } } } } } }`,
    { c: crema.id },
  );
  const funded = assignments.edges.find((e: any) =>
    e.node.pnrrFunding.some((f: any) => f.application.cup === 'B91F22003100006'),
  );
  expect(funded).toBeTruthy();
  await loginAs(page, ANNA);
  await page.goto(`/assegnazioni/${funded.node.id}`);
  const section = page.getByRole('region', { name: 'Finanziamenti PNRR delle linee' });
  await expect(section).toContainText('59.966,00 €');
  await expect(section).toContainText('B91F22003100006');
  await expect(section).toContainText('erogata dal 11/07/2025');
  await expectAccessible(page, 'attività, finanziamenti PNRR delle linee');
});

test.describe('on a 320-pixel screen', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('the PNRR section of the Scheda del Comune fits', async ({ page, loginAs, expectAccessible }) => {
    await loginAs(page, GIULIA);
    await openCrema(page);
    await expect(page.getByTestId('pnrr-own-total')).toHaveText('706.951,54 €');
    await expectNoHorizontalScroll(page, 'Scheda del Comune');
    await expectAccessible(page, 'scheda del comune a 320 px');
    await page.goto('/cruscotto');
    await expect(page.getByTestId('pnrr-consorzio-own')).toBeVisible();
    await expectNoHorizontalScroll(page, 'Cruscotto');
  });
});
