import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/** A process's CPU time (user + system), in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * BENCH_CPU=1: the CPU time per request of the server under test and of the PostgreSQL backends
 * of the bench database, during each way's measured run. On a machine shared with other work
 * requests/s say more about the neighbours than about the code; CPU per request does not.
 */
export function cpuAccounting(owner: DataSource, log: (line: string) => void) {
  const backends = async (): Promise<Map<number, number>> => {
    const rows: { pid: number }[] = await owner.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const times = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = cpuMs(pid);
      if (ms !== null) times.set(pid, ms);
    }
    return times;
  };
  /** Wraps a measured run of `way`, whose server is `pid` (the bench's own for the floor). */
  return (way: string, pid: number, requests: (result: unknown) => number) =>
    async <T>(run: () => Promise<T>): Promise<T> => {
      const server = cpuMs(pid) ?? 0;
      const before = await backends();
      const result = await run();
      const serverMs = (cpuMs(pid) ?? 0) - server;
      let postgresMs = 0;
      for (const [backend, ms] of await backends()) postgresMs += ms - (before.get(backend) ?? 0);
      const n = Math.max(1, requests(result));
      log(
        `  ${way}: CPU per request ${(serverMs / n).toFixed(2)} ms (server) + ${(postgresMs / n).toFixed(2)} ms (PostgreSQL), ${n} requests`,
      );
      return result;
    };
}
