import type { TableOwnership } from '@rtd/kernel';

/** One row per e-mail sent or being sent: the dedupe key that makes each mail go out once. */
export const NOTIFICATIONS_TABLES: TableOwnership = {
  library: 'notifications',
  owns: ['mail_delivery', 'notification_preference', 'notification_digest_item'],
};
