import { Inject, Injectable } from '@nestjs/common';
import { JobContext } from '@rtd/authz';
import type { MailRecipient } from '@rtd/identity';
import { APP_CONFIG, currentLogContext } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { Mailer } from './mailer';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from './notifications.config';
import type { NotificationKind } from './preferences/notification-kinds';
import { unsubscribeUrl } from './preferences/unsubscribe-link';
import { MailContent, withUnsubscribe } from './templates';

/**
 * Sends each mail once: every mail has a dedupe key naming the event (a decision, a day's digest
 * for one person); a key already in mail_delivery is skipped, so a retried or restarted job sends
 * nothing twice.
 */
@Injectable()
export class MailDelivery {
  constructor(
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  /**
   * Sends unless this event's mail went out or is going out: the key is claimed first (a claim
   * left by a killed run of the same job, or older than ten minutes, may be taken over), released if the relay
   * refuses the mail, and marked sent once it accepts it. With a `kind`, the mail carries the
   * one-click unsubscribe of that kind (RFC 8058) in its headers and its footer.
   */
  async deliver(
    job: JobContext,
    dedupeKey: string,
    recipient: MailRecipient,
    content: MailContent,
    kind?: NotificationKind,
  ): Promise<boolean> {
    const consortiumId = job.consortiumId;
    // Each statement commits on its own: the claim before the mail goes out, the mark after.
    const run = <T>(sql: string, params: unknown[]) =>
      job.run(async (ctx) => (await ctx.db()).query(sql, params) as Promise<T>);
    const messageId = `<${dedupeKey.replace(/[^A-Za-z0-9.-]/g, '.')}@rtdhub>`;
    // The job that claims (queue and job id, from its log context): when a worker is killed
    // mid-send, the job runs again under the same id and takes over its own claim at once; another
    // job's claim is taken over only once it is ten minutes old.
    const log = currentLogContext();
    const claimant = log?.jobId ? `${log.queue ?? ''}:${log.jobId}` : null;
    const claimed = await run<unknown[]>(
      `INSERT INTO mail_delivery AS d (dedupe_key, consortium_id, recipient, subject, message_id, claimed_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (dedupe_key) DO UPDATE SET claimed_at = now(), claimed_by = excluded.claimed_by
         WHERE d.sent_at IS NULL
           AND (d.claimed_at < now() - interval '10 minutes' OR d.claimed_by = excluded.claimed_by)
       RETURNING dedupe_key`,
      [dedupeKey, consortiumId, recipient.email, content.subject, messageId, claimant],
    );
    if (claimed.length === 0) return false;
    let mail = content;
    let headers: Record<string, string> | undefined;
    if (kind) {
      const url = unsubscribeUrl(this.app.publicUrl, this.config.unsubscribeLinkSecret, {
        personId: recipient.personId,
        kind,
      });
      mail = withUnsubscribe(content, url);
      headers = { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    }
    try {
      await this.mailer.send({
        to: recipient.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers,
      });
    } catch (error) {
      await run(`DELETE FROM mail_delivery WHERE dedupe_key = $1 AND sent_at IS NULL`, [dedupeKey]);
      throw error;
    }
    await run(`UPDATE mail_delivery SET sent_at = now() WHERE dedupe_key = $1`, [dedupeKey]);
    return true;
  }
}
