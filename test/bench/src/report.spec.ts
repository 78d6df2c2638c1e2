import { readFileSync } from 'node:fs';
import path from 'node:path';
import { markdown, Report } from './report';

/** The last committed run (any report of this shape would do). */
function committedReport(): Report {
  const root = path.resolve(__dirname, '../../../..');
  return JSON.parse(readFileSync(path.join(root, 'docs/benchmarks.json'), 'utf8')) as Report;
}

/**
 * The same report with every number changed, each by its own factor (so ratios change too): what
 * another run would have measured.
 */
function otherRun<T>(value: T): T {
  let n = 0;
  const change = (v: unknown): unknown => {
    if (typeof v === 'number') return v * (2 + (n++ % 7)) + n;
    if (Array.isArray(v)) return v.map(change);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, change(x)]));
    return v;
  };
  return change(value) as T;
}

/** Table headers and rules hold column names ("p50 ms"), not figures; "PostGraphile 5" is a name. */
const isTableHead = (line: string) => /^\| (case|statement) \|/.test(line) || /^\| ---/.test(line);
const hasFigure = (line: string) => /\d/.test(line.replaceAll('PostGraphile 5', ''));

describe('the benchmark report (docs/benchmarks.md)', () => {
  const report = committedReport();

  it("shows the run's own figures", () => {
    const text = markdown(report);
    expect(text).toContain(`**${report.apiPeakRssMb} MB**`);
    for (const c of report.results)
      for (const m of Object.values(c.ways)) expect(text).toContain(`| ${m!.p50} | ${m!.p99} | ${m!.rps} |`);
  });

  it('states no figure that does not come from the run: every line with a number changes with the run', () => {
    const one = markdown(report).split('\n');
    const two = markdown(otherRun(report)).split('\n');
    expect(two).toHaveLength(one.length);
    const fixed = one.filter((line, i) => hasFigure(line) && !isTableHead(line) && line === two[i]);
    expect(fixed).toEqual([]);
  });
});
