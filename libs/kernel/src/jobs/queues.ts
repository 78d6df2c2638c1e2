/**
 * Every BullMQ queue of RTD Hub, in one place: its name on Redis (under the configured prefix) and
 * what it carries. Each domain's jobs module registers and processes its own queue; the names live
 * here so that no service invents one and two domains never share one by accident.
 */
export const QUEUES = {
  /** The worker's liveness beat (libs/platform). */
  heartbeat: 'heartbeat',
  /** Compliance snapshots and roll-ups (libs/compliance). */
  compliance: 'compliance',
  /** Files people ask for: schede, sheets, reports, the Piano (libs/exports). */
  exports: 'exports',
  /** The daily export work: scheduled periodic reports (libs/exports). */
  exportsDaily: 'exports-daily',
  /** The fan-out of a published objective to its municipalities (libs/objectives). */
  pushRuns: 'push-runs',
  /** E-mails: decisions at once, digests every morning (libs/notifications; the workflow's topic). */
  notifications: 'notifications',
  /** Retention of personal data (libs/privacy). */
  retention: 'retention',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
