/*
 * The drill's figures and its report: pure functions of what the run recorded, so that they are
 * unit-tested (drill-report.spec.ts) apart from the processes and databases the run needs.
 */

/** What the load generator does, one kind per line of the report. */
export type RequestKind = 'write' | 'own-read' | 'office' | 'portal' | 'publish';

export const KIND_LABELS: Record<RequestKind, string> = {
  write: 'referents writing (updateAssignment)',
  'own-read': 'referents reading their own write back (assignment)',
  office: 'offices reading summaries (complianceSummary of a consortium)',
  portal: 'portals reading regional aggregates (complianceSummary of a region, on the standby)',
  publish: 'the publish of an objective (create, publish, poll pushRun)',
};

/** One request: when it started and ended (ms since the load began) and how it ended. */
export interface RequestRecord {
  kind: RequestKind;
  start: number;
  end: number;
  /** ok: answered with data; conflict: a CONFLICT answer (a stale version after an unacknowledged write); failed: anything else. */
  outcome: 'ok' | 'conflict' | 'failed';
  /** For failures: the HTTP status, the network error or the GraphQL error code. */
  reason?: string;
}

/** The moments the drill killed and restarted processes, in ms since the load began. */
export interface KillWindow {
  killedAt: number;
  restartedAt: number;
  /** When the restarted API passed HAProxy's health check again (null if it never did). */
  apiBackAt: number | null;
}

/** The nearest-rank percentile of already sorted values (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface KindSummary {
  kind: RequestKind;
  served: number;
  conflicts: number;
  failed: number;
  /** Failures of requests that were in flight when the processes were killed. */
  failedInFlightAtKill: number;
  p50: number;
  p99: number;
  mean: number;
  reasons: Record<string, number>;
}

/**
 * A request was in flight on the killed process if it started before the kill (or within a margin
 * after it: the time the kernel and HAProxy take to see the process gone) and ended after it.
 */
export function inFlightAtKill(record: RequestRecord, kill: KillWindow, marginMs = 1000): boolean {
  return record.start <= kill.killedAt + marginMs && record.end >= kill.killedAt;
}

export function summarise(records: readonly RequestRecord[], kill: KillWindow): KindSummary[] {
  const kinds = [...new Set(records.map((r) => r.kind))];
  return kinds.map((kind) => {
    const mine = records.filter((r) => r.kind === kind);
    const durations = mine
      .filter((r) => r.outcome !== 'failed')
      .map((r) => r.end - r.start)
      .sort((a, b) => a - b);
    const failed = mine.filter((r) => r.outcome === 'failed');
    const reasons: Record<string, number> = {};
    for (const r of failed) reasons[r.reason ?? '?'] = (reasons[r.reason ?? '?'] ?? 0) + 1;
    return {
      kind,
      served: mine.length - failed.length,
      conflicts: mine.filter((r) => r.outcome === 'conflict').length,
      failed: failed.length,
      failedInFlightAtKill: failed.filter((r) => inFlightAtKill(r, kill)).length,
      p50: round(percentile(durations, 50)),
      p99: round(percentile(durations, 99)),
      mean: round(durations.reduce((sum, d) => sum + d, 0) / (durations.length || 1)),
      reasons,
    };
  });
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Replication lag samples, one a second. */
export interface LagSample {
  at: number;
  /** pg_stat_replication.replay_lag on the primary, ms (null when the standby is idle: nothing to replay). */
  replayLagMs: number | null;
  /** WAL bytes the standby has not replayed yet. */
  bytesBehind: number;
  /** now() - pg_last_xact_replay_timestamp() on the standby, ms. */
  sinceLastReplayMs: number | null;
}

export interface LagSummary {
  samples: number;
  replayLagP50: number;
  replayLagMax: number;
  bytesBehindMax: number;
}

export function summariseLag(samples: readonly LagSample[]): LagSummary {
  const lags = samples
    .map((s) => s.replayLagMs)
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  return {
    samples: samples.length,
    replayLagP50: round(percentile(lags, 50)),
    replayLagMax: round(lags.length ? lags[lags.length - 1] : 0),
    bytesBehindMax: samples.reduce((max, s) => Math.max(max, s.bytesBehind), 0),
  };
}

export interface DrillResult {
  date: string;
  seconds: number;
  machine: { cores: number; cpu: string; memoryGb: number; loadBefore: number[] };
  topology: string[];
  kill: KillWindow & { api: string; worker: string; workerHadFanOut: boolean | null };
  /** Changes of the APIs' state as HAProxy saw them, sampled every second. */
  proxyEvents: string[];
  kinds: KindSummary[];
  /** Acknowledged writes (a version returned to the referent) and those not found on the primary afterwards. */
  writes: { acknowledged: number; missing: number; readYourWritesStale: number };
  publish: {
    expected: number;
    created: number;
    duplicates: number;
    state: string;
    seconds: number;
    createdAtKill: number | null;
    /** Seconds from the publish to the start of its fan-out (push_run.started_at - requested_at). */
    startedAfterSeconds: number | null;
  };
  lag: LagSummary;
}

export interface Verdict {
  target: string;
  met: boolean;
  figure: string;
}

export function verdicts(result: DrillResult): Verdict[] {
  const total = result.kinds.reduce((n, k) => n + k.served + k.failed, 0);
  const failed = result.kinds.reduce((n, k) => n + k.failed, 0);
  const outsideKill = result.kinds.reduce((n, k) => n + k.failed - k.failedInFlightAtKill, 0);
  const rate = total > 0 ? (100 * failed) / total : 0;
  return [
    {
      target: '0 acknowledged writes lost',
      met: result.writes.missing === 0,
      figure: `${result.writes.missing} missing of ${result.writes.acknowledged}`,
    },
    {
      target: '0 duplicated assignments after the publish',
      met: result.publish.duplicates === 0 && result.publish.created === result.publish.expected,
      figure: `${result.publish.duplicates} duplicates; ${result.publish.created} assignments for ${result.publish.expected} target comuni`,
    },
    {
      target: 'under 1% failed requests',
      met: rate < 1,
      figure: `${failed} of ${total} (${round(rate)}%)`,
    },
    {
      target: 'failures only among requests in flight on the killed process',
      met: outsideKill === 0,
      figure: `${outsideKill} failed outside the kill`,
    },
    {
      target: 'a person reads their own writes',
      met: result.writes.readYourWritesStale === 0,
      figure: `${result.writes.readYourWritesStale} stale reads after an acknowledged write`,
    },
  ];
}

export function markdown(result: DrillResult): string {
  const lines = [
    '# Scale-out drill',
    '',
    `Run of ${result.date.slice(0, 16).replace('T', ' ')} UTC by \`npm run drill\`, on this machine: ${result.machine.cores} cores (${result.machine.cpu}), ${result.machine.memoryGb} GB; load average before the run ${result.machine.loadBefore.map((l) => l.toFixed(2)).join(' / ')}. The cores were shared with the other work of the machine at the time (other sessions' builds, tests and benchmarks), so latencies are noisy: read them as a shape, not as capacity.`,
    '',
    '## Topology',
    '',
    ...result.topology.map((t) => `- ${t}`),
    '',
    `## What happened`,
    '',
    `- ${result.seconds} s of load. At ${sec(result.kill.killedAt)} SIGKILL of ${result.kill.api} and ${result.kill.worker}` +
      (result.kill.workerHadFanOut === null
        ? ''
        : result.kill.workerHadFanOut
          ? ' (the worker running the fan-out)'
          : ' (no fan-out batch was seen on the killed worker)') +
      `; both restarted at ${sec(result.kill.restartedAt)}; the restarted API was ready again at ${
        result.kill.apiBackAt === null ? 'n/a' : sec(result.kill.apiBackAt)
      }.`,
    `- HAProxy: ${result.proxyEvents.length ? result.proxyEvents.join('; ') : 'no change of state seen'}.`,
    `- Publish: ${result.publish.created} assignments for ${result.publish.expected} target comuni, state ${result.publish.state} after ${result.publish.seconds} s (the fan-out started ${result.publish.startedAfterSeconds ?? 'n/a'} s after the publish)` +
      (result.publish.createdAtKill === null
        ? '.'
        : `; ${result.publish.createdAtKill} were created when the worker was killed.`),
    '',
    '## Requests',
    '',
    '| kind | served | of which CONFLICT | failed | failed, in flight at the kill | p50 ms | p99 ms | failures |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...result.kinds.map(
      (k) =>
        `| ${KIND_LABELS[k.kind]} | ${k.served} | ${k.conflicts} | ${k.failed} | ${k.failedInFlightAtKill} | ${k.p50} | ${k.p99} | ${
          Object.entries(k.reasons)
            .map(([r, n]) => `${r}: ${n}`)
            .join(', ') || '–'
        } |`,
    ),
    '',
    'Served means answered with data (a CONFLICT answer is served: the API refused a write with a stale version, which happens to a referent whose previous write was cut by the kill and may have committed; the drill then reads the version again). p50/p99 are over served requests.',
    '',
    '## Data',
    '',
    `- Acknowledged writes: ${result.writes.acknowledged}; missing when read back from the primary after the run: **${result.writes.missing}** (each write is known by the X-Request-Id the API answered it with; it counts as present when its status_event, with that request id, exists and the assignment's version is at least the acknowledged one).`,
    `- Read-your-writes: right after each acknowledged write the referent reads the assignment through HAProxy (either API): ${result.writes.readYourWritesStale} reads showed an older version.`,
    `- Duplicated (objective, comune) assignments after the publish: **${result.publish.duplicates}**.`,
    `- Standby replay lag (pg_stat_replication.replay_lag, sampled every second, ${result.lag.samples} samples): p50 ${result.lag.replayLagP50} ms, max ${result.lag.replayLagMax} ms; at most ${result.lag.bytesBehindMax} bytes of WAL not yet replayed.`,
    '',
    '## Verdicts',
    '',
    ...verdicts(result).map((v) => `- ${v.met ? 'met' : 'MISSED'}: ${v.target} (${v.figure})`),
    '',
    `A request in flight on the killed API can only fail: HAProxy does not replay a request it has already sent (a write may have committed). About half of the loops have one in flight at that moment, so their share of all requests is roughly the mean latency divided by twice the run's length: the 1% target needs a mean latency under ${round((2 * result.seconds * 1000) / 100)} ms for a ${result.seconds} s run. This run's mean latency was ${meanLatency(result)} ms.`,
    '',
  ];
  return lines.join('\n');
}

function meanLatency(result: DrillResult): number {
  const served = result.kinds.reduce((n, k) => n + k.served, 0);
  return round(result.kinds.reduce((sum, k) => sum + k.mean * k.served, 0) / (served || 1));
}

function sec(ms: number): string {
  return `t=${round(ms / 1000)} s`;
}
