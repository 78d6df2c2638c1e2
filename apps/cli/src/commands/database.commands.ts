import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppConfig, ensureDatabase } from '@rtd/kernel';
import { migrate, ownerDataSource } from '@rtd/platform';
import { DataSource } from 'typeorm';

export async function withOwner<T>(config: AppConfig, work: (owner: DataSource) => Promise<T>): Promise<T> {
  const owner = ownerDataSource(config, 'rtd-hub-cli');
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
 * Writes a migration with the SQL that would bring the database in line with the entities.
 * It is a starting point to review and complete by hand (row-level security policies,
 * grants and triggers are not modelled by entities).
 */
export async function generateMigration(
  config: AppConfig,
  name: string,
  migrationsDir: string,
): Promise<string | null> {
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    throw new Error('Il nome della migrazione usa minuscole, cifre e trattini');
  return withOwner(config, async (owner) => {
    const sql = await owner.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) return null;
    const timestamp = Date.now();
    const className = name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()) + timestamp;
    const quote = (query: string) => '`' + query.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const body = (queries: { query: string }[]) =>
      queries.map((q) => `    await q.query(${quote(q.query)});`).join('\n');
    const file = path.join(migrationsDir, `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${body(sql.upQueries)}
  }

  async down(q: QueryRunner): Promise<void> {
${body([...sql.downQueries].reverse())}
  }
}
`,
    );
    return file;
  });
}
