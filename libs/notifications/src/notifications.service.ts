import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { APP_CONFIG } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { allConsortia } from '@rtd/tenancy';
import { Mailer } from './mailer';
import { MailContent, officeDigestMail, referentDigestMail, reviewDecisionMail } from './templates';

/** The system subject the notification jobs act as (JobContext.forJob). */
export const NOTIFICATIONS_SUBJECT = 'system:notifications';

interface Recipient {
  personId: string;
  email: string;
  name: string;
}

/**
 * Who gets which e-mail, and the guarantee that each goes out once: every mail has a dedupe key
 * naming the event (a decision, a day's digest for one person); a key already in mail_delivery
 * is skipped, so a retried or restarted job sends nothing twice. Each step runs in its own
 * transaction of the job's context (JobContext.run), with one consortium's rights at a time.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The decision on a report, to the municipality's referents (and the delegate, if any); `job`
   * acts for the assignment's consortium (JobContext.forJob with the job's payload).
   */
  async sendReviewDecision(job: JobContext, assignmentId: string, version: number) {
    const facts = await job.run(async (ctx) => {
      const manager = await ctx.db();
      const [row] = await manager.query(
        `SELECT a.comune_id, a.delegate_person_id, c.name AS comune_name, o.title, coalesce(a.due_date, o.due_date) AS due,
                e.to_status, e.note
           FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
           JOIN LATERAL (SELECT to_status, note FROM status_event WHERE assignment_id = a.id
                          AND to_status IN ('COMPLETED', 'REJECTED') ORDER BY id DESC LIMIT 1) e ON true
          WHERE a.id = $1`,
        [assignmentId],
      );
      if (!row) return null;
      const recipients = await this.recipients(manager, {
        roles: ['COMUNE_REFERENT'],
        comuneId: row.comune_id,
        extraPersonId: row.delegate_person_id,
      });
      return { row, recipients };
    });
    if (!facts) return 0;
    let sent = 0;
    for (const recipient of facts.recipients) {
      const mail = reviewDecisionMail({
        recipientName: recipient.name,
        comuneName: facts.row.comune_name,
        objectiveTitle: facts.row.title,
        decision: facts.row.to_status === 'COMPLETED' ? 'APPROVE' : 'REJECT',
        reason: facts.row.note,
        dueDate: facts.row.due,
        link: `${this.config.publicUrl}/assegnazioni/${assignmentId}`,
      });
      if (
        await this.deliver(job, `review:${assignmentId}:v${version}:${recipient.personId}`, recipient, mail)
      )
        sent++;
    }
    return sent;
  }

  /** The morning digests of `day` (YYYY-MM-DD in Rome): deadlines to referents, reports to review to the office. */
  async sendDailyDigests(job: JobContext, day: string): Promise<number> {
    // Listing the consortia is the one right this needs beyond each consortium's own.
    const consortia = await job.listingConsortia().run(async (ctx) => allConsortia(await ctx.db()));
    let sent = 0;
    for (const consortium of consortia)
      sent += await this.digestsOf(job.forConsortium(consortium.id), consortium, day);
    this.logger.log(`daily digests of ${day}: ${sent} e-mails`);
    return sent;
  }

  private async digestsOf(job: JobContext, consortium: { id: string; name: string }, day: string) {
    const plan = await job.run(async (ctx) => {
      const db = await ctx.db();
      const open: {
        comune_id: string;
        comune_name: string;
        title: string;
        due: string;
        status: string;
        progress: number;
        delegate_person_id: string | null;
      }[] = await db.query(
        `SELECT a.comune_id, c.name AS comune_name, o.title, coalesce(a.due_date, o.due_date) AS due, a.status,
                a.progress, a.delegate_person_id
           FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
          WHERE a.consortium_id = $1 AND o.state = 'PUBLISHED'
            AND a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'REJECTED')
            AND coalesce(a.due_date, o.due_date) <= $2::date + 30
          ORDER BY due, o.title`,
        [consortium.id, day],
      );
      const submitted: { title: string; comune_name: string; submitted_at: Date }[] = await db.query(
        `SELECT o.title, c.name AS comune_name,
                (SELECT max(at) FROM status_event e WHERE e.assignment_id = a.id AND e.to_status = 'SUBMITTED') AS submitted_at
           FROM assignment a JOIN comune c ON c.id = a.comune_id JOIN shared_objective o ON o.id = a.objective_id
          WHERE a.consortium_id = $1 AND a.status = 'SUBMITTED' ORDER BY submitted_at, c.name`,
        [consortium.id],
      );
      const byComune = new Map<string, typeof open>();
      for (const item of open) byComune.set(item.comune_id, [...(byComune.get(item.comune_id) ?? []), item]);
      const referents = new Map<string, Recipient[]>();
      for (const comuneId of byComune.keys()) {
        referents.set(comuneId, await this.recipients(db, { roles: ['COMUNE_REFERENT'], comuneId }));
      }
      const office = submitted.length
        ? await this.recipients(db, {
            roles: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'],
            consortiumId: consortium.id,
          })
        : [];
      return { byComune, referents, submitted, office };
    });

    let sent = 0;
    const dayNumber = Date.parse(`${day}T00:00:00Z`);
    const daysTo = (due: string) => Math.round((Date.parse(`${due}T00:00:00Z`) - dayNumber) / 86_400_000);
    for (const [comuneId, items] of plan.byComune) {
      const toItem = (i: (typeof items)[number]) => ({
        objectiveTitle: i.title,
        dueDate: i.due,
        status: i.status as never,
        progress: i.progress,
      });
      const overdue = items.filter((i) => daysTo(i.due) < 0).map(toItem);
      const dueWithin7 = items.filter((i) => daysTo(i.due) >= 0 && daysTo(i.due) <= 7).map(toItem);
      const dueWithin30 = items.filter((i) => daysTo(i.due) > 7 && daysTo(i.due) <= 30).map(toItem);
      for (const recipient of plan.referents.get(comuneId) ?? []) {
        const mail = referentDigestMail({
          recipientName: recipient.name,
          comuneName: items[0].comune_name,
          today: day,
          overdue,
          dueWithin7,
          dueWithin30,
          link: `${this.config.publicUrl}/assegnazioni`,
        });
        const key = `digest:${day}:referent:${recipient.personId}:${comuneId}`;
        if (await this.deliver(job, key, recipient, mail)) sent++;
      }
    }
    for (const recipient of plan.office) {
      const mail = officeDigestMail({
        recipientName: recipient.name,
        consortiumName: consortium.name,
        today: day,
        submitted: plan.submitted.map((s) => ({
          objectiveTitle: s.title,
          comuneName: s.comune_name,
          submittedAt: s.submitted_at,
        })),
        link: `${this.config.publicUrl}/verifiche`,
      });
      const key = `digest:${day}:office:${recipient.personId}:${consortium.id}`;
      if (await this.deliver(job, key, recipient, mail)) sent++;
    }
    return sent;
  }

  private async recipients(
    db: EntityManager,
    who: { roles: string[]; comuneId?: string; consortiumId?: string; extraPersonId?: string | null },
  ): Promise<Recipient[]> {
    const rows: { id: string; email: string | null; name: string | null }[] = await db.query(
      `SELECT DISTINCT p.id, p.email, nullif(trim(concat_ws(' ', p.given_name, p.family_name)), '') AS name
         FROM person p
        WHERE p.email IS NOT NULL AND (
              p.id IN (SELECT person_id FROM membership WHERE revoked_at IS NULL AND role = ANY($1)
                        AND ($2::uuid IS NULL OR comune_id = $2) AND ($3::uuid IS NULL OR consortium_id = $3))
              OR p.id = $4::uuid)
        ORDER BY p.id`,
      [who.roles, who.comuneId ?? null, who.consortiumId ?? null, who.extraPersonId ?? null],
    );
    return rows
      .filter((row): row is { id: string; email: string; name: string | null } => row.email !== null)
      .map((row) => ({ personId: row.id, email: row.email, name: row.name ?? row.email }));
  }

  /**
   * Sends unless this event's mail went out or is going out: the key is claimed first (a claim
   * older than ten minutes, left by a crashed worker, may be taken over), released if the relay
   * refuses the mail, and marked sent once it accepts it.
   */
  private async deliver(
    job: JobContext,
    dedupeKey: string,
    recipient: Recipient,
    mail: MailContent,
  ): Promise<boolean> {
    const consortiumId = job.consortiumId;
    // Each statement commits on its own: the claim before the mail goes out, the mark after.
    const run = <T>(sql: string, params: unknown[]) =>
      job.run(async (ctx) => (await ctx.db()).query(sql, params) as Promise<T>);
    const messageId = `<${dedupeKey.replace(/[^A-Za-z0-9.-]/g, '.')}@rtdhub>`;
    const claimed = await run<unknown[]>(
      `INSERT INTO mail_delivery AS d (dedupe_key, consortium_id, recipient, subject, message_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dedupe_key) DO UPDATE SET claimed_at = now()
         WHERE d.sent_at IS NULL AND d.claimed_at < now() - interval '10 minutes'
       RETURNING dedupe_key`,
      [dedupeKey, consortiumId, recipient.email, mail.subject, messageId],
    );
    if (claimed.length === 0) return false;
    try {
      await this.mailer.send({
        to: recipient.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
      });
    } catch (error) {
      await run(`DELETE FROM mail_delivery WHERE dedupe_key = $1 AND sent_at IS NULL`, [dedupeKey]);
      throw error;
    }
    await run(`UPDATE mail_delivery SET sent_at = now() WHERE dedupe_key = $1`, [dedupeKey]);
    return true;
  }
}
