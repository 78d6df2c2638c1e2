import { ProcessorDecoratorService } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, Processor, Queue } from 'bullmq';
import { JOB_REQUEST_ID, metrics, probeQueueDepth, runWithLogContext, secondsSince } from '@rtd/kernel';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const logger = new Logger('Jobs');

/** The id of the request that caused the job (carried by its outbox row), or the job's own. */
export function jobRequestId(job: Pick<Job, 'id' | 'queueName' | 'data'>): string {
  const data: unknown = job.data;
  const carried =
    data && typeof data === 'object' && JOB_REQUEST_ID in data
      ? (data as Record<string, unknown>)[JOB_REQUEST_ID]
      : undefined;
  return typeof carried === 'string' && carried !== '' ? carried : `job:${job.queueName}:${job.id}`;
}

type ProcessorFn = Processor<unknown, unknown>;

/**
 * Every job of every queue, run inside its log context (the request id its outbox row carried, the
 * queue, the job id: each log line of the job, and each mail it sends, names them) and timed into
 * rtd_job_duration_seconds. It wraps the processors through @nestjs/bullmq's own extension point,
 * ProcessorDecoratorService.decorate, before the workers are created (at module init).
 */
export function runJobInstrumented(processor: ProcessorFn): ProcessorFn {
  return (job, token, signal) => {
    const context = { requestId: jobRequestId(job), queue: job.queueName, jobId: String(job.id) };
    return runWithLogContext(context, async () => {
      const start = performance.now();
      try {
        const result = await processor(job, token, signal);
        const seconds = secondsSince(start);
        metrics.jobEnded(job.queueName, 'completed', seconds);
        logger.log({ durationMs: Math.round(seconds * 1000) }, `job ${job.name} completed`);
        return result;
      } catch (error) {
        const seconds = secondsSince(start);
        metrics.jobEnded(job.queueName, 'failed', seconds);
        logger.warn(
          { durationMs: Math.round(seconds * 1000), attempt: job.attemptsMade + 1 },
          `job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw error;
      }
    });
  };
}

let decorated = false;

/**
 * The worker's job instrumentation: the processors' wrapper (installed when this provider is
 * built, so before BullMQ's workers are registered at module init), and the depth of each queue
 * of this process, read at each scrape (rtd_queue_jobs).
 */
@Injectable()
export class JobInstrumentation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stops: (() => void)[] = [];

  constructor(private readonly discovery: DiscoveryService) {
    if (!decorated) {
      decorated = true;
      const original = ProcessorDecoratorService.prototype.decorate;
      ProcessorDecoratorService.prototype.decorate = function (processor: ProcessorFn) {
        return runJobInstrumented(original.call(this, processor));
      };
    }
  }

  onApplicationBootstrap(): void {
    const queues = new Map<string, Queue>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.isDependencyTreeStatic() ? wrapper.instance : null;
      if (instance instanceof Queue) queues.set(instance.name, instance);
    }
    for (const [name, queue] of queues) {
      this.stops.push(
        probeQueueDepth(async (set) => {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) set({ queue: name, state }, counts[state] ?? 0);
        }),
      );
    }
  }

  onApplicationShutdown(): void {
    this.stops.splice(0).forEach((stop) => stop());
  }
}
