import type { RlsTaxRow } from './cold-and-rls';
import { Measure, round } from './measure';

/**
 * docs/benchmarks.md from a run's report (docs/benchmarks.json): only what the run measured and
 * how it ran. Why a target is missed belongs in a hand-written, dated analysis, not here.
 */
export type Way = 'api' | 'postgraphile' | 'floor';
export interface CaseResult {
  id: string;
  /** The load level (concurrent callers); absent for D and in reports written before levels. */
  connections?: number;
  title: string;
  ways: Partial<Record<Way, Measure>>;
  extra?: Record<string, number | string>;
}

export interface LoadLevel {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface Report {
  date: string;
  quick: boolean;
  machine: { cores: number; cpu?: string; memoryGb: number };
  /** The first (throughput) level's connections and load, as in reports written before levels. */
  connections: number;
  /** The run's settings that are not measurements: database connections per way, reads per write in A-cold. */
  method: { pool: number; readsPerWrite: number };
  load: { seconds: number; warmupSeconds: number };
  /** Every load level, the first one first; absent from reports written before levels. */
  levels?: LoadLevel[];
  data: { assignments: number; consortia: number; statusEvents: number };
  apiPeakRssMb: number;
  results: CaseResult[];
  /** Absent from reports written before the case existed. */
  rlsTax?: RlsTaxRow[];
}

const WAYS: [Way, string][] = [
  ['api', 'this API'],
  ['postgraphile', 'PostGraphile 5'],
  ['floor', 'raw SQL floor'],
];

/**
 * Issue 28's targets. Throughput at the first level (50 connections): C at least 1.2x PostGraphile
 * and within 2x of the floor (at least 0.5x its requests/s), A-cold at least 1.2x PostGraphile, E at
 * least 0.8x the floor. Latency at 10 connections: p99 under 50 ms for A, B, C, A-cold and E.
 */
const THROUGHPUT: { id: string; pg?: number; floor?: number }[] = [
  { id: 'C', pg: 1.2, floor: 0.5 },
  { id: 'A-cold', pg: 1.2 },
  { id: 'E', floor: 0.8 },
];
const LATENCY = { connections: 10, p99Ms: 50, cases: ['A', 'B', 'C', 'A-cold', 'E'] };

function targets(report: Report, levels: LoadLevel[]): string[] {
  const lines: string[] = [];
  const at = (id: string, connections: number) =>
    report.results.find((r) => r.id === id && levelOf(report, r) === connections);
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const times = (a: number, b: number) => (b > 0 ? `${round(a / b)}×` : '–');
  for (const target of THROUGHPUT) {
    const c = at(target.id, levels[0].connections);
    const api = c?.ways.api;
    if (!c || !api) continue;
    const checks: string[] = [];
    const pg = c.ways.postgraphile;
    const floor = c.ways.floor;
    if (target.pg && pg)
      checks.push(
        `${met(api.rps >= target.pg * pg.rps)}: at least ${target.pg}× PostGraphile's requests/s (${api.rps} vs ${pg.rps}: ${times(api.rps, pg.rps)})`,
      );
    if (target.floor && floor)
      checks.push(
        `${met(api.rps >= target.floor * floor.rps)}: at least ${target.floor}× the floor's requests/s (${api.rps} vs ${floor.rps}: ${times(api.rps, floor.rps)})`,
      );
    lines.push(`- ${c.id} at ${levels[0].connections} connections: ${checks.join('; ')}`);
  }
  for (const id of LATENCY.cases) {
    const api = at(id, LATENCY.connections)?.ways.api;
    if (api)
      lines.push(
        `- ${id} at ${LATENCY.connections} connections: ${met(api.p99 < LATENCY.p99Ms)}: API p99 under ${LATENCY.p99Ms} ms (${api.p99} ms)`,
      );
  }
  for (const r of report.rlsTax ?? [])
    lines.push(`- RLS tax, ${r.statement}: ${met(r.ratio < 2)}: under 2× (${r.ratio}×)`);
  lines.push(`- RSS: ${met(report.apiPeakRssMb < 300)}: API peak under 300 MB (${report.apiPeakRssMb} MB)`);
  return lines;
}

const cell = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value);
const levelOf = (report: Report, c: CaseResult) =>
  c.connections ?? (c.id === 'D' ? null : report.connections);

export function markdown(report: Report): string {
  const levels = report.levels ?? [{ connections: report.connections, ...report.load }];
  const row = (c: CaseResult, way: Way, label: string) => {
    const m = c.ways[way];
    const head = `| ${c.id} | ${cell(levelOf(report, c))} | ${label} |`;
    if (!m) return `${head} – | – | – | – | – | – |`;
    return `${head} ${m.p50} | ${m.p99} | ${m.rps} | ${m.errors} | ${cell(m.cpu?.server)} | ${cell(m.cpu?.postgres)} |`;
  };
  const lines = [
    '# Benchmarks',
    '',
    `Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC${report.quick ? ' (**quick run**: short durations, figures indicative only)' : ''}, on this machine: ${report.machine.cores} cores (${report.machine.cpu ?? 'cpu n/d'}), ${report.machine.memoryGb} GB.`,
    `Data: ${report.data.assignments.toLocaleString('en')} assignments in ${report.data.consortia} consortia, ${report.data.statusEvents.toLocaleString('en')} status events (\`npm run bench:seed\`).`,
    `Load: autocannon on loopback, ${levels.map((l) => `${l.connections} connections for ${l.seconds} s per case and way after ${l.warmupSeconds} s of warm-up (excluded)`).join(', then ')}. The raw SQL floor runs the same SQL with pg, as many callers at a time as connections, each in a transaction with the caller's RLS settings. The API, PostGraphile and the floor each get a pool of ${report.method.pool} database connections (PostgreSQL's 100 are shared by all three and the worker).`,
    "CPU ms per request: the CPU time (user + system) spent over the measured seconds, divided by the requests completed in them, of the way's server process (the API's or PostGraphile's node process; for the raw SQL floor, the bench's own process: the pg client and the loop that calls it) and of all PostgreSQL processes (from /proc/<pid>/stat).",
    `API peak RSS during the run: **${report.apiPeakRssMb} MB**.`,
    '',
    '| case | connections | way | p50 ms | p99 ms | requests/s | errors | server CPU ms/req | PostgreSQL CPU ms/req |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const c of report.results) lines.push(...WAYS.map(([way, label]) => row(c, way, label)));
  lines.push(
    '',
    '| case | connections | API / PostGraphile (req/s) | API / floor (req/s) |',
    '| --- | ---: | ---: | ---: |',
  );
  for (const c of report.results) {
    const ratio = (way: Way) => {
      const other = c.ways[way]?.rps;
      return c.ways.api && other ? `${round(c.ways.api.rps / other)}×` : '–';
    };
    lines.push(`| ${c.id} | ${cell(levelOf(report, c))} | ${ratio('postgraphile')} | ${ratio('floor')} |`);
  }
  if (report.rlsTax?.length) {
    lines.push(
      '',
      '## The row-level-security tax',
      '',
      "Each hot statement as the API issues it (the worklist and the assignment by id as the prepared statements the API runs, on both sides), run one at a time as `rtd_app` with the caller's signed settings and as the tables' owner (no policies): medians, in ms.",
      '',
      '| statement | caller | owner ms | rtd_app ms | ratio | rows |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      ...report.rlsTax.map(
        (r) => `| ${r.statement} | ${r.caller} | ${r.ownerMs} | ${r.appMs} | ${r.ratio}× | ${r.rows} |`,
      ),
    );
  }
  lines.push('', '## Cases', '');
  for (const c of report.results) {
    lines.push(
      `- **${c.id}**${c.connections ? ` (${c.connections} connections)` : ''}: ${c.title}${
        c.extra
          ? ` — ${Object.entries(c.extra)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`
          : ''
      }`,
    );
  }
  lines.push('', '## Targets', '', ...targets(report, levels));
  const d = report.results.find((r) => r.id === 'D');
  if (d?.ways.api)
    lines.push(
      `- D: ${d.ways.api.seconds <= 5 ? 'met' : 'MISSED'}: under 5 s for 7,904 municipalities (${d.ways.api.seconds} s, ${d.extra?.assignmentsPerSecond} assignments/s)`,
    );
  const e = report.results.find((r) => r.id === 'E' && r.extra?.conflicts !== undefined);
  if (e)
    lines.push(
      `- E: ${e.extra?.conflicts === 0 ? 'met' : 'MISSED'}: no CONFLICT without a true race (${e.extra?.conflicts} conflicts)`,
    );
  lines.push(
    '',
    '## Method',
    '',
    `- A-cold writes once every ${report.method.readsPerWrite + 1} operations (a referent's progress update of the consortium: through the API for the API way, the same UPDATE under the referent's settings for PostGraphile and the floor); each write bumps the consortium's version, so the API's next summary is computed, not cached. Its rows count reads and writes together.`,
    '- Why a target is missed is not written here: this file holds only what its run measured. Analyses of a run are hand-written, dated documents in docs/ (benchmarks-analysis-<date>.md), each naming the run it discusses.',
    '',
    "PostGraphile serves cases A and B through `bench.compliance_summary`, a function that runs the API's own summary SQL, and case C through its generated relations; it has no background fan-out (D) and no reporting workflow (E: history, audit, state machine), so those rows compare the API with the floor only.",
    '',
  );
  return lines.join('\n');
}
