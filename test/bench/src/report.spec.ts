import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Measure } from './measure';
import { CaseResult, markdown, Report } from './report';

/** The last committed run (any report of this shape would do). */
function committedReport(): Report {
  const root = path.resolve(__dirname, '../../../..');
  return JSON.parse(readFileSync(path.join(root, 'docs/benchmarks.json'), 'utf8')) as Report;
}

const LEVELED = new Set(['A', 'B', 'C', 'A-cold', 'E']);

/**
 * The committed run as a run with two load levels and CPU per request would report it: each case
 * of A, B, C, A-cold and E at 50 and at 10 connections, every measure with its CPU figures (the
 * floor's server CPU unknown in one of them, as a run without /proc would leave it).
 */
function leveledReport(): Report {
  const report = committedReport();
  let n = 0;
  const withCpu = (m: Measure): Measure => ({
    ...m,
    cpu: { server: n++ % 5 ? 0.5 + n : null, postgres: 1 + n },
  });
  const results: CaseResult[] = report.results.flatMap((c) => {
    const ways = (factor: number) =>
      Object.fromEntries(Object.entries(c.ways).map(([w, m]) => [w, withCpu({ ...m, rps: m.rps * factor })]));
    return LEVELED.has(c.id)
      ? [
          { ...c, connections: 50, ways: ways(1) },
          { ...c, connections: 10, ways: ways(0.5) },
        ]
      : [{ ...c, ways: ways(1) }];
  });
  return {
    ...report,
    connections: 50,
    levels: [
      { connections: 50, seconds: 20, warmupSeconds: 5 },
      { connections: 10, seconds: 10, warmupSeconds: 3 },
    ],
    results,
  };
}

/**
 * The same report with every number changed, each by its own factor (so ratios change too): what
 * another run would have measured. The load levels' connections are settings, the same in both.
 */
function otherRun<T>(value: T): T {
  let n = 0;
  const change = (v: unknown): unknown => {
    if (typeof v === 'number') return v * (2 + (n++ % 11)) + n;
    if (Array.isArray(v)) return v.map(change);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'connections' ? x : change(x)]));
    return v;
  };
  return change(value) as T;
}

/**
 * Table headers and rules hold column names ("p50 ms"), not figures; "PostGraphile 5" is a name; a
 * row's load level (its connections) is a setting of the run, not a figure it measured.
 */
const isTableHead = (line: string) => /^\| (case|statement) \|/.test(line) || /^\| ---/.test(line);
const hasFigure = (line: string) =>
  /\d/.test(line.replace(/^\| [\w-]+ \| (\d+|–) \|/, '').replaceAll('PostGraphile 5', ''));

const measure = (rps: number, p99: number): Measure => ({
  requests: rps * 10,
  errors: 0,
  rps,
  p50: p99 / 2,
  p99,
  seconds: 10,
  cpu: { server: 1.5, postgres: 2.5 },
});

/** A run built to sit on either side of each of issue 28's targets. */
function targetsReport(): Report {
  const at = (id: string, connections: number, ways: CaseResult['ways']): CaseResult => ({
    id,
    connections,
    title: id,
    ways,
  });
  return {
    ...committedReport(),
    connections: 50,
    levels: [
      { connections: 50, seconds: 20, warmupSeconds: 5 },
      { connections: 10, seconds: 10, warmupSeconds: 3 },
    ],
    apiPeakRssMb: 299.5,
    rlsTax: [],
    results: [
      // C: 1.2x PostGraphile met, 0.49x the floor missed.
      at('C', 50, { api: measure(120, 200), postgraphile: measure(100, 90), floor: measure(245, 80) }),
      at('C', 10, { api: measure(100, 49.9), postgraphile: measure(90, 20), floor: measure(200, 10) }),
      // A-cold: 1.19x PostGraphile missed.
      at('A-cold', 50, { api: measure(119, 90), postgraphile: measure(100, 90), floor: measure(300, 50) }),
      at('A-cold', 10, { api: measure(100, 50), postgraphile: measure(90, 20), floor: measure(200, 10) }),
      // E: 0.8x the floor met.
      at('E', 50, { api: measure(80, 90), floor: measure(100, 50) }),
    ],
  };
}

describe('the benchmark report (docs/benchmarks.md)', () => {
  it("shows the run's own figures", () => {
    const report = leveledReport();
    const text = markdown(report);
    expect(text).toContain(`**${report.apiPeakRssMb} MB**`);
    for (const c of report.results)
      for (const m of Object.values(c.ways))
        expect(text).toContain(
          `| ${m!.p50} | ${m!.p99} | ${m!.rps} | ${m!.errors} | ${m!.cpu!.server ?? '–'} | ${m!.cpu!.postgres} |`,
        );
  });

  it('shows each case at both load levels, and their ratios per level', () => {
    const text = markdown(leveledReport());
    for (const id of LEVELED)
      for (const connections of [50, 10]) {
        expect(text).toContain(`| ${id} | ${connections} | this API |`);
        expect(text).toMatch(new RegExp(`\\| ${id} \\| ${connections} \\| [\\d.–]+×? \\| [\\d.–]+×? \\|`));
      }
    expect(text).toContain('| D | – | this API |');
    expect(text).toContain('50 connections for 20 s per case and way after 5 s of warm-up');
    expect(text).toContain('10 connections for 10 s per case and way after 3 s of warm-up');
  });

  it("checks issue 28's targets against the run", () => {
    const text = markdown(targetsReport());
    expect(text).toContain(
      "- C at 50 connections: met: at least 1.2× PostGraphile's requests/s (120 vs 100: 1.2×); MISSED: at least 0.5× the floor's requests/s (120 vs 245: 0.5×)",
    );
    expect(text).toContain("- A-cold at 50 connections: MISSED: at least 1.2× PostGraphile's requests/s");
    expect(text).toContain(
      "- E at 50 connections: met: at least 0.8× the floor's requests/s (80 vs 100: 0.8×)",
    );
    expect(text).toContain('- C at 10 connections: met: API p99 under 50 ms (49.9 ms)');
    expect(text).toContain('- A-cold at 10 connections: MISSED: API p99 under 50 ms (50 ms)');
    // Only the 10-connection level is held to the latency target.
    expect(text).not.toContain('- C at 50 connections: met: API p99');
    expect(text).not.toContain('- C at 50 connections: MISSED: API p99');
    expect(text).toContain('- RSS: met: API peak under 300 MB (299.5 MB)');
  });

  it('shows no ratio and no CPU per request for a way that completed no request in its window', () => {
    const report = targetsReport();
    const idle: Measure = { ...measure(0, 0), requests: 0, cpu: { server: null, postgres: null } };
    report.results = [
      {
        id: 'A',
        connections: 50,
        title: 'A',
        ways: { api: measure(100, 90), postgraphile: idle, floor: idle },
      },
    ];
    const text = markdown(report);
    expect(text).toContain('| A | 50 | PostGraphile 5 | 0 | 0 | 0 | 0 | – | – |');
    expect(text).toContain('| A | 50 | – | – |');
    expect(text).not.toContain('Infinity');
  });

  it('still renders a report written before load levels and CPU were measured', () => {
    const report = committedReport();
    const text = markdown(report);
    for (const c of report.results)
      for (const m of Object.values(c.ways)) expect(text).toContain(`| ${m!.p50} | ${m!.p99} | ${m!.rps} |`);
  });

  it('states no figure that does not come from the run: every line with a number changes with the run', () => {
    for (const report of [leveledReport(), committedReport()]) {
      const one = markdown(report).split('\n');
      const two = markdown(otherRun(report)).split('\n');
      expect(two).toHaveLength(one.length);
      const fixed = one.filter((line, i) => hasFigure(line) && !isTableHead(line) && line === two[i]);
      expect(fixed).toEqual([]);
    }
  });
});
