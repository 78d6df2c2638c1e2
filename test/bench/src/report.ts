import type { RlsTaxRow } from './cold-and-rls';
import { Measure, round } from './measure';

/**
 * docs/benchmarks.md from a run's report (docs/benchmarks.json): only what the run measured and
 * how it ran. Why a target is missed belongs in a hand-written, dated analysis, not here.
 */
export type Way = 'api' | 'postgraphile' | 'floor';
export interface CaseResult {
  id: string;
  title: string;
  ways: Partial<Record<Way, Measure>>;
  extra?: Record<string, number | string>;
}

export interface Report {
  date: string;
  quick: boolean;
  machine: { cores: number; cpu?: string; memoryGb: number };
  connections: number;
  /** The run's settings that are not measurements: database connections per way, reads per write in A-cold. */
  method: { pool: number; readsPerWrite: number };
  load: { seconds: number; warmupSeconds: number };
  data: { assignments: number; consortia: number; statusEvents: number };
  apiPeakRssMb: number;
  results: CaseResult[];
  /** Absent from reports written before the case existed. */
  rlsTax?: RlsTaxRow[];
}

const TARGET_P99: Record<string, number> = { A: 50, B: 150, C: 150 };

export function markdown(report: Report): string {
  const row = (c: CaseResult, way: Way, label: string) => {
    const m = c.ways[way];
    if (!m) return `| ${c.id} | ${label} | – | – | – | – |`;
    return `| ${c.id} | ${label} | ${m.p50} | ${m.p99} | ${m.rps} | ${m.errors} |`;
  };
  const lines = [
    '# Benchmarks',
    '',
    `Run of ${report.date.slice(0, 16).replace('T', ' ')} UTC${report.quick ? ' (**quick run**: short durations, figures indicative only)' : ''}, on this machine: ${report.machine.cores} cores (${report.machine.cpu ?? 'cpu n/d'}), ${report.machine.memoryGb} GB.`,
    `Data: ${report.data.assignments.toLocaleString('en')} assignments in ${report.data.consortia} consortia, ${report.data.statusEvents.toLocaleString('en')} status events (\`npm run bench:seed\`).`,
    `Load: autocannon on loopback, ${report.connections} connections, ${report.load.seconds} s per case and way after ${report.load.warmupSeconds} s of warm-up (excluded). The raw SQL floor runs the same SQL with pg, ${report.connections} callers at a time, each in a transaction with the caller's RLS settings. The API, PostGraphile and the floor each get a pool of ${report.method.pool} database connections (PostgreSQL's 100 are shared by all three and the worker).`,
    `API peak RSS during the run: **${report.apiPeakRssMb} MB**.`,
    '',
    '| case | way | p50 ms | p99 ms | requests/s | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const c of report.results) {
    lines.push(
      row(c, 'api', 'this API'),
      row(c, 'postgraphile', 'PostGraphile 5'),
      row(c, 'floor', 'raw SQL floor'),
    );
  }
  lines.push('', '| case | API / PostGraphile (req/s) | API / floor (req/s) |', '| --- | ---: | ---: |');
  for (const c of report.results) {
    const ratio = (way: Way) =>
      c.ways.api && c.ways[way] ? `${round(c.ways.api.rps / c.ways[way]!.rps)}×` : '–';
    lines.push(`| ${c.id} | ${ratio('postgraphile')} | ${ratio('floor')} |`);
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
      `- **${c.id}**: ${c.title}${
        c.extra
          ? ` — ${Object.entries(c.extra)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`
          : ''
      }`,
    );
  }
  lines.push('', '## Targets', '');
  // Issue 14's targets: A-cold at least 20x PostGraphile and within 2x of the floor; C at least
  // 2x PostGraphile and within 1.5x of the floor; E within 2x of the floor.
  const RPS_TARGETS: Record<string, { pg: number; floor: number }> = {
    A: { pg: 1, floor: 3 },
    B: { pg: 1, floor: 3 },
    C: { pg: 2, floor: 1.5 },
    'A-cold': { pg: 20, floor: 2 },
    E: { pg: 0, floor: 2 },
  };
  for (const c of report.results.filter((r) => r.id in RPS_TARGETS && r.ways.api)) {
    const api = c.ways.api!;
    const pg = c.ways.postgraphile;
    const floor = c.ways.floor;
    const target = RPS_TARGETS[c.id];
    const checks = [
      pg && target.pg
        ? `${api.rps >= pg.rps * target.pg ? 'met' : 'MISSED'}: at least ${target.pg === 1 ? '' : `${target.pg}× `}PostGraphile's requests/s (${api.rps} vs ${pg.rps})`
        : null,
      floor
        ? `${api.rps * target.floor >= floor.rps ? 'met' : 'MISSED'}: within ${target.floor}× of the floor (${api.rps} vs ${floor.rps})`
        : null,
      c.id in TARGET_P99
        ? `${api.p99 <= TARGET_P99[c.id] ? 'met' : 'MISSED'}: p99 under ${TARGET_P99[c.id]} ms (${api.p99} ms)`
        : null,
    ].filter(Boolean);
    lines.push(`- ${c.id}: ${checks.join('; ')}`);
  }
  const summary = report.rlsTax?.find((r) => r.statement.startsWith('summary'));
  if (summary)
    lines.push(
      `- A-cold: ${summary.appMs < 10 ? 'met' : 'MISSED'}: a single cold consortium summary under 10 ms (its statement as rtd_app, ${summary.appMs} ms)`,
    );
  for (const r of report.rlsTax ?? [])
    lines.push(`- RLS tax, ${r.statement}: ${r.ratio < 2 ? 'met' : 'MISSED'}: under 2× (${r.ratio}×)`);
  const d = report.results.find((r) => r.id === 'D');
  if (d?.ways.api)
    lines.push(
      `- D: ${d.ways.api.seconds <= 5 ? 'met' : 'MISSED'}: under 5 s for 7,904 municipalities (${d.ways.api.seconds} s, ${d.extra?.assignmentsPerSecond} assignments/s)`,
    );
  const e = report.results.find((r) => r.id === 'E');
  if (e)
    lines.push(
      `- E: ${e.extra?.conflicts === 0 ? 'met' : 'MISSED'}: no CONFLICT without a true race (${e.extra?.conflicts} conflicts)`,
    );
  lines.push(
    `- RSS: ${report.apiPeakRssMb < 300 ? 'met' : 'MISSED'}: API peak under 300 MB (${report.apiPeakRssMb} MB)`,
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
