import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The worker's health signal for container health checks: while its queues, Redis and PostgreSQL
 * answer, the worker rewrites a small file with the current time every BEAT_EVERY_MS; the health
 * check (apps/worker/src/healthcheck.ts) reads the time back and calls the worker healthy if it is recent enough.
 * Plain Node only: the health check loads this file without Nest, TypeORM or BullMQ.
 */
export const HEARTBEAT_FILE_ENV = 'WORKER_HEARTBEAT_FILE';
export const DEFAULT_HEARTBEAT_FILE = path.join(tmpdir(), 'rtd-hub-worker.heartbeat');
export const BEAT_EVERY_MS = 10_000;
/** Several missed beats, so one slow check (up to its timeout) does not flip the container. */
export const STALE_AFTER_MS = 60_000;
/** Clocks of the writer and the reader are the same machine's; a beat "from the future" is a broken file. */
const FUTURE_TOLERANCE_MS = 5_000;

export function heartbeatFile(env: NodeJS.ProcessEnv = process.env): string {
  const value = env[HEARTBEAT_FILE_ENV]?.trim();
  return value ? value : DEFAULT_HEARTBEAT_FILE;
}

/** Writes the beat atomically (temporary file, then rename), so a reader never sees half a line. */
export function writeHeartbeat(file: string, at: Date = new Date()): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${at.toISOString()}\n`);
  renameSync(temporary, file);
}

export function removeHeartbeat(file: string): void {
  rmSync(file, { force: true });
}

/** The time of the last beat, or null when there is no file or it holds no date. */
export function readHeartbeat(file: string): Date | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  const at = new Date(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(at.getTime()) ? at : null;
}

export interface Freshness {
  healthy: boolean;
  /** Italian, for the health check's output (docker inspect shows it). */
  reason: string;
}

export function heartbeatFreshness(
  beat: Date | null,
  now: Date = new Date(),
  staleAfterMs: number = STALE_AFTER_MS,
): Freshness {
  if (beat === null) return { healthy: false, reason: 'nessun battito del worker registrato' };
  const ageMs = now.getTime() - beat.getTime();
  if (ageMs < -FUTURE_TOLERANCE_MS) {
    return { healthy: false, reason: `battito nel futuro (${beat.toISOString()})` };
  }
  const seconds = Math.max(0, Math.round(ageMs / 1000));
  if (ageMs > staleAfterMs) {
    return {
      healthy: false,
      reason: `ultimo battito ${seconds} s fa (oltre ${Math.round(staleAfterMs / 1000)} s)`,
    };
  }
  return { healthy: true, reason: `ultimo battito ${seconds} s fa` };
}
