import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { scheduleRepeatingJob, QUEUES } from '@rtd/kernel';

/** The worker's own queue: a job every HEARTBEAT_EVERY_MS proves it consumes jobs. */
export const HEARTBEAT_QUEUE = QUEUES.heartbeat;

export const HEARTBEAT_JOB = 'heartbeat';
export const HEARTBEAT_EVERY_MS = 30_000;

export interface HeartbeatJobData {
  requestedBy: 'scheduler';
}

/** Proves the worker consumes jobs: records when it last ran, readable by operators and tests. */
@Processor(HEARTBEAT_QUEUE)
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
  constructor(@InjectQueue(HEARTBEAT_QUEUE) private readonly queue: Queue<HeartbeatJobData>) {}

  async onApplicationBootstrap(): Promise<void> {
    await scheduleRepeatingJob(
      this.queue,
      HEARTBEAT_JOB,
      { every: HEARTBEAT_EVERY_MS },
      { requestedBy: 'scheduler' },
      { removeOnComplete: 10, removeOnFail: 50 },
    );
  }
}
