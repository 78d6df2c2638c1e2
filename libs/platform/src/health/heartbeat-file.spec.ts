import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_HEARTBEAT_FILE,
  heartbeatFile,
  heartbeatFreshness,
  readHeartbeat,
  removeHeartbeat,
  STALE_AFTER_MS,
  writeHeartbeat,
} from './heartbeat-file';

describe('worker heartbeat file', () => {
  const now = new Date('2026-03-02T10:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  describe('freshness', () => {
    it('is healthy with a recent beat', () => {
      expect(heartbeatFreshness(ago(0), now)).toEqual({ healthy: true, reason: 'ultimo battito 0 s fa' });
      expect(heartbeatFreshness(ago(12_000), now).healthy).toBe(true);
      expect(heartbeatFreshness(ago(STALE_AFTER_MS), now).healthy).toBe(true);
    });

    it('is unhealthy once the beat is older than the limit, saying how old', () => {
      expect(heartbeatFreshness(ago(STALE_AFTER_MS + 1), now).healthy).toBe(false);
      expect(heartbeatFreshness(ago(125_000), now)).toEqual({
        healthy: false,
        reason: 'ultimo battito 125 s fa (oltre 60 s)',
      });
      expect(heartbeatFreshness(ago(5_000), now, 3_000).healthy).toBe(false);
    });

    it('is unhealthy without a beat or with one from the future', () => {
      expect(heartbeatFreshness(null, now)).toEqual({
        healthy: false,
        reason: 'nessun battito del worker registrato',
      });
      expect(heartbeatFreshness(ago(-2_000), now).healthy).toBe(true);
      expect(heartbeatFreshness(ago(-60_000), now).healthy).toBe(false);
    });
  });

  describe('file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'heartbeat-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads back what was written, and nothing once removed', () => {
      const file = path.join(dir, 'beat');
      expect(readHeartbeat(file)).toBeNull();
      writeHeartbeat(file, now);
      expect(readHeartbeat(file)).toEqual(now);
      writeHeartbeat(file, ago(-1_000));
      expect(readHeartbeat(file)).toEqual(ago(-1_000));
      removeHeartbeat(file);
      expect(readHeartbeat(file)).toBeNull();
      removeHeartbeat(file);
    });

    it('takes a file without a date for no beat', () => {
      const file = path.join(dir, 'beat');
      for (const content of ['', 'ieri', '12345', '2026-13-45T99:00:00Z']) {
        writeFileSync(file, content);
        expect(readHeartbeat(file)).toBeNull();
      }
    });

    it('lives in the temporary folder unless WORKER_HEARTBEAT_FILE says otherwise', () => {
      expect(heartbeatFile({})).toBe(DEFAULT_HEARTBEAT_FILE);
      expect(heartbeatFile({ WORKER_HEARTBEAT_FILE: ' ' })).toBe(DEFAULT_HEARTBEAT_FILE);
      expect(heartbeatFile({ WORKER_HEARTBEAT_FILE: '/run/rtd/beat' })).toBe('/run/rtd/beat');
    });
  });
});
