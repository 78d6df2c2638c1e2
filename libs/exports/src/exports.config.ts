import { Module } from '@nestjs/common';
import { ConfigEnv, defineConfigSlice, readInt } from '@rtd/kernel';

/**
 * The exports' own settings (docs/configuration.md): how long a signed link of a file (an export
 * or an evidence file) lives, and how many files may wait for the worker. The links' key,
 * DOWNLOAD_LINK_SECRET, is the kernel's: the calendar feed tokens use it too.
 */
export interface ExportsConfig {
  /** How long a download or upload link lives, in seconds, 30 to 900 (DOWNLOAD_LINK_TTL_SECONDS). */
  downloadLinkTtlSeconds: number;
  /** Files waiting for the worker (queued or being built) a person, and a consortium, may have. */
  exportQueue: ExportQueueLimits;
}

export interface ExportQueueLimits {
  /** Per person or machine client (EXPORT_QUEUE_PER_PERSON). */
  perPerson: number;
  /** Per consortium, every requester of its office and comuni together (EXPORT_QUEUE_PER_CONSORTIUM). */
  perConsortium: number;
}

export function loadExportsConfig(env: ConfigEnv = process.env): ExportsConfig {
  return {
    downloadLinkTtlSeconds: readInt(env, 'DOWNLOAD_LINK_TTL_SECONDS', 300, 30, 900),
    exportQueue: {
      perPerson: readInt(env, 'EXPORT_QUEUE_PER_PERSON', 3, 1, 100),
      perConsortium: readInt(env, 'EXPORT_QUEUE_PER_CONSORTIUM', 20, 1, 1000),
    },
  };
}

export const exportsConfig = defineConfigSlice('exports', loadExportsConfig);

/** Injection token of ExportsConfig. */
export const EXPORTS_CONFIG = exportsConfig.token;

/** Provides EXPORTS_CONFIG, validated when the application starts. */
@Module({ providers: [exportsConfig.provider], exports: [EXPORTS_CONFIG] })
export class ExportsConfigModule {}
