import { Module } from '@nestjs/common';
import { ConfigEnv, defineConfigSlice, readInt } from '@rtd/kernel';

/**
 * The privacy domain's own settings (docs/configuration.md): how long what the service keeps about
 * people's activity is kept, before the nightly retention job deletes it (docs/operations.md).
 */
export interface PrivacyConfig {
  retention: RetentionPeriods;
}

/** Days each kind of record is kept before the nightly retention job deletes it. */
export interface RetentionPeriods {
  /** The record of each e-mail sent (recipient, subject, when): RETENTION_MAIL_DAYS. */
  mailDays: number;
  /** Outbox messages whose job has finished (the background work log): RETENTION_OUTBOX_DAYS. */
  outboxDays: number;
  /** Any export file, whatever its own expiry: RETENTION_EXPORT_DAYS. */
  exportDays: number;
}

export function loadPrivacyConfig(env: ConfigEnv = process.env): PrivacyConfig {
  return {
    retention: {
      mailDays: readInt(env, 'RETENTION_MAIL_DAYS', 365, 1, 3650),
      outboxDays: readInt(env, 'RETENTION_OUTBOX_DAYS', 30, 1, 3650),
      exportDays: readInt(env, 'RETENTION_EXPORT_DAYS', 400, 1, 3650),
    },
  };
}

export const privacyConfig = defineConfigSlice('privacy', loadPrivacyConfig);

/** Injection token of PrivacyConfig. */
export const PRIVACY_CONFIG = privacyConfig.token;

/** Provides PRIVACY_CONFIG, validated when the application starts. */
@Module({ providers: [privacyConfig.provider], exports: [PRIVACY_CONFIG] })
export class PrivacyConfigModule {}
