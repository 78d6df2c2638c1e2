import { createHmac } from 'node:crypto';
import { Module } from '@nestjs/common';
import {
  ConfigEnv,
  defineConfigSlice,
  DEV_DB_CONTEXT_KEY,
  readSecret,
  readString,
  readUrl,
} from '@rtd/kernel';

/**
 * The notifications' own settings (docs/configuration.md): the outgoing mail relay, the sender and
 * the key of the one-click unsubscribe links. Links in mails use the kernel's PUBLIC_URL.
 */
export interface NotificationsConfig {
  /** Outgoing mail relay, e.g. smtp://user:pass@relay:587 (smtps:// for implicit TLS) (SMTP_URL). */
  smtpUrl: string;
  /** Sender of every e-mail, e.g. "Ufficio RTD" <rtd@example.it> (MAIL_FROM). */
  mailFrom: string;
  /**
   * HMAC key of the one-click unsubscribe links of the mails (preferences/unsubscribe-link.ts),
   * signed by the worker and checked by the API (UNSUBSCRIBE_LINK_SECRET; by default derived from
   * DB_CONTEXT_KEY, which every process shares). Never logged.
   */
  unsubscribeLinkSecret: string;
}

export function loadNotificationsConfig(env: ConfigEnv = process.env): NotificationsConfig {
  return {
    smtpUrl: readUrl(env, 'SMTP_URL', 'smtp://127.0.0.1:2525', ['smtp:', 'smtps:']),
    mailFrom: readString(env, 'MAIL_FROM', 'RTD Hub <noreply@rtdhub.localhost>'),
    unsubscribeLinkSecret: readSecret(
      env,
      'UNSUBSCRIBE_LINK_SECRET',
      createHmac('sha256', readString(env, 'DB_CONTEXT_KEY', DEV_DB_CONTEXT_KEY))
        .update('rtd-hub/unsubscribe-links/v1')
        .digest('base64url'),
      32,
    ),
  };
}

export const notificationsConfig = defineConfigSlice('notifications', loadNotificationsConfig);

/** Injection token of NotificationsConfig. */
export const NOTIFICATIONS_CONFIG = notificationsConfig.token;

/** Provides NOTIFICATIONS_CONFIG, validated when the application starts. */
@Module({ providers: [notificationsConfig.provider], exports: [NOTIFICATIONS_CONFIG] })
export class NotificationsConfigModule {}
