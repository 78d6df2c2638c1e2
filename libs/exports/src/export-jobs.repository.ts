import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ExportKind = 'SCHEDA_COMUNE_PDF' | 'MONITORING_XLSX';
export type ExportState = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ExportJobRow {
  id: string;
  consortiumId: string;
  comuneId: string | null;
  kind: ExportKind;
  editionCode: string | null;
  state: ExportState;
  requestedBy: string;
  requestedAt: Date;
  finishedAt: Date | null;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
}

const COLUMNS = `id, consortium_id AS "consortiumId", comune_id AS "comuneId", kind, edition_code AS "editionCode",
  state, requested_by AS "requestedBy", requested_at AS "requestedAt", finished_at AS "finishedAt",
  file_name AS "fileName", content_type AS "contentType", octet_length(content) AS "byteSize"`;

/** All SQL about requested files; row-level security shows each requester only their own. */
@Injectable()
export class ExportJobsRepository {
  async insertCompleted(
    db: EntityManager,
    job: {
      consortiumId: string;
      comuneId: string | null;
      kind: ExportKind;
      editionCode: string | null;
      requestedBy: string;
      fileName: string;
      contentType: string;
      content: Buffer;
    },
  ): Promise<ExportJobRow> {
    const [row] = await db.query(
      `INSERT INTO export_job (consortium_id, comune_id, kind, edition_code, state, requested_by, finished_at,
                               file_name, content_type, content)
       VALUES ($1, $2, $3, $4, 'COMPLETED', $5, now(), $6, $7, $8)
       RETURNING ${COLUMNS}`,
      [
        job.consortiumId,
        job.comuneId,
        job.kind,
        job.editionCode,
        job.requestedBy,
        job.fileName,
        job.contentType,
        job.content,
      ],
    );
    return row;
  }

  async byId(db: EntityManager, id: string, requestedBy: string): Promise<ExportJobRow | null> {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM export_job WHERE id = $1 AND requested_by = $2`, [
      id,
      requestedBy,
    ]);
    return row ?? null;
  }

  async content(db: EntityManager, id: string, requestedBy: string): Promise<Buffer | null> {
    const [row] = await db.query(
      `SELECT content FROM export_job WHERE id = $1 AND requested_by = $2 AND state = 'COMPLETED'`,
      [id, requestedBy],
    );
    return row?.content ?? null;
  }

  /** Files asked for on demand are kept a day: the link is what the person keeps, for minutes. */
  async pruneOld(db: EntityManager, requestedBy: string): Promise<void> {
    await db.query(
      `DELETE FROM export_job WHERE requested_by = $1 AND requested_at < now() - interval '1 day'`,
      [requestedBy],
    );
  }
}
