import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NamedStatement, SessionQueryRunner } from './session-query-runner';

export type { NamedStatement } from './session-query-runner';

/**
 * Runs `sql` as a named prepared statement of the connection, named after a hash of its text:
 * PostgreSQL parses and plans it once per connection and, after five runs, keeps a generic plan
 * when it costs no more than planning each time. For a hot statement whose planning under the
 * row-level security policies costs as much as a good part of its run (the worklist, bench case
 * C: about 1.6 of 5.3 ms). The text must not vary with the values: parameters only, or each
 * variant becomes a statement of its own on every connection.
 *
 * A request's or a job's manager (a DbSession's) runs it named; any other manager (the owner's in
 * a command, a test's stand-in) runs the same text as a plain statement.
 */
export function queryPrepared<T>(db: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const runner = db.queryRunner;
  if (runner instanceof SessionQueryRunner) return runner.queryNamed<T>(namedStatement(sql), params);
  return db.query(sql, params);
}

/** The statement's name: the same text always has the same name, on every connection. */
export function namedStatement(sql: string): NamedStatement {
  return { name: `rtd_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`, text: sql };
}

/** The SQL text of a statement: a text, or a named statement's. */
export function statementText(query: string | NamedStatement): string {
  return typeof query === 'string' ? query : query.text;
}
