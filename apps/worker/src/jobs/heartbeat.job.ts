import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QueueName } from '@rtd/kernel';

export const HEARTBEAT_JOB = 'heartbeat';
export const HEARTBEAT_EVERY_MS = 30_000;

export interface HeartbeatJobData {
  requestedBy: 'scheduler';
}

/** Proves the worker consumes jobs: records when it last ran, readable by operators and tests. */
@Processor(QueueName.Heartbeat)
export class HeartbeatProcessor extends WorkerHost {
  private readonly logger = new Logger(HeartbeatProcessor.name);

  async process(job: Job<HeartbeatJobData>): Promise<string> {
    const at = new Date().toISOString();
    this.logger.debug(`heartbeat ${job.id} at ${at}`);
    return at;
  }
}

/** Registers the repeating heartbeat once per deployment (upsert: restarts do not duplicate it). */
@Injectable()
export class HeartbeatScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.Heartbeat) private readonly queue: Queue<HeartbeatJobData>) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      HEARTBEAT_JOB,
      { every: HEARTBEAT_EVERY_MS },
      {
        name: HEARTBEAT_JOB,
        data: { requestedBy: 'scheduler' },
        opts: { removeOnComplete: 10, removeOnFail: 50 },
      },
    );
  }
}
