import { JobContext } from '@rtd/authz';
import { mailRecipients } from '@rtd/identity';
import type { MailDelivery } from '../mail-delivery';
import { KIND_RULES, NotificationKind } from '../preferences/notification-kinds';
import { markSummarised, pendingSummaryItems, PendingSummaryItem } from './daily-summary';
import { dailySummaryMail } from './notice-templates';

/**
 * The daily summaries of one consortium (`job` acts for it), sent with the morning digests: per
 * person and kind, one mail listing the notices they chose to receive "nel riepilogo giornaliero",
 * sent once (its dedupe key names the day), then the notices are marked as summarised.
 */
export async function summariesOf(job: JobContext, delivery: MailDelivery, day: string): Promise<number> {
  const consortiumId = job.consortiumId;
  if (!consortiumId) return 0;
  const pending = await job.run(async (ctx) => pendingSummaryItems(await ctx.db(), consortiumId, day));
  const groups = new Map<string, PendingSummaryItem[]>();
  for (const item of pending) {
    const key = `${item.person_id}:${item.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  let sent = 0;
  for (const items of groups.values()) {
    const { person_id: personId, kind } = items[0];
    const [recipient] = await job.run(async (ctx) =>
      mailRecipients(await ctx.db(), { roles: [], extraPersonId: personId }),
    );
    if (recipient) {
      const mail = dailySummaryMail({
        recipientName: recipient.name,
        kindLabel: KIND_RULES[kind as NotificationKind].label,
        today: day,
        lines: items.map((i) => ({ line: i.line, link: i.link })),
      });
      const key = `summary:${day}:${personId}:${kind}:${consortiumId}`;
      if (await delivery.deliver(job, key, recipient, mail, kind)) sent++;
    }
    await job.run(async (ctx) =>
      markSummarised(
        await ctx.db(),
        items.map((i) => i.id),
        day,
      ),
    );
  }
  return sent;
}
