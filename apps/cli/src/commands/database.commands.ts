import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppConfig } from '@rtd/kernel';
import { ensureDatabase } from '../database-setup';
import { migrate, ownerDataSource } from '@rtd/platform';
import { ALL_MIGRATIONS } from '../../../../migrations';
import { DataSource } from 'typeorm';

export async function withOwner<T>(config: AppConfig, work: (owner: DataSource) => Promise<T>): Promise<T> {
  const owner = ownerDataSource(config, 'rtd-hub-cli', ALL_MIGRATIONS);
  await owner.initialize();
  try {
    return await work(owner);
  } finally {
    await owner.destroy();
  }
}

export async function setupDatabase(config: AppConfig): Promise<void> {
  await ensureDatabase({
    adminUrl: config.databaseAdminUrl,
    ownerUrl: config.databaseOwnerUrl,
    appUrl: config.databaseUrl,
  });
}

export async function runMigrations(config: AppConfig): Promise<string[]> {
  return withOwner(config, (owner) => migrate(owner, config));
}

export async function revertLastMigration(config: AppConfig): Promise<void> {
  await withOwner(config, (owner) => owner.undoLastMigration({ transaction: 'each' }));
}

/**
 * Writes an empty migration for hand-written SQL: the schema is defined by the migrations (policies,
 * triggers, constraints), not by the entities, which cover only some tables, so there is nothing to
 * generate from. Returns the file; the caller adds the class to migrations/index.ts.
 */
export function createMigration(name: string, migrationsDir: string, now = Date.now()): string {
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    throw new Error('Il nome della migrazione usa minuscole, cifre e trattini');
  const className = name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()) + now;
  const file = path.join(migrationsDir, `${now}-${name}.ts`);
  if (existsSync(file)) throw new Error(`Esiste già ${file}`);
  writeFileSync(
    file,
    `import { MigrationInterface, QueryRunner } from 'typeorm';

/** What this migration changes, and why. */
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`SELECT 1\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`SELECT 1\`);
  }
}
`,
  );
  return file;
}
