import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { PreparedAuditEntry } from '@rtd/audit';
import { AssignmentRow, EVIDENCE_COLUMNS, EvidenceRow } from './assignments.repository';
import type { FileFacts } from './evidence-content';

export interface EvidenceActor {
  subject: string;
  personId: string | null;
  requestId: string;
}

/** The SQL of evidence files and of removing evidence (the bytes: EvidenceStorage). */
@Injectable()
export class EvidenceRepository {
  /** One evidence of one assignment (current or removed), as the caller may see it. */
  async byId(db: EntityManager, id: string): Promise<EvidenceRow | null> {
    const [row] = await db.query(`SELECT ${EVIDENCE_COLUMNS} FROM evidence WHERE id = $1`, [id]);
    return row ?? null;
  }

  /**
   * What an assignment holds now (removed evidence does not count), with the assignment's row
   * locked until the end of the transaction: concurrent uploads to one assignment measure and
   * insert one after the other, so the bounds checked on these numbers hold.
   */
  async lockAndMeasure(
    db: EntityManager,
    assignmentId: string,
  ): Promise<{ evidence: number; files: number; bytes: number }> {
    await db.query(`SELECT 1 FROM assignment WHERE id = $1 FOR NO KEY UPDATE`, [assignmentId]);
    const [row] = await db.query(
      `SELECT count(*)::int AS evidence, (count(*) FILTER (WHERE kind = 'FILE'))::int AS files,
              coalesce(sum(size_bytes), 0)::bigint AS bytes
         FROM evidence WHERE assignment_id = $1 AND removed_at IS NULL`,
      [assignmentId],
    );
    return { evidence: row.evidence, files: row.files, bytes: Number(row.bytes) };
  }

  async insertFile(
    db: EntityManager,
    assignment: AssignmentRow,
    facts: FileFacts,
    description: string,
    actor: EvidenceActor,
  ): Promise<EvidenceRow> {
    const [created] = await db.query(
      `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, description, file_name, content_type,
                             size_bytes, sha256, added_by_subject, added_by_person_id)
       VALUES ($1, $2, $3, 'FILE', $4, $5, $6, $7, $8, $9, $10)
       RETURNING ${EVIDENCE_COLUMNS}`,
      [
        assignment.consortiumId,
        assignment.comuneId,
        assignment.id,
        description,
        facts.fileName,
        facts.contentType,
        facts.sizeBytes,
        facts.sha256,
        actor.subject,
        actor.personId,
      ],
    );
    return created;
  }

  /**
   * Marks the evidence removed (by the actor, replaced by `replacedById` if given), with a history
   * event on the assignment (its status unchanged, the note saying what went) and the audit entry,
   * in ONE statement: all three are written if and only if the evidence was still current.
   * Answers the removed row, or null when it was already removed.
   */
  async removeRecorded(
    db: EntityManager,
    assignment: AssignmentRow,
    evidenceId: string,
    replacedById: string | null,
    note: string,
    actor: EvidenceActor,
    audit: PreparedAuditEntry,
  ): Promise<EvidenceRow | null> {
    const params: unknown[] = [
      evidenceId,
      assignment.id,
      replacedById,
      actor.subject,
      actor.personId,
      assignment.status,
      assignment.progress,
      note,
      actor.requestId,
    ];
    const entry = audit.insertFrom('removed', params.length + 1);
    params.push(...entry.params);
    const [row] = await db.query(
      `WITH removed AS (
         UPDATE evidence SET removed_at = now(), removed_by_subject = $4::text, removed_by_person_id = $5::uuid,
                             replaced_by_id = $3::uuid
          WHERE id = $1 AND assignment_id = $2 AND removed_at IS NULL
          RETURNING *
       ), history AS (
         INSERT INTO status_event (consortium_id, comune_id, assignment_id, from_status, to_status, progress, note,
                                   actor_subject, actor_person_id, request_id)
         SELECT r.consortium_id, r.comune_id, r.assignment_id, $6::text, $6::text, $7::int, $8::text,
                $4::text, $5::uuid, $9::text
           FROM removed r
       ), audit AS (
         ${entry.sql}
       )
       SELECT ${EVIDENCE_COLUMNS} FROM removed`,
      params,
    );
    return row ?? null;
  }
}
