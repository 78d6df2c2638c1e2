import { ChildProcess, execFile, spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import path from 'node:path';
import { createConnection } from 'node:net';
import { promisify } from 'node:util';

/*
 * The drill's machinery: PostgreSQL clusters made with the installed server's own tools, HAProxy,
 * child processes, and the clean-up that undoes all of it whatever happens.
 */

const run = promisify(execFile);
export type Log = (line: string) => void;

/**
 * Undo actions, run last-in first-out, once, on success, failure or a signal. A signal may come
 * while the drill is half-way through a step: whatever that step adds afterwards is undone at
 * once, and `check()` stops the drill before its next step.
 */
export class Cleanup {
  private readonly actions: { name: string; action: () => Promise<void> | void }[] = [];
  private done: Promise<void> | null = null;
  private log: Log = () => undefined;

  add(name: string, action: () => Promise<void> | void): void {
    this.actions.push({ name, action });
    // Cleaning has already finished: undo this one now (cleaning still running picks it up itself).
    if (this.done) this.done = this.done.then(() => this.drain());
  }

  /** Throws once cleaning has begun: the drill stops between steps rather than start more. */
  check(): void {
    if (this.done) throw new Error('interrotto');
  }

  runAll(log: Log): Promise<void> {
    this.log = log;
    this.done ??= this.drain();
    return this.done;
  }

  private async drain(): Promise<void> {
    for (let next = this.actions.pop(); next; next = this.actions.pop()) {
      try {
        await next.action();
      } catch (error) {
        this.log(
          `pulizia: ${next.name} non riuscita: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

/** Runs a command, printing it, and returns its output; a failure shows its stderr. */
export async function sh(log: Log, command: string, args: string[], cwd?: string): Promise<string> {
  log(`$ ${[command, ...args].join(' ')}`);
  try {
    const { stdout } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command} non riuscito: ${e.stderr?.trim() || e.message}`);
  }
}

const isRoot = () => process.getuid?.() === 0;

/** initdb and the server refuse to run as root: as root, the PostgreSQL tools run as the postgres user. */
export function asPostgres(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** The newest installed PostgreSQL's bin directory (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) throw new Error(`nessun PostgreSQL installato in ${root}`);
  return path.join(root, majors[0], 'bin');
}

/** HAProxy from the distribution when missing (apt-get as root), printing what it does. */
export async function ensureHaproxy(log: Log): Promise<string> {
  try {
    return (await run('sh', ['-c', 'command -v haproxy'])).stdout.trim();
  } catch {
    if (!isRoot()) throw new Error('haproxy non è installato: apt-get install -y haproxy (da root)');
    log('haproxy non è installato: lo installo dal registro Debian');
    const output = await sh(log, 'apt-get', ['install', '-y', '--no-install-recommends', 'haproxy']);
    for (const line of output.trim().split('\n').slice(-5)) log(`  ${line}`);
    return (await run('sh', ['-c', 'command -v haproxy'])).stdout.trim();
  }
}

/** A directory the postgres user owns (a cluster's data directory, its socket directory). */
export function postgresDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  return dir;
}

let ids: { uid: number; gid: number } | null = null;
function postgresIds(): { uid: number; gid: number } {
  if (ids) return ids;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error("l'utente postgres non esiste");
  const [, , uid, gid] = line.split(':');
  ids = { uid: Number(uid), gid: Number(gid) };
  return ids;
}

export interface Cluster {
  name: string;
  dataDir: string;
  port: number;
  logFile: string;
}

/** A private primary: initdb, streaming replication on, its own port and socket directory. */
export async function createPrimary(log: Log, bin: string, base: string, port: number): Promise<Cluster> {
  const dataDir = postgresDir(path.join(base, 'primary'));
  const [cmd, args] = asPostgres(path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  await sh(log, cmd, args, base);
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    [
      '',
      '# rtd-hub drill',
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${base}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'hot_standby = on',
      'hot_standby_feedback = on',
      'max_connections = 120',
      'shared_buffers = 128MB',
      "synchronous_commit = 'on'",
      '',
    ].join('\n'),
  );
  return { name: 'primary', dataDir, port, logFile: path.join(base, 'primary.log') };
}

/** A streaming hot standby of the primary: pg_basebackup -R (standby.signal and primary_conninfo), its own port. */
export async function createStandby(
  log: Log,
  bin: string,
  base: string,
  primary: Cluster,
  port: number,
): Promise<Cluster> {
  const dataDir = postgresDir(path.join(base, 'standby'));
  const [cmd, args] = asPostgres(path.join(bin, 'pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dataDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  await sh(log, cmd, args, base);
  appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n# rtd-hub drill: the standby\nport = ${port}\n`);
  return { name: 'standby', dataDir, port, logFile: path.join(base, 'standby.log') };
}

export async function startCluster(log: Log, bin: string, cluster: Cluster): Promise<void> {
  const [cmd, args] = asPostgres(path.join(bin, 'pg_ctl'), [
    '-D',
    cluster.dataDir,
    '-l',
    cluster.logFile,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  try {
    await sh(log, cmd, args, path.dirname(cluster.dataDir));
  } catch (error) {
    const tail = existsSync(cluster.logFile)
      ? readFileSync(cluster.logFile, 'utf8').trim().split('\n').slice(-10)
      : [];
    for (const line of tail) log(`  ${cluster.name}: ${line}`);
    throw error;
  }
}

export async function stopCluster(log: Log, bin: string, cluster: Cluster): Promise<void> {
  if (!existsSync(path.join(cluster.dataDir, 'postmaster.pid'))) return;
  const [cmd, args] = asPostgres(path.join(bin, 'pg_ctl'), [
    '-D',
    cluster.dataDir,
    '-m',
    'immediate',
    '-w',
    'stop',
  ]);
  await sh(log, cmd, args, path.dirname(cluster.dataDir));
}

/** The log files must be writable by postgres too: the base directory is shared. */
export function openBase(base: string): void {
  chmodSync(base, 0o755);
  if (isRoot()) chownSync(base, postgresIds().uid, postgresIds().gid);
}

/** HAProxy in front of the APIs: health checks on /health/ready, and retries that never replay a sent request. */
export function haproxyConfig(
  port: number,
  apis: { name: string; port: number }[],
  statsSocket: string,
): string {
  return [
    'global',
    '  maxconn 2000',
    `  stats socket ${statsSocket} mode 600 level admin`,
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-keep-alive 10s',
    '  option http-keep-alive',
    // A connection refused (the API is down, health checks have not noticed yet) is retried on
    // the other API; a request already sent is never replayed: a write might have committed.
    '  retries 3',
    '  option redispatch',
    '  retry-on conn-failure',
    'frontend rtd',
    `  bind 127.0.0.1:${port}`,
    '  default_backend apis',
    'backend apis',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    // Checks of a loaded machine may take a while: a slow answer is not a dead process. A killed
    // API refuses connections at once, so it is marked down after three quick failed checks.
    '  timeout check 5s',
    '  default-server inter 2s fastinter 500ms downinter 1s fall 3 rise 2',
    ...apis.map((api) => `  server ${api.name} 127.0.0.1:${api.port} check`),
    '',
  ].join('\n');
}

/** A child process with its output in a log file of the temp directory. */
export function spawnLogged(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
): ChildProcess {
  const fd = openSync(logFile, 'a');
  return spawn(command, args, { env, stdio: ['ignore', fd, fd] });
}

export async function waitFor(url: string, child: ChildProcess | null, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null)
      throw new Error(`${url}: il processo è uscito con ${child.exitCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} non risponde dopo ${timeoutMs / 1000} s`);
}

/** The local ports of the TCP connections each of these processes holds to a server port (ss -tnp). */
export async function localPortsOf(pids: number[], serverPort: number): Promise<Map<number, number>> {
  const { stdout } = await run('ss', ['-tnpH', 'state', 'established', `( dport = :${serverPort} )`]);
  const owner = new Map<number, number>();
  for (const line of stdout.split('\n')) {
    const local = /127\.0\.0\.1:(\d+)\s+127\.0\.0\.1:\d+/.exec(line);
    const pid = /pid=(\d+)/.exec(line);
    if (local && pid && pids.includes(Number(pid[1]))) owner.set(Number(local[1]), Number(pid[1]));
  }
  return owner;
}

/** The state of each server of the backend, from HAProxy's stats socket ("show stat"). */
export function haproxyServerStates(socketPath: string): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    let text = '';
    const socket = createConnection(socketPath, () => socket.write('show stat\n'));
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => resolve({}));
    socket.on('close', () => {
      const states: Record<string, string> = {};
      for (const line of text.split('\n')) {
        const [proxy, server, ...rest] = line.split(',');
        // Column 18 of "show stat" is the status (UP, DOWN, "UP 1/3", "DOWN 1/2", no check...).
        if (proxy === 'apis' && server && server !== 'BACKEND' && server !== 'FRONTEND')
          states[server] = rest[15];
      }
      resolve(states);
    });
  });
}
