import {
  DrillResult,
  inFlightAtKill,
  markdown,
  percentile,
  RequestRecord,
  summarise,
  summariseLag,
  verdicts,
} from './drill-report';

const KILL = { killedAt: 30_000, restartedAt: 35_000, apiBackAt: 37_000 };

describe('drill report', () => {
  describe('percentile', () => {
    it('takes the nearest rank of sorted values', () => {
      const values = Array.from({ length: 100 }, (_, i) => i + 1);
      expect(percentile(values, 50)).toBe(50);
      expect(percentile(values, 99)).toBe(99);
      expect(percentile(values, 100)).toBe(100);
      expect(percentile([7], 99)).toBe(7);
      expect(percentile([], 50)).toBe(0);
    });
  });

  describe('inFlightAtKill', () => {
    it('counts requests that started before the kill, or just after, and ended after it', () => {
      const at = (start: number, end: number): RequestRecord => ({
        kind: 'write',
        start,
        end,
        outcome: 'failed',
      });
      expect(inFlightAtKill(at(29_900, 30_050), KILL)).toBe(true);
      expect(inFlightAtKill(at(30_500, 30_600), KILL)).toBe(true);
      expect(inFlightAtKill(at(29_000, 29_500), KILL)).toBe(false);
      expect(inFlightAtKill(at(32_000, 32_100), KILL)).toBe(false);
    });
  });

  describe('summarise', () => {
    it('counts served, conflicts and failures per kind, with percentiles over what was served', () => {
      const records: RequestRecord[] = [
        { kind: 'office', start: 0, end: 10, outcome: 'ok' },
        { kind: 'office', start: 10, end: 30, outcome: 'ok' },
        { kind: 'office', start: 29_990, end: 30_010, outcome: 'failed', reason: 'HTTP 502' },
        { kind: 'write', start: 0, end: 5, outcome: 'conflict' },
        { kind: 'write', start: 40_000, end: 40_005, outcome: 'failed', reason: 'HTTP 503' },
      ];
      const [office, write] = summarise(records, KILL);
      expect(office).toMatchObject({
        kind: 'office',
        served: 2,
        failed: 1,
        failedInFlightAtKill: 1,
        p50: 10,
        p99: 20,
      });
      expect(office.reasons).toEqual({ 'HTTP 502': 1 });
      expect(write).toMatchObject({
        kind: 'write',
        served: 1,
        conflicts: 1,
        failed: 1,
        failedInFlightAtKill: 0,
      });
    });
  });

  describe('summariseLag', () => {
    it('ignores idle samples for the lag and keeps the largest WAL distance', () => {
      expect(
        summariseLag([
          { at: 0, replayLagMs: null, bytesBehind: 0, sinceLastReplayMs: null },
          { at: 1, replayLagMs: 4, bytesBehind: 800, sinceLastReplayMs: 3 },
          { at: 2, replayLagMs: 2, bytesBehind: 100, sinceLastReplayMs: 1 },
        ]),
      ).toEqual({ samples: 3, replayLagP50: 2, replayLagMax: 4, bytesBehindMax: 800 });
    });
  });

  describe('verdicts', () => {
    const result = (over: Partial<DrillResult> = {}): DrillResult => ({
      date: '2026-11-30T04:00:00.000Z',
      seconds: 60,
      machine: { cores: 2, cpu: 'cpu', memoryGb: 8, loadBefore: [1, 1, 1] },
      topology: ['two APIs'],
      kill: { ...KILL, api: 'api-1', worker: 'worker-1', workerHadFanOut: true },
      proxyEvents: ['t=31 s: api-1 UP -> DOWN'],
      kinds: summarise(
        [
          ...Array.from({ length: 300 }, (_, i): RequestRecord => ({
            kind: 'portal',
            start: i,
            end: i + 5,
            outcome: 'ok',
          })),
          { kind: 'portal', start: 29_999, end: 30_001, outcome: 'failed', reason: 'HTTP 502' },
        ],
        KILL,
      ),
      writes: { acknowledged: 10, missing: 0, readYourWritesStale: 0 },
      publish: {
        expected: 100,
        created: 100,
        duplicates: 0,
        state: 'DONE',
        seconds: 5,
        createdAtKill: 40,
        startedAfterSeconds: 1,
      },
      lag: { samples: 60, replayLagP50: 1, replayLagMax: 3, bytesBehindMax: 100 },
      ...over,
    });

    it('meets every target when nothing is lost, duplicated or failed outside the kill', () => {
      expect(verdicts(result()).every((v) => v.met)).toBe(true);
      expect(markdown(result())).toContain('met: 0 acknowledged writes lost');
    });

    it('misses on a lost write, a duplicate, or a short fan-out', () => {
      expect(
        verdicts(result({ writes: { acknowledged: 10, missing: 1, readYourWritesStale: 0 } }))[0].met,
      ).toBe(false);
      const publish = {
        expected: 100,
        created: 100,
        duplicates: 1,
        state: 'DONE',
        seconds: 5,
        createdAtKill: 40,
        startedAfterSeconds: 1,
      };
      expect(verdicts(result({ publish }))[1].met).toBe(false);
      expect(verdicts(result({ publish: { ...publish, duplicates: 0, created: 99 } }))[1].met).toBe(false);
      expect(markdown(result({ publish }))).toContain('MISSED: 0 duplicated assignments');
    });
  });
});
