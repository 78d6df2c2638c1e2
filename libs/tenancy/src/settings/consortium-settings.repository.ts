import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The settings a consortium's RTD decides (`consortium_setting`; no row: the defaults). */
export interface ConsortiumSettingsRow {
  consortiumId: string;
  officeReportsForComuni: boolean;
}

@Injectable()
export class ConsortiumSettingsRepository {
  async byConsortia(db: EntityManager, ids: readonly string[]): Promise<ConsortiumSettingsRow[]> {
    return db.query(
      `SELECT consortium_id AS "consortiumId", office_reports_for_comuni AS "officeReportsForComuni"
         FROM consortium_setting WHERE consortium_id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async upsert(
    db: EntityManager,
    consortiumId: string,
    officeReportsForComuni: boolean,
    subject: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO consortium_setting (consortium_id, office_reports_for_comuni, updated_by)
       VALUES ($1, $2, $3)
       ON CONFLICT (consortium_id) DO UPDATE
         SET office_reports_for_comuni = EXCLUDED.office_reports_for_comuni,
             updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [consortiumId, officeReportsForComuni, subject],
    );
  }
}
