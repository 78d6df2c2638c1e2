import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, metrics, metricsRegistry } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';

/** Which process serves: the API or the worker (each has its own port). */
export const METRICS_SERVICE = Symbol('METRICS_SERVICE');
export type MetricsService = 'api' | 'worker';

/** The version in package.json, for rtd_build_info. */
const VERSION = process.env.npm_package_version ?? readVersion();

function readVersion(): string {
  try {
    // The compiled file sits in dist/libs/platform/src/metrics; package.json four levels up.
    const file = path.join(__dirname, '../../../../../package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The Prometheus endpoint of this process: `GET /metrics` in the text format, on its own port
 * (API_METRICS_PORT, WORKER_METRICS_PORT; METRICS_HOST), never on the public one, so the load
 * balancer never exposes it and a flood of public requests never hides it. Nothing else answers
 * there. A port already taken stops the process at start, like the API's own port.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(METRICS_SERVICE) private readonly service: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    metrics.service(this.service, VERSION);
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      metricsRegistry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text))
        .catch((error: Error) => {
          this.logger.warn(`metrics: ${error.message}`);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        });
    });
    const port = this.service === 'api' ? this.config.metrics.apiPort : this.config.metrics.workerPort;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.metrics.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`metriche Prometheus su http://${this.config.metrics.host}:${this.port()}/metrics`);
  }

  /** The port it listens on (the one drawn by the system when configured as 0). */
  port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
