import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  assignmentNotice,
  AssignmentNoticeFacts,
  openAssignmentsOfObjective,
  pushRunNotices,
} from '@rtd/assignments';
import { JobContext } from '@rtd/authz';
import { mailRecipients, mailRecipientsByComune } from '@rtd/identity';
import type { MailRecipient } from '@rtd/identity';
import { APP_CONFIG } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import type { ObjectiveChangedMessage, PublishedMessage } from '@rtd/objectives';
import type { ReminderMessage } from '@rtd/assignments';
import { MailDelivery } from '../mail-delivery';
import { Delivery, KIND_RULES, NotificationKind } from '../preferences/notification-kinds';
import { preferencesQueries } from '../preferences/preferences.repository';
import { MailContent } from '../templates';
import { queueForSummary } from './daily-summary';
import {
  ComuneNotices,
  newAssignmentsByComuneMail,
  NoticeItem,
  objectiveChangedByComuneMail,
  reminderMail,
  submissionMail,
} from './notice-templates';

interface Addressed {
  recipient: MailRecipient;
  delivery: Delivery;
}

/**
 * The notices of issue 22: new activities after a publish, a submission to the office, the
 * office's reminder, a changed due date or a closed objective. Each goes to its people as each
 * prefers (NotificationKind): at once (once, by its dedupe key, MailDelivery), into the daily
 * summary (notification_digest_item), or not at all. `job` acts for the message's consortium.
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly delivery: MailDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private item(row: AssignmentNoticeFacts): NoticeItem {
    return {
      objectiveTitle: row.title,
      dueDate: row.due,
      link: `${this.config.publicUrl}/assegnazioni/${row.assignment_id}`,
    };
  }

  /**
   * Each referent of the comuni the push run reached: ONE mail per person, listing the new
   * activities of each of their comuni under its name (a segretario comunale who is referent of
   * three comuni gets one mail, not three). The message is put in the outbox once the whole push
   * run is done (FanOut), so every comune's activities are there when it is read; its dedupe key
   * names the push run and the person, so a job run again sends each person nothing more.
   */
  async sendPublished(job: JobContext, message: PublishedMessage): Promise<number> {
    const plan = await job.run(async (ctx) => {
      const db = await ctx.db();
      const rows = await pushRunNotices(db, message.pushRunId);
      const comuneIds = [...new Set(rows.map((row) => row.comune_id))];
      const byComune = await mailRecipientsByComune(db, ['COMUNE_REFERENT'], comuneIds);
      const comuniOf = new Map<string, { recipient: MailRecipient; comuneIds: Set<string> }>();
      for (const [comuneId, recipients] of byComune)
        for (const recipient of recipients) {
          const entry = comuniOf.get(recipient.personId) ?? { recipient, comuneIds: new Set<string>() };
          entry.comuneIds.add(comuneId);
          comuniOf.set(recipient.personId, entry);
        }
      const people = await this.address(
        db,
        'NEW_ASSIGNMENTS',
        [...comuniOf.values()].map((entry) => entry.recipient),
      );
      return { rows, comuniOf, people };
    });
    let sent = 0;
    for (const { recipient, delivery } of plan.people) {
      const theirs = plan.comuniOf.get(recipient.personId)!.comuneIds;
      // The push run's rows come by comune name: the comuni in that order, each with its activities.
      const comuni: ComuneNotices[] = [];
      const rowsOf = new Map<string, AssignmentNoticeFacts[]>();
      for (const row of plan.rows) {
        if (!theirs.has(row.comune_id)) continue;
        if (!rowsOf.has(row.comune_id)) rowsOf.set(row.comune_id, []);
        rowsOf.get(row.comune_id)!.push(row);
      }
      for (const rows of rowsOf.values())
        comuni.push({ comuneName: rows[0].comune_name, items: rows.map((row) => this.item(row)) });
      sent += await this.route(job, 'NEW_ASSIGNMENTS', recipient, delivery, {
        key: `published:${message.pushRunId}:${recipient.personId}`,
        mail: () => newAssignmentsByComuneMail({ recipientName: recipient.name, comuni }),
        summary: comuni.flatMap((comune) =>
          comune.items.map((i) => ({
            line: `${i.objectiveTitle} – Comune di ${comune.comuneName} – ${dueLine(i.dueDate)}`,
            link: i.link,
          })),
        ),
      });
    }
    return sent;
  }

  /** The office's reviewers (RTD and staff): at once if they chose so; the morning digest lists the rest. */
  async sendSubmitted(job: JobContext, assignmentId: string, version: number): Promise<number> {
    const plan = await job.run(async (ctx) => {
      const db = await ctx.db();
      const row = await assignmentNotice(db, assignmentId);
      if (!row || row.status !== 'SUBMITTED') return null;
      const office = await mailRecipients(db, {
        roles: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'],
        consortiumId: job.consortiumId ?? undefined,
      });
      return { row, people: await this.address(db, 'SUBMISSIONS', office) };
    });
    if (!plan) return 0;
    let sent = 0;
    const item = this.item(plan.row);
    for (const { recipient, delivery } of plan.people) {
      // DIGEST: the office's morning digest lists every report waiting for review.
      if (delivery !== 'IMMEDIATE') continue;
      sent += await this.route(job, 'SUBMISSIONS', recipient, delivery, {
        key: `submitted:${assignmentId}:v${version}:${recipient.personId}`,
        mail: () => submissionMail({ recipientName: recipient.name, comuneName: plan.row.comune_name, item }),
        summary: [],
      });
    }
    return sent;
  }

  /**
   * "Sollecita": the comune's referents and each activity's delegate, one mail per person listing
   * the activities reminded (one, or a whole comune's from the Cruscotto).
   */
  async sendReminder(job: JobContext, message: ReminderMessage): Promise<number> {
    const ids = message.assignmentIds ?? [message.assignmentId];
    const plan = await job.run(async (ctx) => {
      const db = await ctx.db();
      const byPerson = new Map<string, { who: Addressed; rows: AssignmentNoticeFacts[] }>();
      for (const id of ids) {
        const row = await assignmentNotice(db, id);
        if (!row) continue;
        for (const who of await this.comunePeople(db, 'REMINDERS', row)) {
          const entry = byPerson.get(who.recipient.personId) ?? { who, rows: [] };
          entry.rows.push(row);
          byPerson.set(who.recipient.personId, entry);
        }
      }
      return [...byPerson.values()];
    });
    let sent = 0;
    for (const { who, rows } of plan) {
      const { recipient, delivery } = who;
      const items = rows.map((row) => this.item(row));
      const key =
        ids.length === 1
          ? `reminder:${ids[0]}:${message.day}:${recipient.personId}`
          : `reminder:${rows[0].comune_id}:${message.day}:${ids[0]}:${recipient.personId}`;
      sent += await this.route(job, 'REMINDERS', recipient, delivery, {
        key,
        mail: () => reminderMail({ recipientName: recipient.name, comuneName: rows[0].comune_name, items }),
        summary: items.map((item) => ({
          line: `Sollecito: ${item.objectiveTitle} – Comune di ${rows[0].comune_name}`,
          link: item.link,
        })),
      });
    }
    return sent;
  }

  /**
   * A new due date or a closure: the people of each comune with the objective still open, ONE mail
   * per person listing each of their comuni's activity under its name (a segretario of three comuni
   * gets one mail, not three). The key names the change and the person, so a job run again sends
   * each person nothing more.
   */
  async sendObjectiveChanged(job: JobContext, message: ObjectiveChangedMessage): Promise<number> {
    const plan = await job.run(async (ctx) => {
      const db = await ctx.db();
      const rows = await openAssignmentsOfObjective(db, message.objectiveId);
      const perPerson = new Map<string, { addressed: Addressed; rows: AssignmentNoticeFacts[] }>();
      for (const row of rows)
        for (const addressed of await this.comunePeople(db, 'CHANGES', row)) {
          const entry = perPerson.get(addressed.recipient.personId) ?? { addressed, rows: [] };
          entry.rows.push(row);
          perPerson.set(addressed.recipient.personId, entry);
        }
      return [...perPerson.values()];
    });
    let sent = 0;
    const what = message.change === 'closed' ? 'Obiettivo chiuso' : 'Nuova scadenza';
    for (const { addressed, rows } of plan) {
      const { recipient, delivery } = addressed;
      const comuni: ComuneNotices[] = [...rows]
        .sort((x, y) => x.comune_name.localeCompare(y.comune_name, 'it'))
        .map((row) => ({ comuneName: row.comune_name, items: [this.item(row)] }));
      sent += await this.route(job, 'CHANGES', recipient, delivery, {
        key: `objective:${message.change}:${message.objectiveId}:v${message.version}:${recipient.personId}`,
        mail: () =>
          objectiveChangedByComuneMail({ recipientName: recipient.name, change: message.change, comuni }),
        summary: comuni.map(({ comuneName, items: [item] }) => ({
          line: `${what}: ${item.objectiveTitle} – Comune di ${comuneName} – ${dueLine(item.dueDate)}`,
          link: item.link,
        })),
      });
    }
    return sent;
  }

  private async comunePeople(db: EntityManager, kind: NotificationKind, row: AssignmentNoticeFacts) {
    const people = await mailRecipients(db, {
      roles: ['COMUNE_REFERENT'],
      comuneId: row.comune_id,
      extraPersonId: row.delegate_person_id,
    });
    return this.address(db, kind, people);
  }

  /** Each recipient with their choice for `kind` (the kind's default when they never chose). */
  private async address(
    db: EntityManager,
    kind: NotificationKind,
    people: MailRecipient[],
  ): Promise<Addressed[]> {
    const chosen = await preferencesQueries.chosenFor(
      db,
      kind,
      people.map((p) => p.personId),
    );
    return people.map((recipient) => ({
      recipient,
      delivery: chosen.get(recipient.personId) ?? KIND_RULES[kind].default,
    }));
  }

  private async route(
    job: JobContext,
    kind: NotificationKind,
    recipient: MailRecipient,
    delivery: Delivery,
    notice: { key: string; mail: () => MailContent; summary: { line: string; link: string }[] },
  ): Promise<number> {
    if (delivery === 'OFF') return 0;
    if (delivery === 'DIGEST') {
      await job.run(async (ctx) =>
        queueForSummary(
          await ctx.db(),
          job.consortiumId,
          recipient.personId,
          kind,
          notice.key,
          notice.summary,
        ),
      );
      return 0;
    }
    return (await this.delivery.deliver(job, notice.key, recipient, notice.mail(), kind)) ? 1 : 0;
  }
}

function dueLine(due: string | null): string {
  return due ? `scadenza ${due.split('-').reverse().join('/')}` : 'senza scadenza';
}
