import { WorkerHost } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { APP_DATA_SOURCE } from '../database.module';
import { BEAT_EVERY_MS, heartbeatFile, removeHeartbeat, writeHeartbeat } from './heartbeat-file';

const CHECK_TIMEOUT_MS = 5_000;

interface RedisPing {
  ping(): Promise<unknown>;
}

/** TypeORM's PostgresDriver keeps its pg Pool as `master` (typed any). */
interface PostgresPool {
  master: { query(sql: string): Promise<unknown> };
}

function withTimeout<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: nessuna risposta entro ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Writes the heartbeat file (heartbeat-file.ts) every BEAT_EVERY_MS while every BullMQ worker of
 * this process is running and answers over its Redis connection, and PostgreSQL answers. When a
 * check fails the file is left alone and ages, so the container's health check turns unhealthy.
 */
@Injectable()
export class WorkerLiveness implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerLiveness.name);
  private readonly file = heartbeatFile();
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private lastProblem: string | null = null;
  private stopped = false;

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.beat();
    this.timer = setInterval(() => this.beat(), BEAT_EVERY_MS);
    this.timer.unref();
  }

  /** Stops beating before the queues close: a worker that is shutting down is no longer healthy. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.beating;
    removeHeartbeat(this.file);
  }

  private beat(): void {
    if (this.beating) return; // the previous round is still waiting for an answer
    this.beating = this.check()
      .then(() => {
        if (this.stopped) return;
        writeHeartbeat(this.file);
        if (this.lastProblem !== null) this.logger.log('Worker di nuovo in salute');
        this.lastProblem = null;
      })
      .catch((error: unknown) => {
        const problem = error instanceof Error ? error.message : String(error);
        if (problem !== this.lastProblem) this.logger.warn(`Worker non in salute: ${problem}`);
        this.lastProblem = problem;
      })
      .finally(() => {
        this.beating = undefined;
      });
  }

  private async check(): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
    if (workers.length === 0) throw new Error('nessuna coda in consumo');
    await Promise.all([
      ...workers.map((worker) =>
        withTimeout(
          `Redis (coda ${worker.name})`,
          (async () => {
            if (!worker.isRunning()) throw new Error(`la coda ${worker.name} non è in consumo`);
            const client = await worker.getBackend().client;
            if (client.status !== 'ready') {
              throw new Error(`Redis (coda ${worker.name}): connessione ${client.status}`);
            }
            // The Redis-backed client is ioredis underneath; BullMQ's interface just does not list PING.
            await (client as unknown as RedisPing).ping();
          })(),
        ),
      ),
      // Straight on the pool: a health probe is not application work (nor a statement tests count).
      withTimeout('PostgreSQL', (this.dataSource.driver as unknown as PostgresPool).master.query('SELECT 1')),
    ]);
  }
}
