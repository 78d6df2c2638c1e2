/*
 * The restore drill's figures and its report (docs/drill-restore.md): pure functions of what the
 * run recorded, unit-tested in restore-report.spec.ts apart from the clusters and processes.
 */

/** One acknowledged write: when it was sent and acknowledged (epoch ms), and its request id. */
export interface AckedWrite {
  requestId: string;
  assignmentId: string;
  version: number;
  sentAt: number;
  ackedAt: number;
}

/** Which side of the recovery target a write falls on, by the client's clock (the server's: one machine). */
export function sideOfTarget(
  write: Pick<AckedWrite, 'sentAt' | 'ackedAt'>,
  target: number,
): 'before' | 'after' | 'straddling' {
  if (write.ackedAt < target) return 'before';
  if (write.sentAt > target) return 'after';
  return 'straddling';
}

export interface WriteCheck {
  before: number;
  beforeMissing: number;
  /** Before the target, but the history event or the audit entry of its request id is missing. */
  beforeWithoutAudit: number;
  after: number;
  afterPresent: number;
  /** In flight at the target instant: either outcome is right, so they are only counted. */
  straddling: number;
}

/** Compares the acknowledged writes with what the restored database holds, by request id. */
export function checkWrites(
  writes: readonly AckedWrite[],
  target: number,
  restored: {
    events: ReadonlySet<string>;
    audit: ReadonlySet<string>;
    versions: ReadonlyMap<string, number>;
  },
): WriteCheck {
  const check: WriteCheck = {
    before: 0,
    beforeMissing: 0,
    beforeWithoutAudit: 0,
    after: 0,
    afterPresent: 0,
    straddling: 0,
  };
  for (const write of writes) {
    const side = sideOfTarget(write, target);
    const present = restored.events.has(write.requestId);
    if (side === 'straddling') check.straddling++;
    else if (side === 'before') {
      check.before++;
      const version = restored.versions.get(write.assignmentId) ?? 0;
      if (!present || version < write.version) check.beforeMissing++;
      else if (!restored.audit.has(write.requestId)) check.beforeWithoutAudit++;
    } else {
      check.after++;
      if (present) check.afterPresent++;
    }
  }
  return check;
}

export interface BackupRecord {
  label: string;
  type: string;
  seconds: number;
  /** Bytes of the database the backup covers, and what it stored in the repository (compressed, encrypted). */
  databaseBytes: number;
  repositoryBytes: number;
}

export interface RestoreResult {
  date: string;
  machine: { cores: number; cpu: string; memoryGb: number; loadBefore: number[] };
  postgres: string;
  pgbackrest: string;
  topology: string[];
  backups: BackupRecord[];
  /** Events on a timeline, seconds since the load began. */
  timeline: { at: number; what: string }[];
  target: {
    iso: string;
    restoredSet: string;
    lastRestoredCommit: string | null;
    lastCommitBeforeTargetMs: number | null;
  };
  writes: WriteCheck & { total: number; failedRequests: number };
  damage: string[];
  recovery: {
    /** Seconds from the start of the restore to the cluster open for writes (promoted). */
    databaseSeconds: number;
    /** Seconds from the start of the restore to the API answering /health/ready on it. */
    serviceSeconds: number;
    /** How old the newest archived WAL was when the damage was done, before any forced switch (s). */
    archiveAgeAtDamageSeconds: number | null;
  };
  audit: { entriesBefore: number; entriesRestored: number; newestAfterTarget: number; appendOnly: string };
  rls: {
    tablesForced: number;
    tablesWithRls: number;
    policiesBefore: number;
    policiesRestored: number;
    appRoleSeesUnsetRows: number;
    apiChecks: string[];
  };
  evidence: { before: number; restored: number };
  prometheus: string[];
}

export interface Verdict {
  met: boolean;
  text: string;
}

export function verdicts(r: RestoreResult): Verdict[] {
  return [
    {
      met: r.writes.before > 0 && r.writes.beforeMissing === 0,
      text: `0 acknowledged writes lost before the target (${r.writes.beforeMissing} missing of ${r.writes.before})`,
    },
    {
      met: r.writes.after > 0 && r.writes.afterPresent === 0,
      text: `no write after the target restored (${r.writes.afterPresent} present of ${r.writes.after})`,
    },
    {
      met:
        r.writes.beforeWithoutAudit === 0 && r.audit.newestAfterTarget === 0 && r.audit.appendOnly === 'ok',
      text: `the audit chain intact: every restored write with its audit entry (${r.writes.beforeWithoutAudit} without), no entry after the target (${r.audit.newestAfterTarget}), append-only triggers in force (${r.audit.appendOnly})`,
    },
    {
      met:
        r.rls.policiesRestored === r.rls.policiesBefore &&
        r.rls.tablesForced === r.rls.tablesWithRls &&
        r.rls.appRoleSeesUnsetRows === 0 &&
        r.rls.apiChecks.every((check) => check.endsWith(': ok')),
      text: `row-level security in force (${r.rls.policiesRestored} of ${r.rls.policiesBefore} policies, ${r.rls.tablesForced} of ${r.rls.tablesWithRls} tables forced, ${r.rls.appRoleSeesUnsetRows} rows seen without settings, ${r.rls.apiChecks.length} API checks)`,
    },
    {
      met: r.evidence.restored === r.evidence.before,
      text: `the dropped table back whole (${r.evidence.restored} of ${r.evidence.before} evidence rows)`,
    },
  ];
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const s = (seconds: number) => `${seconds.toFixed(1)} s`;

export function markdown(r: RestoreResult): string {
  const lines = [
    '# Restore drill',
    '',
    `Run of ${r.date.replace('T', ' ').slice(0, 16)} UTC by \`npm run drill:restore\`, on this machine: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGb} GB; load average before the run ${r.machine.loadBefore.join(' / ')}. ${r.postgres}, ${r.pgbackrest}. Every figure below is what this run measured.`,
    '',
    '## Topology',
    '',
    ...r.topology.map((line) => `- ${line}`),
    '',
    '## Backups',
    '',
    '| backup | type | took | database | stored in the repository |',
    '| --- | --- | ---: | ---: | ---: |',
    ...r.backups.map(
      (b) =>
        `| ${b.label} | ${b.type} | ${s(b.seconds)} | ${mb(b.databaseBytes)} | ${mb(b.repositoryBytes)} |`,
    ),
    '',
    '## What happened',
    '',
    ...r.timeline.map((e) => `- t=${e.at.toFixed(1)} s: ${e.what}`),
    '',
    '## Damage',
    '',
    ...r.damage.map((line) => `- ${line}`),
    '',
    '## Recovery',
    '',
    `- Recovery point: the target time ${r.target.iso}, just before the damage; pgBackRest restored backup set ${r.target.restoredSet} and replayed the archived WAL up to it. The newest write restored was made at ${r.target.lastRestoredCommit ?? 'n/a'} (its history event's time)${r.target.lastCommitBeforeTargetMs === null ? '' : `, ${r.target.lastCommitBeforeTargetMs} ms before the target`}.`,
    `- Recovery time: ${s(r.recovery.databaseSeconds)} from the start of the restore to the database open for writes, ${s(r.recovery.serviceSeconds)} to the API ready on it (/health/ready).`,
    r.recovery.archiveAgeAtDamageSeconds === null
      ? '- WAL archiving: no segment archived before the damage.'
      : `- WAL archiving: when the damage was done, the newest archived segment was ${s(r.recovery.archiveAgeAtDamageSeconds)} old: with the data directory lost at that moment and no forced switch, at most that much would have been lost (bounded by archive_timeout).`,
    '',
    '## Data',
    '',
    `- Acknowledged writes (updateAssignment through the API, each with its own X-Request-Id): ${r.writes.total}; ${r.writes.failedRequests} requests failed (after the database was dropped, as expected).`,
    `- Acknowledged before the target: ${r.writes.before}; missing after the restore: **${r.writes.beforeMissing}** (a write is present when its history event, found by its request id, exists and its assignment's version is at least the acknowledged one).`,
    `- Sent after the target: ${r.writes.after}; present after the restore: **${r.writes.afterPresent}**. In flight at the target instant (either outcome correct): ${r.writes.straddling}.`,
    `- Audit log: ${r.audit.entriesBefore} entries before the damage, ${r.audit.entriesRestored} restored; entries later than the target: ${r.audit.newestAfterTarget}; every restored write has its audit entry by request id (${r.writes.beforeWithoutAudit} without); append-only: ${r.audit.appendOnly}.`,
    `- Dropped table \`evidence\`: ${r.evidence.before} rows before the damage, ${r.evidence.restored} after the restore.`,
    `- Row-level security: ${r.rls.policiesRestored} policies (${r.rls.policiesBefore} before), row security forced on ${r.rls.tablesForced} of ${r.rls.tablesWithRls} tables that enable it; the application role without settings sees ${r.rls.appRoleSeesUnsetRows} rows of assignment, person, audit_log.`,
    ...r.rls.apiChecks.map((check) => `  - through the API: ${check}`),
    '',
    '## Metrics',
    '',
    ...(r.prometheus.length
      ? r.prometheus.map((line) => `- ${line}`)
      : ['- Prometheus was not installed: not scraped.']),
    '',
    '## Verdicts',
    '',
    ...verdicts(r).map((v) => `- ${v.met ? 'met' : 'NOT MET'}: ${v.text}`),
    '',
  ];
  return lines.join('\n');
}
