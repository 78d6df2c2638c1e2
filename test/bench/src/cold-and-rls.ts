import { DataSource, EntityManager } from 'typeorm';
import { AssignmentsRepository } from '@rtd/assignments';
import { ComplianceGroupBy, complianceSummarySql } from '@rtd/compliance';
import {
  applySettings,
  NamedStatement,
  namedStatement,
  SessionQueryRunner,
  SessionSettings,
  withDbSession,
} from '@rtd/kernel';
import { LoadOptions, loopLoad, Measure, round } from './measure';

/** A referent of the consortium with one assignment in progress: who writes in case A-cold. */
export interface ColdWriter {
  assignmentId: string;
  comuneId: string;
  fiscalCode: string;
  token: string;
  settings: SessionSettings;
  version: number;
  busy: boolean;
}

/** How one way of case A-cold reads the summary, and writes as a referent; false is an error. */
export interface ColdWay {
  read(): Promise<boolean>;
  write(writer: ColdWriter, progress: number): Promise<boolean>;
}

/** One write in every READS_PER_WRITE + 1 operations, so that the summary cache is always cold. */
export const READS_PER_WRITE = 10;

/**
 * Case A-cold: `connections` callers read the consortium summary, and every eleventh operation
 * is instead one referent's progress update of an assignment of that consortium (which bumps the
 * consortium's version: the next read cannot come from the cache). Returns the measure of all
 * operations together and how many writes were made.
 */
export async function coldSummaryLoad(
  way: ColdWay,
  writers: ColdWriter[],
  connections: number,
  load: Pick<LoadOptions, 'seconds' | 'warmupSeconds' | 'cpu'>,
): Promise<{ measure: Measure; writes: number; reads: number }> {
  let operation = 0;
  let next = 0;
  let writes = 0;
  let reads = 0;
  const measure = await loopLoad(
    async () => {
      const n = operation++;
      if (n % (READS_PER_WRITE + 1) === READS_PER_WRITE) {
        // The next referent not already writing (two writes of one assignment would conflict).
        for (let tried = 0; tried < writers.length; tried++) {
          const writer = writers[next++ % writers.length];
          if (writer.busy) continue;
          writer.busy = true;
          try {
            writes++;
            return await way.write(writer, 10 + (n % 80));
          } finally {
            writer.busy = false;
          }
        }
      }
      reads++;
      return way.read();
    },
    connections,
    load,
  );
  return { measure, writes, reads };
}

/** The update the API's updateAssignment makes, as one statement under the referent's settings. */
export async function sqlWrite(app: DataSource, writer: ColdWriter, progress: number): Promise<boolean> {
  return withDbSession(app, {}, async (session) => {
    const db = await session.manager();
    await applySettings(db, writer.settings);
    const result = await db.query(
      `UPDATE assignment SET progress = $3, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING version`,
      [writer.assignmentId, writer.version, progress],
    );
    const [row] = Array.isArray(result[0]) ? result[0] : result;
    if (!row) return false;
    writer.version = row.version;
    return true;
  });
}

const hundredths = (value: number) => Math.round(value * 100) / 100;

export interface RlsTaxRow {
  statement: string;
  caller: string;
  ownerMs: number;
  appMs: number;
  ratio: number;
  rows: number;
}

/**
 * A statement as a repository issues it: its SQL (or its named statement, queryPrepared) and
 * parameters, captured without a database (the runner of a session that never connects), to be
 * run the same way as the owner and as rtd_app.
 */
async function captured(
  owner: DataSource,
  issue: (db: EntityManager) => Promise<unknown>,
): Promise<[string | NamedStatement, unknown[]]> {
  let statement: [string | NamedStatement, unknown[]] | null = null;
  class Capturing extends SessionQueryRunner {
    override query(sql: string, params: unknown[] = []): ReturnType<SessionQueryRunner['query']> {
      statement ??= [sql, params];
      return Promise.resolve([]);
    }
    override queryNamed<T>(named: NamedStatement, params: unknown[]): Promise<T[]> {
      statement ??= [named, params];
      return Promise.resolve([]);
    }
  }
  await issue(new Capturing(owner, () => true).manager);
  if (!statement) throw new Error('no statement issued');
  return statement;
}

/** Runs a captured statement on `db`: named again when the repository ran it named. */
function runCaptured(
  db: EntityManager,
  [sql, params]: [string | NamedStatement, unknown[]],
): Promise<unknown[]> {
  if (typeof sql === 'string') return db.query(sql, params);
  const runner = db.queryRunner;
  if (!(runner instanceof SessionQueryRunner)) throw new Error('a named statement needs a session');
  return runner.queryNamed(namedStatement(sql.text), params);
}

/**
 * The RLS tax: each hot statement, as the API issues it, run `runs` times as rtd_app with the
 * caller's signed settings and as the tables' owner (no policies); the medians and their ratio.
 * A statement that finds no row fails the benchmark: it would measure nothing.
 */
export async function rlsTax(
  owner: DataSource,
  app: DataSource,
  callers: { rtd: SessionSettings; referent: SessionSettings },
  fixtures: { consortiumId: string; comuneId: string; assignmentId: string; referentComuni: string[] },
  runs: number,
): Promise<RlsTaxRow[]> {
  const repository = new AssignmentsRepository();
  const statements: {
    statement: string;
    caller: 'rtd' | 'referent';
    sql: [string | NamedStatement, unknown[]];
  }[] = [
    {
      statement: 'summary of a consortium, groupBy COMUNE',
      caller: 'rtd',
      sql: [
        complianceSummarySql(ComplianceGroupBy.COMUNE, { scope: 'consortium', objective: false }),
        [fixtures.consortiumId],
      ],
    },
    {
      statement: 'worklist of a comune (100 rows, objectives, lines, evidence, total)',
      caller: 'referent',
      sql: await captured(owner, (db) =>
        repository.page(db, {
          consortiumId: null,
          comuneId: fixtures.comuneId,
          objectiveId: null,
          statuses: null,
          overdue: null,
          fullConsortia: [],
          comuni: fixtures.referentComuni,
          delegateComuni: [],
          personId: null,
          limit: 101,
          after: null,
          countTotal: true,
        }),
      ),
    },
    {
      statement: 'assignment by id',
      caller: 'referent',
      sql: await captured(owner, (db) => repository.byIds(db, [fixtures.assignmentId])),
    },
    {
      statement: 'history of an assignment',
      caller: 'referent',
      sql: await captured(owner, (db) => repository.historyOf(db, [fixtures.assignmentId])),
    },
  ];
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const rows: RlsTaxRow[] = [];
  for (const s of statements) {
    // The owner's side through a session's runner too (no transaction, no settings), so that a
    // named statement is named on both sides.
    const asOwner = async () => {
      const runner = new SessionQueryRunner(owner, () => true);
      try {
        const started = performance.now();
        const found = await runCaptured(runner.manager, s.sql);
        return { ms: performance.now() - started, rows: found.length };
      } finally {
        await runner.release();
      }
    };
    const asApp = () =>
      withDbSession(app, {}, async (session) => {
        const db = await session.manager();
        await applySettings(db, callers[s.caller]);
        const started = performance.now();
        const found = await runCaptured(db, s.sql);
        return { ms: performance.now() - started, rows: found.length };
      });
    const ownerTimes: number[] = [];
    const appTimes: number[] = [];
    let appRows = 0;
    let ownerRows = 0;
    // Warm both (plans, buffers; a prepared statement keeps its generic plan from its sixth run
    // on a connection), then alternate, so that neither side gets the quieter moments.
    for (let i = 0; i < 6; i++) await Promise.all([asOwner(), asApp()]);
    for (let i = 0; i < runs; i++) {
      const o = await asOwner();
      const a = await asApp();
      ownerTimes.push(o.ms);
      appTimes.push(a.ms);
      ownerRows = o.rows;
      appRows = a.rows;
    }
    if (appRows === 0 || ownerRows === 0)
      throw new Error(`RLS tax, «${s.statement}»: no row (rtd_app ${appRows}, owner ${ownerRows})`);
    const ownerMs = median(ownerTimes);
    const appMs = median(appTimes);
    rows.push({
      statement: s.statement,
      caller: s.caller === 'rtd' ? 'RTD' : 'referent',
      ownerMs: hundredths(ownerMs),
      appMs: hundredths(appMs),
      ratio: round(appMs / Math.max(ownerMs, 0.01)),
      rows: appRows,
    });
  }
  return rows;
}
