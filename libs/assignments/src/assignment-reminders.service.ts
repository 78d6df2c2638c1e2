import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { callerAccess } from '@rtd/authz';
import { todayInRome } from '@rtd/dates';
import { actorSubject, conflict, forbidden, RequestContext } from '@rtd/kernel';
import { Outbox } from '@rtd/outbox';
import { AssignmentRemindersRepository } from './assignment-reminders.repository';
import { AssignmentsService } from './assignments.service';
import { AssignmentObject } from './dto/assignment.types';
import { REVIEW_DECISION_TOPIC, ReminderMessage } from './review-decision-message';

const OPEN = ['NOT_STARTED', 'IN_PROGRESS', 'REJECTED'];
export const REMINDER_NOTE =
  "Sollecito dell'Ufficio RTD: il Comune è invitato a completare la rendicontazione.";

/**
 * "Sollecita" (issue 22): the office reminds a comune of an open assignment. At most once per
 * assignment and day (Rome), recorded in the assignment's history and the audit log, mailed to the
 * comune's people through the outbox, all in one transaction.
 */
@Injectable()
export class AssignmentRemindersService {
  constructor(
    private readonly workflow: AssignmentsService,
    private readonly repository: AssignmentRemindersRepository,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
  ) {}

  /** What remind() checks before writing, without refusing: the web shows the button on it. */
  async canRemind(ctx: RequestContext, assignment: AssignmentObject): Promise<boolean> {
    if (!OPEN.includes(assignment.status)) return false;
    const { row, side } = await this.workflow
      .actingSide(ctx, assignment.id)
      .catch(() => ({ row: null, side: null }));
    if (!row || side !== 'office' || row.objectiveState !== 'PUBLISHED') return false;
    return !(await this.repository.remindedOn(await ctx.db(), row.id, todayInRome()));
  }

  async remind(ctx: RequestContext, id: string): Promise<AssignmentObject> {
    const { row, side } = await this.workflow.actingSide(ctx, id);
    if (side !== 'office') throw forbidden("Solo l'Ufficio RTD può sollecitare un Comune");
    if (row.objectiveState !== 'PUBLISHED') throw conflict('Obiettivo chiuso: non si sollecita più');
    if (!OPEN.includes(row.status))
      throw conflict('Si sollecitano solo le attività ancora da rendicontare (non inviate né validate)');
    const day = todayInRome();
    const { scope } = await callerAccess(ctx);
    await ctx.atomically(async (db) => {
      const recorded = await this.repository.recordReminder(db, row, day, REMINDER_NOTE, {
        subject: actorSubject(ctx.actor),
        personId: scope.personId,
        requestId: ctx.requestId,
      });
      if (!recorded)
        throw conflict(
          'Sollecito già inviato oggi per questa attività: se ne può inviare uno al giorno. Riprovare domani.',
        );
      await this.audit.record(db, ctx, {
        action: 'assignment.remind',
        entityType: 'Assignment',
        entityId: row.id,
        consortiumId: row.consortiumId,
        comuneId: row.comuneId,
        details: { day, status: row.status },
      });
      const message: ReminderMessage = {
        kind: 'reminder',
        assignmentId: row.id,
        day,
        consortiumId: row.consortiumId,
      };
      await this.outbox.add(db, {
        topic: REVIEW_DECISION_TOPIC,
        payload: message,
        consortiumId: row.consortiumId,
        dedupeKey: `mail:reminder:${row.id}:${day}`,
      });
    });
    return this.workflow.get(ctx, id);
  }

  /**
   * Sollecita from the Cruscotto's laggards: every open activity of the comune not yet reminded
   * today, each in its history and the audit log, and one mail listing them. Returns how many.
   */
  async remindComune(ctx: RequestContext, consortiumId: string, comuneId: string): Promise<number> {
    const { scope } = await callerAccess(ctx);
    if (!scope.managedConsortia.has(consortiumId))
      throw forbidden("Solo l'Ufficio RTD può sollecitare un Comune");
    const day = todayInRome();
    return ctx.atomically(async (db) => {
      const open = await this.repository.openOfComune(db, consortiumId, comuneId);
      const reminded: string[] = [];
      for (const row of open) {
        const recorded = await this.repository.recordReminder(db, row, day, REMINDER_NOTE, {
          subject: actorSubject(ctx.actor),
          personId: scope.personId,
          requestId: ctx.requestId,
        });
        if (!recorded) continue;
        reminded.push(row.id);
        await this.audit.record(db, ctx, {
          action: 'assignment.remind',
          entityType: 'Assignment',
          entityId: row.id,
          consortiumId,
          comuneId,
          details: { day, status: row.status, fromDashboard: true },
        });
      }
      if (reminded.length === 0)
        throw conflict(
          'Nessuna attività da sollecitare oggi per questo Comune: sono tutte inviate o validate, o già sollecitate oggi.',
        );
      const message: ReminderMessage = {
        kind: 'reminder',
        assignmentId: reminded[0],
        assignmentIds: reminded,
        day,
        consortiumId,
      };
      await this.outbox.add(db, {
        topic: REVIEW_DECISION_TOPIC,
        payload: message,
        consortiumId,
        dedupeKey: `mail:reminder:comune:${comuneId}:${day}:${reminded[0]}`,
      });
      return reminded.length;
    });
  }
}
