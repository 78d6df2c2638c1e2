import { connectAdmin, dropDatabase } from '../../apps/cli/src/database-setup';
import { configFor, TEMPLATE_ENV } from './test-database';

/** Drops the template and every per-file clone of this run, even those a crashed file left behind. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { rtdTestIdp?: { close(): Promise<void> } }).rtdTestIdp?.close();
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  const prefix = template.replace(/_tmpl$/, '');
  const config = configFor(template);
  const admin = await connectAdmin(config.databaseAdminUrl);
  let names: string[];
  try {
    const rows = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname = $2`,
      [`${prefix}%`, template],
    );
    names = rows.rows.map((row) => row.datname);
  } finally {
    await admin.end();
  }
  for (const name of names) await dropDatabase(config.databaseAdminUrl, name);
}
