import { Client } from 'pg';
import { databaseName, withDatabase } from '@rtd/kernel';
import { POSTGRES_HINT, ServiceUnavailableError } from '@rtd/platform';

/*
 * Database and role creation, for `db:setup`, the test template and the benchmark: the product's
 * processes only connect (see docs/database.md).
 */

/** The role names the migrations grant to. Login users may differ; they are made members. */
export const OWNER_ROLE = 'rtd_owner';
export const APP_ROLE = 'rtd_app';

export async function connectAdmin(adminUrl: string): Promise<Client> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new ServiceUnavailableError('PostgreSQL', adminUrl, POSTGRES_HINT, error);
  }
  return client;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function ensureRole(admin: Client, role: string, attributes: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount === 0) await admin.query(`CREATE ROLE ${quoteIdent(role)} ${attributes}`);
  else await admin.query(`ALTER ROLE ${quoteIdent(role)} ${attributes}`);
}

/** The owner role (runs migrations, owns every table) and the application role (owns nothing, no BYPASSRLS). */
async function ensureRoles(admin: Client, ownerUser: string, appUser: string): Promise<void> {
  await ensureRole(admin, OWNER_ROLE, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE');
  await ensureRole(admin, APP_ROLE, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB');
  if (ownerUser !== OWNER_ROLE) {
    await ensureRole(admin, ownerUser, 'LOGIN NOSUPERUSER NOBYPASSRLS');
    await admin.query(`GRANT ${OWNER_ROLE} TO ${quoteIdent(ownerUser)}`);
  }
  if (appUser !== APP_ROLE) {
    await ensureRole(admin, appUser, 'LOGIN NOSUPERUSER NOBYPASSRLS');
    await admin.query(`GRANT ${APP_ROLE} TO ${quoteIdent(appUser)}`);
  }
}

export interface DatabaseUrls {
  adminUrl: string;
  ownerUrl: string;
  appUrl: string;
}

/**
 * Creates what the product needs and a fresh PostgreSQL lacks: the owner role (runs
 * migrations, owns every table), the application role (owns nothing, cannot bypass
 * row-level security), the database and its extensions. Safe to run again.
 */
export async function ensureDatabase(urls: DatabaseUrls, options: { template?: string } = {}): Promise<void> {
  const database = databaseName(urls.appUrl);
  const ownerUser = decodeURIComponent(new URL(urls.ownerUrl).username);
  const appUser = decodeURIComponent(new URL(urls.appUrl).username);
  const admin = await connectAdmin(urls.adminUrl);
  try {
    // A clone of a template reuses the roles the template was made with (and concurrent clones
    // must not ALTER the same role at once).
    if (!options.template) await ensureRoles(admin, ownerUser, appUser);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      const template = options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : '';
      await admin.query(`CREATE DATABASE ${quoteIdent(database)} OWNER ${OWNER_ROLE}${template}`);
      // A clone does not inherit the template's database grants: rtd_app gets no TEMPORARY, as
      // the migrations leave it (migrations/1764000285000-verified-context-once.ts).
      if (options.template) {
        await admin.query(`REVOKE TEMPORARY ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
      }
    }
  } finally {
    await admin.end();
  }
  if (options.template) return;
  const inDatabase = await connectAdmin(withDatabase(urls.adminUrl, database));
  try {
    // Extensions need a superuser; the owner only runs migrations.
    await inDatabase.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    // hmac(): the signature of the row-level security settings (db-context.ts).
    await inDatabase.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await inDatabase.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await inDatabase.query(`GRANT ALL ON SCHEMA public TO ${OWNER_ROLE}`);
    await inDatabase.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  } finally {
    await inDatabase.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = await connectAdmin(adminUrl);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
