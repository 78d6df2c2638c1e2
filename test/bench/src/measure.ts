import autocannon from 'autocannon';
import type { CpuPerRequest, CpuWindow } from './processes';

export interface Measure {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
  seconds: number;
  /** CPU ms per request over the measured seconds (absent from reports written before it was measured). */
  cpu?: CpuPerRequest;
  note?: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Measures the CPU time of the measured seconds (not the warm-up). */
  cpu?: CpuWindow;
}

/**
 * HTTP load with autocannon on loopback: a warm-up run whose figures are thrown away, then the
 * measured run. Non-2xx answers and GraphQL errors count as errors (checked on a sample).
 */
export async function httpLoad(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  options: LoadOptions,
): Promise<Measure> {
  const common = {
    url,
    method: 'POST' as const,
    connections: options.connections,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
  const sample = await fetch(url, { method: 'POST', headers: common.headers, body: common.body });
  const answer = (await sample.json()) as { errors?: unknown[] };
  if (!sample.ok || answer.errors)
    throw new Error(`${url} answers ${sample.status}: ${JSON.stringify(answer).slice(0, 300)}`);
  assertNonEmpty(url, answer);
  if (options.warmupSeconds > 0) await run({ ...common, duration: options.warmupSeconds });
  const window = options.cpu?.();
  const result = await run({ ...common, duration: options.seconds });
  return {
    cpu: window?.(result.requests.total),
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    rps: round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: options.seconds,
  };
}

/** Whether a GraphQL answer holds at least one non-empty list (rows, buckets, edges, nodes). */
export function hasRows(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.values(value).some(hasRows);
  return false;
}

/**
 * A way that answers with no rows measures nothing (row-level security hiding everything, say,
 * when the settings do not reach the policies): the benchmark stops instead of reporting it.
 */
export function assertNonEmpty(where: string, answer: unknown): void {
  if (!hasRows((answer as { data?: unknown } | null)?.data ?? answer))
    throw new Error(`${where} answers no rows: ${JSON.stringify(answer).slice(0, 300)}`);
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * `concurrency` loops calling `once` for `seconds` (after a discarded warm-up), timing each call:
 * the load generator for what is not one HTTP request (raw SQL, write mixes).
 */
export async function loopLoad(
  once: (worker: number) => Promise<boolean>,
  concurrency: number,
  options: Pick<LoadOptions, 'seconds' | 'warmupSeconds' | 'cpu'>,
): Promise<Measure> {
  const phase = async (seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (Date.now() < until) {
          const started = performance.now();
          const ok = await once(worker).catch(() => false);
          latencies.push(performance.now() - started);
          if (!ok) errors++;
        }
      }),
    );
    return { latencies, errors };
  };
  if (options.warmupSeconds > 0) await phase(options.warmupSeconds);
  const window = options.cpu?.();
  const { latencies, errors } = await phase(options.seconds);
  const cpu = window?.(latencies.length);
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    errors,
    rps: round(latencies.length / options.seconds),
    p50: at(0.5),
    p99: at(0.99),
    seconds: options.seconds,
    cpu,
  };
}

export const round = (value: number): number => Math.round(value * 10) / 10;
