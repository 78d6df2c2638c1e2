import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { openAssignmentsDueSoon, reviewDecisionFacts, submittedAssignments } from '@rtd/assignments';
import type { OpenAssignmentNotice } from '@rtd/assignments';
import { JobContext } from '@rtd/authz';
import { mailRecipients } from '@rtd/identity';
import type { MailRecipient } from '@rtd/identity';
import { APP_CONFIG } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { allConsortia } from '@rtd/tenancy';
import { MailDelivery } from './mail-delivery';
import { KIND_RULES, NotificationKind } from './preferences/notification-kinds';
import { preferencesQueries } from './preferences/preferences.repository';
import { summariesOf } from './notices/daily-summaries';
import { deadlineDigestMail } from './digest-templates';
import { consortiumReportMail, MailContent, officeDigestMail, reviewDecisionMail } from './templates';

/** The system subject the notification jobs act as (JobContext.forJob). */
export const NOTIFICATIONS_SUBJECT = 'system:notifications';

type Recipient = MailRecipient;

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
    private readonly delivery: MailDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The decision on a report, to the municipality's referents (and the delegate, if any); `job`
   * acts for the assignment's consortium (JobContext.forJob with the job's payload).
   */
  async sendReviewDecision(job: JobContext, assignmentId: string, version: number) {
    const facts = await job.run(async (ctx) => {
      const manager = await ctx.db();
      const row = await reviewDecisionFacts(manager, assignmentId);
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
    for (const consortium of consortia) {
      sent += await this.digestsOf(job.forConsortium(consortium.id), consortium, day);
      sent += await summariesOf(job.forConsortium(consortium.id), this.delivery, day);
    }
    this.logger.log(`daily digests of ${day}: ${sent} e-mails`);
    return sent;
  }

  private async digestsOf(job: JobContext, consortium: { id: string; name: string }, day: string) {
    const plan = await job.run(async (ctx) => {
      const db = await ctx.db();
      const open = await openAssignmentsDueSoon(db, consortium.id, day);
      const submitted = await submittedAssignments(db, consortium.id);
      const byComune = new Map<string, typeof open>();
      for (const item of open) byComune.set(item.comune_id, [...(byComune.get(item.comune_id) ?? []), item]);
      // Reminders at 30, 7 and 1 days before the due date and weekly while overdue (issue 22),
      // one digest per person and morning (a segretario of several comuni gets one): a referent sees all the open work of each
      // of their comuni, a delegate what is delegated to them there (a referent who is also a
      // delegate in the same comune already sees it all). It goes out on a day one of the
      // activities it lists reaches such a milestone, and lists each of their comuni under its name.
      const perPerson = new Map<
        string,
        { recipient: Recipient; comuni: Map<string, OpenAssignmentNotice[]> }
      >();
      const add = (recipient: Recipient, comuneId: string, items: OpenAssignmentNotice[]) => {
        const entry = perPerson.get(recipient.personId) ?? { recipient, comuni: new Map() };
        entry.comuni.set(comuneId, items);
        perPerson.set(recipient.personId, entry);
      };
      for (const [comuneId, items] of byComune) {
        const referents = await this.recipients(db, { roles: ['COMUNE_REFERENT'], comuneId });
        for (const recipient of await this.wanting(db, 'DEADLINES', referents, 'DIGEST'))
          add(recipient, comuneId, items);
        const delegates = new Set(
          items
            .map((item) => item.delegate_person_id)
            .filter((id) => id !== null && !referents.some((r) => r.personId === id)),
        );
        for (const delegateId of delegates) {
          const theirs = items.filter((item) => item.delegate_person_id === delegateId);
          const people = await this.recipients(db, { roles: [], extraPersonId: delegateId });
          for (const recipient of await this.wanting(db, 'DEADLINES', people, 'DIGEST'))
            add(recipient, comuneId, theirs);
        }
      }
      const digests = [...perPerson.values()].filter(({ comuni }) =>
        [...comuni.values()].some((items) => items.some((item) => isMilestone(daysBetween(day, item.due)))),
      );
      const office = submitted.length
        ? await this.wanting(
            db,
            'SUBMISSIONS',
            await this.recipients(db, {
              roles: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'],
              consortiumId: consortium.id,
            }),
            'DIGEST',
          )
        : [];
      return { digests, submitted, office };
    });

    let sent = 0;
    const daysTo = (due: string) => daysBetween(day, due);
    const toItem = (i: OpenAssignmentNotice) => ({
      objectiveTitle: i.title,
      dueDate: i.due,
      status: i.status as never,
      progress: i.progress,
    });
    for (const { recipient, comuni } of plan.digests) {
      const parts = [...comuni.values()]
        .sort((a, b) => a[0].comune_name.localeCompare(b[0].comune_name, 'it'))
        .map((items) => ({
          comuneName: items[0].comune_name,
          overdue: items.filter((i) => daysTo(i.due) < 0).map(toItem),
          dueWithin7: items.filter((i) => daysTo(i.due) >= 0 && daysTo(i.due) <= 7).map(toItem),
          dueWithin30: items.filter((i) => daysTo(i.due) > 7 && daysTo(i.due) <= 30).map(toItem),
        }));
      const mail = deadlineDigestMail({
        recipientName: recipient.name,
        today: day,
        comuni: parts,
        link: `${this.config.publicUrl}/assegnazioni`,
      });
      // One a person, morning and office: the key names no comune.
      const key = `digest:${day}:deadlines:${recipient.personId}:${consortium.id}`;
      if (await this.deliver(job, key, recipient, mail, 'DEADLINES')) sent++;
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
      if (await this.deliver(job, key, recipient, mail, 'SUBMISSIONS')) sent++;
    }
    return sent;
  }

  /**
   * The periodic report of a consortium is ready: to its RTD, once per report (`job` acts for
   * the report's consortium).
   */
  async sendConsortiumReportReady(
    job: JobContext,
    report: { exportJobId: string; consortiumId: string; consortiumName: string; day: string },
  ): Promise<number> {
    const recipients = await job.run(async (ctx) =>
      this.recipients(await ctx.db(), { roles: ['CONSORTIUM_RTD'], consortiumId: report.consortiumId }),
    );
    let sent = 0;
    for (const recipient of recipients) {
      const mail = consortiumReportMail({
        recipientName: recipient.name,
        consortiumName: report.consortiumName,
        day: report.day,
        link: `${this.config.publicUrl}/cruscotto?relazione=${report.exportJobId}`,
      });
      if (await this.deliver(job, `report:${report.exportJobId}:${recipient.personId}`, recipient, mail))
        sent++;
    }
    return sent;
  }

  /** The people whose choice for `kind` (or its default) is `delivery`. */
  private async wanting(db: EntityManager, kind: NotificationKind, people: Recipient[], delivery: string) {
    const chosen = await preferencesQueries.chosenFor(
      db,
      kind,
      people.map((p) => p.personId),
    );
    return people.filter((p) => (chosen.get(p.personId) ?? KIND_RULES[kind].default) === delivery);
  }

  private recipients(
    db: EntityManager,
    who: { roles: string[]; comuneId?: string; consortiumId?: string; extraPersonId?: string | null },
  ): Promise<Recipient[]> {
    return mailRecipients(db, who);
  }

  private deliver(
    job: JobContext,
    dedupeKey: string,
    recipient: Recipient,
    mail: MailContent,
    kind?: NotificationKind,
  ): Promise<boolean> {
    return this.delivery.deliver(job, dedupeKey, recipient, mail, kind);
  }
}

/** Days from `day` to `due` (both `YYYY-MM-DD`): negative once overdue. */
export function daysBetween(day: string, due: string): number {
  return Math.round(
    (Date.parse(`${String(due).slice(0, 10)}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000,
  );
}

/** 30, 7 and 1 days before the due date, and every seventh day from the first day overdue. */
export function isMilestone(daysToDue: number): boolean {
  return daysToDue === 30 || daysToDue === 7 || daysToDue === 1 || (daysToDue < 0 && -daysToDue % 7 === 1);
}
