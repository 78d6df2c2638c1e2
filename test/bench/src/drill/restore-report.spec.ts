import { AckedWrite, checkWrites, markdown, RestoreResult, sideOfTarget, verdicts } from './restore-report';

const TARGET = 10_000;
const write = (requestId: string, sentAt: number, ackedAt: number, version = 2): AckedWrite => ({
  requestId,
  assignmentId: 'a1',
  version,
  sentAt,
  ackedAt,
});

describe('restore drill report', () => {
  it('puts a write before the target when acknowledged before it, after when sent after it', () => {
    expect(sideOfTarget(write('w', 9_000, 9_500), TARGET)).toBe('before');
    expect(sideOfTarget(write('w', 10_001, 10_050), TARGET)).toBe('after');
    expect(sideOfTarget(write('w', 9_990, 10_010), TARGET)).toBe('straddling');
  });

  it('counts writes lost before the target, present after it, and restored without their audit entry', () => {
    const writes = [
      write('kept', 1_000, 1_100, 2),
      write('lost', 2_000, 2_100, 3),
      write('no-audit', 3_000, 3_100, 2),
      write('old-version', 4_000, 4_100, 9),
      write('undone', 11_000, 11_100),
      write('leaked', 12_000, 12_100),
      write('edge', 9_999, 10_001),
    ];
    const check = checkWrites(writes, TARGET, {
      events: new Set(['kept', 'no-audit', 'old-version', 'leaked', 'edge']),
      audit: new Set(['kept', 'old-version', 'leaked', 'edge']),
      versions: new Map([['a1', 5]]),
    });
    expect(check).toEqual({
      before: 4,
      beforeMissing: 2,
      beforeWithoutAudit: 1,
      after: 2,
      afterPresent: 1,
      straddling: 1,
    });
  });

  const result = (overrides: Partial<RestoreResult> = {}): RestoreResult => ({
    date: '2026-12-07T10:00:00.000Z',
    machine: { cores: 2, cpu: 'cpu', memoryGb: 24, loadBefore: [1, 1, 1] },
    postgres: 'PostgreSQL 15',
    pgbackrest: 'pgBackRest 2.45',
    topology: ['a primary'],
    backups: [
      {
        label: '20261207-100000F',
        type: 'full',
        seconds: 3.2,
        databaseBytes: 50 * 2 ** 20,
        repositoryBytes: 8 * 2 ** 20,
      },
    ],
    timeline: [{ at: 0, what: 'start' }],
    target: {
      iso: '2026-12-07 10:05:00+00',
      restoredSet: '20261207-100100I',
      lastRestoredCommit: '2026-12-07 10:04:59.9+00',
      lastCommitBeforeTargetMs: 100,
    },
    writes: {
      total: 10,
      failedRequests: 2,
      before: 8,
      beforeMissing: 0,
      beforeWithoutAudit: 0,
      after: 2,
      afterPresent: 0,
      straddling: 0,
    },
    damage: ['DROP TABLE evidence'],
    recovery: { databaseSeconds: 12.5, serviceSeconds: 20.1, archiveAgeAtDamageSeconds: 4.2 },
    audit: { entriesBefore: 100, entriesRestored: 90, newestAfterTarget: 0, appendOnly: 'ok' },
    rls: {
      tablesForced: 30,
      tablesWithRls: 30,
      policiesBefore: 80,
      policiesRestored: 80,
      appRoleSeesUnsetRows: 0,
      apiChecks: ['a referent reads another comune: ok'],
    },
    evidence: { before: 5, restored: 5 },
    prometheus: ['scraped'],
    ...overrides,
  });

  it('meets every verdict when nothing was lost and nothing leaked', () => {
    expect(verdicts(result()).every((v) => v.met)).toBe(true);
    const text = markdown(result());
    expect(text).toContain('Recovery time: 12.5 s');
    expect(text).toContain('missing after the restore: **0**');
    expect(text).not.toContain('NOT MET');
  });

  it('fails the verdicts on a lost write, a leaked one, a missing policy or a run with no write', () => {
    const lost = result({ writes: { ...result().writes, beforeMissing: 1 } });
    const leaked = result({ writes: { ...result().writes, afterPresent: 1 } });
    const rls = result({ rls: { ...result().rls, policiesRestored: 79 } });
    const empty = result({ writes: { ...result().writes, before: 0, after: 0 } });
    for (const r of [lost, leaked, rls, empty]) expect(verdicts(r).some((v) => !v.met)).toBe(true);
    expect(markdown(lost)).toContain(
      'NOT MET: 0 acknowledged writes lost before the target (1 missing of 8)',
    );
  });
});
