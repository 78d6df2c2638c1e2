import { ChildProcess, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The resident memory of a process, in MB (0 when it is gone). */
export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      // Any HTTP answer means the server listens (GraphQL endpoints refuse a bare GET).
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Clock ticks per second of /proc's utime and stime (`getconf CLK_TCK`, 100 when unknown). */
export const CLOCK_TICKS = ((): number => {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process so far, in clock ticks (fields 14 and 15 of /proc/<pid>/stat); null when gone. */
export function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command (field 2) may hold spaces: fields count from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** Every PostgreSQL process on this machine: the postmaster, its background processes, the backends. */
export function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

/**
 * CPU time per request completed in a measurement window, in ms: the server's and PostgreSQL's;
 * null when unknown (no server process, or no request completed in the window).
 */
export interface CpuPerRequest {
  server: number | null;
  postgres: number | null;
}

/**
 * Opens a measurement window: the returned function closes it and divides the CPU time the server
 * process and all PostgreSQL processes spent in it by the requests completed. A PostgreSQL process
 * started inside the window counts from zero; one that ended inside it is lost (the pools keep
 * their connections, so none should).
 */
export type CpuWindow = () => (requests: number) => CpuPerRequest;

export function cpuWindow(serverPid: number | undefined): CpuWindow {
  return () => {
    const server = serverPid ? cpuTicks(serverPid) : null;
    const postgres = new Map(postgresPids().map((pid) => [pid, cpuTicks(pid) ?? 0]));
    return (requests) => {
      const perRequest = (ticks: number) =>
        requests > 0 ? Math.round(((ticks * 1000) / CLOCK_TICKS / requests) * 100) / 100 : null;
      const serverNow = serverPid ? cpuTicks(serverPid) : null;
      let postgresTicks = 0;
      for (const pid of postgresPids()) postgresTicks += (cpuTicks(pid) ?? 0) - (postgres.get(pid) ?? 0);
      return {
        server: server !== null && serverNow !== null ? perRequest(serverNow - server) : null,
        postgres: perRequest(Math.max(postgresTicks, 0)),
      };
    };
  };
}
