import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ExportJobRow, ExportKind } from '../export-jobs.repository';
import { ReportFormat, ReportFrequency } from './report-period';

export interface ReportScheduleRow {
  consortiumId: string;
  frequency: ReportFrequency;
  format: ReportFormat;
  dayOfMonth: number;
  updatedBy: string;
  updatedAt: Date;
}

const SCHEDULE = `consortium_id AS "consortiumId", frequency, format, day_of_month AS "dayOfMonth",
  updated_by AS "updatedBy", updated_at AS "updatedAt"`;

const JOB = `id, consortium_id AS "consortiumId", comune_id AS "comuneId", kind, edition_code AS "editionCode",
  state, requested_by AS "requestedBy", requested_at AS "requestedAt", finished_at AS "finishedAt",
  file_name AS "fileName", content_type AS "contentType", octet_length(content) AS "byteSize",
  progress, expires_at AS "expiresAt"`;

const REPORT = `kind IN ('CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX')`;

/**
 * The SQL of the report's schedule (consortium_report_schedule), of the reports a consortium's
 * office lists, of the scheduled reports (one per consortium and period) and of deleting expired
 * files. Row-level security: the office reads, the RTD writes the schedule; the worker
 * (system:exports, one consortium at a time) deletes that consortium's expired files.
 */
@Injectable()
export class ReportScheduleRepository {
  async schedule(db: EntityManager, consortiumId: string): Promise<ReportScheduleRow | null> {
    const [row] = await db.query(
      `SELECT ${SCHEDULE} FROM consortium_report_schedule WHERE consortium_id = $1`,
      [consortiumId],
    );
    return row ?? null;
  }

  async save(db: EntityManager, row: Omit<ReportScheduleRow, 'updatedAt'>): Promise<ReportScheduleRow> {
    const [saved] = await db.query(
      `INSERT INTO consortium_report_schedule (consortium_id, frequency, format, day_of_month, updated_by)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (consortium_id) DO UPDATE SET frequency = EXCLUDED.frequency, format = EXCLUDED.format,
         day_of_month = EXCLUDED.day_of_month, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${SCHEDULE}`,
      [row.consortiumId, row.frequency, row.format, row.dayOfMonth, row.updatedBy],
    );
    return saved;
  }

  /** The periods of the consortium that already have their scheduled report. */
  async scheduledPeriods(db: EntityManager, consortiumId: string): Promise<Set<string>> {
    const rows: { period: string }[] = await db.query(
      `SELECT schedule_period AS period FROM export_job
        WHERE consortium_id = $1 AND schedule_period IS NOT NULL AND ${REPORT}`,
      [consortiumId],
    );
    return new Set(rows.map((r) => r.period));
  }

  /** The consortium's reports still kept, newest first. */
  async reports(db: EntityManager, consortiumId: string, first: number): Promise<ExportJobRow[]> {
    return db.query(
      `SELECT ${JOB} FROM export_job
        WHERE consortium_id = $1 AND ${REPORT} AND (expires_at IS NULL OR expires_at > now())
        ORDER BY requested_at DESC, id DESC LIMIT $2`,
      [consortiumId, first],
    );
  }

  /**
   * The scheduled report of a period, QUEUED; null when that period already has one (the unique
   * index on consortium and period: the daily job may run twice, or on two workers).
   */
  async insertScheduled(
    db: EntityManager,
    job: { consortiumId: string; kind: ExportKind; requestedBy: string; period: string },
  ): Promise<{ id: string } | null> {
    const [row] = await db.query(
      `INSERT INTO export_job (consortium_id, kind, state, requested_by, schedule_period)
       VALUES ($1, $2, 'QUEUED', $3, $4)
       ON CONFLICT (consortium_id, schedule_period) WHERE schedule_period IS NOT NULL DO NOTHING
       RETURNING id`,
      [job.consortiumId, job.kind, job.requestedBy, job.period],
    );
    return row ?? null;
  }

  /** Deletes the consortium's files (any kind) past their expires_at; returns how many. */
  async deleteExpired(db: EntityManager, consortiumId: string): Promise<number> {
    // A count, not the rows: TypeORM answers a bare DELETE ... RETURNING with [rows, count].
    const [{ deleted }] = await db.query(
      `WITH gone AS (DELETE FROM export_job WHERE consortium_id = $1 AND expires_at <= now() RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [consortiumId],
    );
    return deleted;
  }
}
