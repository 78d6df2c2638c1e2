import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** Where an evidence file's bytes live: the evidence row and its tenancy, as the row holds them. */
export interface StoredFileKey {
  evidenceId: string;
  consortiumId: string;
  comuneId: string;
  assignmentId: string;
}

/**
 * The bytes of evidence files, behind an interface so that another store (an object store, say)
 * could take PostgreSQL's place. Every method runs in the caller's transaction (`db`), so a file
 * is stored, and deleted, with the evidence row that names it, or not at all.
 */
export interface EvidenceStorage {
  put(db: EntityManager, key: StoredFileKey, content: Buffer): Promise<void>;
  /** The bytes, or null when they are not there (removed, or not visible to the caller). */
  get(db: EntityManager, evidenceId: string, assignmentId: string): Promise<Buffer | null>;
  /** Deletes the bytes of a removed evidence; answers whether there were any. */
  delete(db: EntityManager, evidenceId: string, assignmentId: string): Promise<boolean>;
}

export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

/**
 * The default store: table evidence_file (bytea), where tenancy and backups already hold, under
 * the same row-level security as the evidence (migrations/1764000215000-evidence-files.ts).
 */
@Injectable()
export class PostgresEvidenceStorage implements EvidenceStorage {
  async put(db: EntityManager, key: StoredFileKey, content: Buffer): Promise<void> {
    await db.query(
      `INSERT INTO evidence_file (evidence_id, consortium_id, comune_id, assignment_id, content)
       VALUES ($1, $2, $3, $4, $5)`,
      [key.evidenceId, key.consortiumId, key.comuneId, key.assignmentId, content],
    );
  }

  async get(db: EntityManager, evidenceId: string, assignmentId: string): Promise<Buffer | null> {
    const [row] = await db.query(
      `SELECT content FROM evidence_file WHERE evidence_id = $1 AND assignment_id = $2`,
      [evidenceId, assignmentId],
    );
    return row ? (row.content as Buffer) : null;
  }

  async delete(db: EntityManager, evidenceId: string, assignmentId: string): Promise<boolean> {
    const [, count] = await db.query(
      `DELETE FROM evidence_file WHERE evidence_id = $1 AND assignment_id = $2`,
      [evidenceId, assignmentId],
    );
    return Number(count) > 0;
  }
}
