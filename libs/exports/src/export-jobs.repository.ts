import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ExportKind =
  | 'SCHEDA_COMUNE_PDF'
  | 'MONITORING_XLSX'
  | 'CONSORTIUM_REPORT_PDF'
  | 'CONSORTIUM_REPORT_XLSX'
  | 'PIANO_PDF'
  | 'PIANO_DOCX'
  | 'REGION_XLSX';

/** The files a person asks for and keeps a day: every kind but the consortium's reports. */
const FILE_KINDS = `('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'PIANO_PDF', 'PIANO_DOCX', 'REGION_XLSX')`;

/** The kinds the worker builds: the consortium's, read by its office, staff and auditor, kept a year. */
export const REPORT_KINDS: readonly ExportKind[] = ['CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX'];
export type ExportState = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ExportJobRow {
  id: string;
  /** The file's consortium; null for a region's file (regionCode). */
  consortiumId: string | null;
  /** REGION_XLSX: the ISTAT code of the region. */
  regionCode: string | null;
  comuneId: string | null;
  kind: ExportKind;
  editionCode: string | null;
  /** PIANO_PDF, PIANO_DOCX: the version of the consortium's Piano. */
  pianoVersionId: string | null;
  state: ExportState;
  requestedBy: string;
  requestedAt: Date;
  finishedAt: Date | null;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
  progress: number;
  expiresAt: Date | null;
}

/** A job of a consortium (every kind but REGION_XLSX): what the consortium's builders take. */
export const ofConsortium = <T extends ExportJobRow>(row: T | null): row is T & { consortiumId: string } =>
  row !== null && row.consortiumId !== null;

const COLUMNS = `id, consortium_id AS "consortiumId", region_code AS "regionCode", comune_id AS "comuneId", kind, edition_code AS "editionCode",
  piano_version_id AS "pianoVersionId", state, requested_by AS "requestedBy", requested_at AS "requestedAt", finished_at AS "finishedAt",
  file_name AS "fileName", content_type AS "contentType", octet_length(content) AS "byteSize",
  progress, expires_at AS "expiresAt"`;

/** The caller's own file, or a report of the consortium (row-level security says whose). */
const VISIBLE = `(requested_by = $2 OR kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX'))
  AND (expires_at IS NULL OR expires_at > now())`;

/** All SQL about requested files; row-level security shows each requester only their own. */
@Injectable()
export class ExportJobsRepository {
  async byId(db: EntityManager, id: string, requestedBy: string): Promise<ExportJobRow | null> {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM export_job WHERE id = $1 AND ${VISIBLE}`, [
      id,
      requestedBy,
    ]);
    return row ?? null;
  }

  async content(db: EntityManager, id: string, requestedBy: string): Promise<Buffer | null> {
    const [row] = await db.query(
      `SELECT content FROM export_job WHERE id = $1 AND ${VISIBLE} AND state = 'COMPLETED'`,
      [id, requestedBy],
    );
    return row?.content ?? null;
  }

  /** Files asked for on demand are kept a day: the link is what the person keeps, for minutes. */
  async pruneOld(db: EntityManager, requestedBy: string): Promise<void> {
    await db.query(
      `DELETE FROM export_job WHERE requested_by = $1 AND kind IN ${FILE_KINDS}
         AND requested_at < now() - interval '1 day'`,
      [requestedBy],
    );
  }

  /**
   * The files the caller (`mine`) and the consortium (every requester) have waiting for the
   * worker; locks the consortium's queue until the transaction ends (app_export_backlog,
   * migrations/1764000090001-export-backlog.ts), so that the insert that follows is counted by
   * the next request.
   */
  async backlog(db: EntityManager, consortiumId: string): Promise<{ mine: number; consortium: number }> {
    const [row] = await db.query(`SELECT mine, consortium FROM app_export_backlog($1::uuid)`, [consortiumId]);
    return { mine: Number(row.mine), consortium: Number(row.consortium) };
  }

  /**
   * The caller's own files waiting for the worker (of the last 30 minutes, as app_export_backlog
   * counts them): the cap of a region's file, which has no consortium queue.
   */
  async waitingOf(db: EntityManager, requestedBy: string): Promise<number> {
    const [row] = await db.query(
      `SELECT count(*)::int AS n FROM export_job WHERE requested_by = $1 AND state IN ('QUEUED', 'RUNNING')
          AND requested_at > now() - interval '30 minutes'`,
      [requestedBy],
    );
    return row.n;
  }

  /** A region's file (REGION_XLSX) to build: QUEUED, for the worker, kept a day. */
  async insertRegionQueued(
    db: EntityManager,
    job: { regionCode: string; requestedBy: string },
  ): Promise<ExportJobRow> {
    const [row] = await db.query(
      `INSERT INTO export_job (consortium_id, region_code, kind, state, requested_by)
       VALUES (NULL, $1, 'REGION_XLSX', 'QUEUED', $2)
       RETURNING ${COLUMNS}`,
      [job.regionCode, job.requestedBy],
    );
    return row;
  }

  /** The nightly cleaner: region files past their expiry (their own policy, subject system:exports). */
  async deleteExpiredRegionFiles(db: EntityManager): Promise<number> {
    const [{ deleted }] = await db.query(
      `WITH gone AS (DELETE FROM export_job WHERE region_code IS NOT NULL AND expires_at <= now() RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
    );
    return deleted;
  }

  /**
   * A file to build: QUEUED, for the worker (the outbox message goes in the same transaction).
   * `editionCode`: the edition asked for a monitoring sheet (null: chosen when built).
   */
  async insertQueued(
    db: EntityManager,
    job: {
      consortiumId: string;
      comuneId?: string | null;
      kind: ExportKind;
      editionCode?: string | null;
      requestedBy: string;
      /** The RTD's commentary of a periodic report. */
      commentary?: string | null;
      /** PIANO_PDF, PIANO_DOCX: the version of the Piano; the file is kept a day. */
      pianoVersionId?: string | null;
    },
  ): Promise<ExportJobRow> {
    const [row] = await db.query(
      // expires_at keeps its default, a day, for every kind (a report's is set to a year when built).
      `INSERT INTO export_job (consortium_id, comune_id, kind, edition_code, state, requested_by, commentary,
                               piano_version_id)
       VALUES ($1, $2, $3, $4, 'QUEUED', $5, $6, $7::uuid)
       RETURNING ${COLUMNS}`,
      [
        job.consortiumId,
        job.comuneId ?? null,
        job.kind,
        job.editionCode ?? null,
        job.requestedBy,
        job.commentary ?? null,
        job.pianoVersionId ?? null,
      ],
    );
    return row;
  }

  /**
   * A scheda or monitoring sheet built by the worker for its requester: stored, with the edition
   * it shows; kept a day like every file asked for on demand (pruneOld).
   */
  async completeFile(
    db: EntityManager,
    id: string,
    file: { fileName: string; contentType: string; content: Buffer; editionCode: string | null },
  ): Promise<void> {
    await db.query(
      `UPDATE export_job SET state = 'COMPLETED', progress = 100, finished_at = now(), edition_code = $5,
              file_name = $2, content_type = $3, content = $4, error = NULL
        WHERE id = $1 AND kind IN ${FILE_KINDS}`,
      [id, file.fileName, file.contentType, file.content, file.editionCode],
    );
  }

  /** The worker's read of a report (its own policy: subject system:exports, the report's consortium). */
  async report(
    db: EntityManager,
    id: string,
  ): Promise<(ExportJobRow & { commentary: string | null }) | null> {
    const [row] = await db.query(
      `SELECT ${COLUMNS}, commentary FROM export_job WHERE id = $1 AND kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX')`,
      [id],
    );
    return row ?? null;
  }

  async markRunning(db: EntityManager, id: string, progress: number): Promise<void> {
    await db.query(
      `UPDATE export_job SET state = 'RUNNING', progress = $2 WHERE id = $1 AND state <> 'COMPLETED'`,
      [id, progress],
    );
  }

  /** Done: the file stored, kept a year from now. */
  async complete(
    db: EntityManager,
    id: string,
    file: { fileName: string; contentType: string; content: Buffer },
  ): Promise<void> {
    await db.query(
      `UPDATE export_job SET state = 'COMPLETED', progress = 100, finished_at = now(),
              expires_at = now() + interval '1 year', file_name = $2, content_type = $3, content = $4, error = NULL
        WHERE id = $1`,
      [id, file.fileName, file.contentType, file.content],
    );
  }

  async fail(db: EntityManager, id: string, error: string): Promise<void> {
    await db.query(
      `UPDATE export_job SET state = 'FAILED', finished_at = now(), error = $2 WHERE id = $1 AND state <> 'COMPLETED'`,
      [id, error.slice(0, 2000)],
    );
  }
}
