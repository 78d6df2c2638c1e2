import { EntityManager } from 'typeorm';
import { NamedStatement, statementText } from '@rtd/kernel';

/**
 * The SQL a repository method sends, captured without a database: the method itself runs, each
 * query answers `rows` (one row with `total: 0` by default, enough for the methods the plan tests read).
 */
export async function capturedStatements(
  run: (db: EntityManager) => Promise<unknown>,
  rows: unknown[] = [{ total: 0 }],
): Promise<{ sql: string; params: unknown[] }[]> {
  const statements: { sql: string; params: unknown[] }[] = [];
  const db = {
    query: async (sql: string | NamedStatement, params: unknown[] = []) => {
      statements.push({ sql: statementText(sql), params });
      return rows;
    },
  } as unknown as EntityManager;
  await run(db);
  return statements;
}
