import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The office's reminders ("Sollecita") in an assignment's history: status_event rows with reminded_on. */
@Injectable()
export class AssignmentRemindersRepository {
  /**
   * One history entry for the reminder of `day`, the status unchanged; false when the assignment
   * was already reminded that day (the unique index status_event_reminder_day decides, so two
   * offices clicking at once still make one reminder).
   */
  async recordReminder(
    db: EntityManager,
    assignment: { id: string; consortiumId: string; comuneId: string; status: string; progress: number },
    day: string,
    note: string,
    actor: { subject: string; personId: string | null; requestId: string },
  ): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress, note,
                                 actor_subject, actor_person_id, request_id, reminded_on)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10::date)
       ON CONFLICT (assignment_id, reminded_on) WHERE reminded_on IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        assignment.consortiumId,
        assignment.comuneId,
        assignment.id,
        assignment.status,
        assignment.progress,
        note,
        actor.subject,
        actor.personId,
        actor.requestId,
        day,
      ],
    );
    return rows.length > 0;
  }

  async remindedOn(db: EntityManager, assignmentId: string, day: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM status_event WHERE assignment_id = $1 AND reminded_on = $2::date`,
      [assignmentId, day],
    );
    return rows.length > 0;
  }

  /** The open activities of published objectives of one comune in one consortium (row-level security applies). */
  async openOfComune(
    db: EntityManager,
    consortiumId: string,
    comuneId: string,
  ): Promise<{ id: string; consortiumId: string; comuneId: string; status: string; progress: number }[]> {
    return db.query(
      `SELECT a.id, a.consortium_id AS "consortiumId", a.comune_id AS "comuneId", a.status, a.progress
         FROM assignment a JOIN shared_objective o ON o.id = a.objective_id
        WHERE a.consortium_id = $1 AND a.comune_id = $2 AND o.state = 'PUBLISHED'
          AND a.status IN ('NOT_STARTED', 'IN_PROGRESS', 'REJECTED')
        ORDER BY a.id`,
      [consortiumId, comuneId],
    );
  }
}
