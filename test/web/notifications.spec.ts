import { Client } from 'pg';
import { graphqlAs } from './support/api';
import { databaseUrl, expect, expectNoHorizontalScroll, test } from './support/fixtures';

/** Issue 22: the office's Sollecita, and the Notifiche page turning that kind of mail off. */
const GIULIA = 'FRRGLI75C52D142B';
const SARA = 'CLMSRA80P49G306F';
const SARA_MAIL = 'sara.colombo@demo.rtdhub.it';

test.use({ viewport: { width: 320, height: 700 } });

/** Two open activities of Pandino, Sara Colombo's comune. */
async function openActivitiesOfPandino(): Promise<string[]> {
  const me = await graphqlAs(SARA, '{ me { memberships { comune { id } } } }');
  const data = await graphqlAs(
    SARA,
    'query($c: ID!) { assignments(filter: { comuneId: $c }, first: 200) { edges { node { id status objective { state } } } } }',
    { c: me.me.memberships[0].comune.id },
  );
  return data.assignments.edges
    .map((e: any) => e.node)
    .filter(
      (n: any) => ['NOT_STARTED', 'IN_PROGRESS'].includes(n.status) && n.objective.state === 'PUBLISHED',
    )
    .map((n: any) => n.id as string)
    .slice(0, 2);
}

/** Whether the notice of the reminder of `assignmentId` has been handled by the worker (outbox processed). */
async function reminderHandled(assignmentId: string): Promise<boolean> {
  const db = new Client({ connectionString: databaseUrl() });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT processed_at FROM outbox WHERE dedupe_key LIKE 'mail:reminder:' || $1 || ':%'`,
      [assignmentId],
    );
    return rows.length === 1 && rows[0].processed_at !== null;
  } finally {
    await db.end();
  }
}

test('the office sends a Sollecita; on the Notifiche page the comune turns reminders off, and the next one is not mailed', async ({
  page,
  loginAs,
  expectAccessible,
  mailbox,
  docsScreenshot,
}) => {
  const [first, second] = await openActivitiesOfPandino();
  expect(second).toBeTruthy();

  // Giulia reminds Pandino from the activity's page: once a day, so the button goes.
  await loginAs(page, GIULIA);
  await page.goto(`/assegnazioni/${first}`);
  const remind = page.getByRole('button', { name: 'Sollecita il Comune' });
  await remind.click();
  await expect(page.getByText('Sollecito inviato: il Comune riceverà un’e-mail.')).toBeVisible();
  await expect(remind).toHaveCount(0);
  await expect(page.getByText(/Sollecito dell'Ufficio RTD/).first()).toBeVisible();
  await expectAccessible(page, 'attivita-sollecito');
  const mail = await mailbox.waitFor(SARA_MAIL, { subject: /^Sollecito:/, timeout: 30_000 });
  expect(mail.subject).toMatch(/– Comune di Pandino – scadenza \d{2}\/\d{2}\/\d{4}$/);
  expect(mail.text).toContain('Gentile Sara Colombo');

  // The mail as the referent sees it (HTML part).
  await page.setContent(mail.html ?? '');
  await docsScreenshot(page, 'mail-sollecito');

  // Sara turns the office's reminders off on the Notifiche page, linked from the header.
  await loginAs(page, SARA);
  await page.getByRole('banner').getByRole('link', { name: 'Notifiche', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifiche');
  await expectNoHorizontalScroll(page, 'Notifiche');
  await expectAccessible(page, 'notifiche');
  await docsScreenshot(page, 'notifiche');
  const reminders = page.getByRole('group', { name: "Solleciti dell'Ufficio RTD" });
  await expect(reminders.getByRole('radio', { name: 'Subito' })).toBeChecked();
  // The deadline reminders offer no "Subito": the server says which choices each kind allows.
  await expect(
    page.getByRole('group', { name: 'Promemoria delle scadenze' }).getByRole('radio', { name: 'Subito' }),
  ).toHaveCount(0);
  // Bootstrap Italia draws the radio on its label.
  await reminders.getByRole('radio', { name: 'Disattivate' }).click({ force: true });
  await expect(
    page.getByText("Preferenza salvata: «Solleciti dell'Ufficio RTD», disattivate."),
  ).toBeVisible();
  await page.reload();
  await expect(reminders.getByRole('radio', { name: 'Disattivate' })).toBeChecked();
  await expectAccessible(page, 'notifiche-salvate');

  // The next reminder is recorded but not mailed to her.
  await graphqlAs(GIULIA, 'mutation($id: ID!) { remindAssignment(id: $id) { id } }', { id: second });
  await expect.poll(() => reminderHandled(second), { timeout: 30_000 }).toBe(true);
  const mailed = (await mailbox.to(SARA_MAIL)).filter((m) => /^Sollecito:/.test(m.subject ?? ''));
  expect(mailed).toHaveLength(1);
});

test('the office sends a Sollecita to a laggard comune from the Cruscotto', async ({
  page,
  loginAs,
  expectAccessible,
}) => {
  await loginAs(page, GIULIA);
  await page.goto('/cruscotto');
  const laggards = page.getByRole('table', { name: 'Comuni con il completamento più basso' });
  const first = laggards.getByRole('button', { name: /^Sollecita il Comune di / }).first();
  await first.click();
  await expect(laggards.getByText(/^Sollecitat[ae] \d+ attività\.$/)).toBeVisible();
  await expectAccessible(page, 'cruscotto-sollecito');
});
