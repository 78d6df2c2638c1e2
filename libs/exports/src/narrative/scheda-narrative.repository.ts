import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface SchedaNarrativeRow {
  consortiumId: string;
  comuneId: string;
  text: string;
  updatedAt: Date;
}

const COLUMNS = `consortium_id AS "consortiumId", comune_id AS "comuneId", text, updated_at AS "updatedAt"`;

/**
 * The SQL of `scheda_narrative`, the office's «Breve descrizione dello stato dell'arte» per comune.
 * Row-level security (migration 1764000270000): the office and the comune's people read it, the
 * RTD and staff write it.
 */
@Injectable()
export class SchedaNarrativeRepository {
  async find(db: EntityManager, consortiumId: string, comuneId: string): Promise<SchedaNarrativeRow | null> {
    const [row] = await db.query(
      `SELECT ${COLUMNS} FROM scheda_narrative WHERE consortium_id = $1 AND comune_id = $2`,
      [consortiumId, comuneId],
    );
    return row ?? null;
  }

  async save(
    db: EntityManager,
    row: { consortiumId: string; comuneId: string; text: string; updatedBy: string },
  ): Promise<SchedaNarrativeRow> {
    const [saved] = await db.query(
      `INSERT INTO scheda_narrative (consortium_id, comune_id, text, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (consortium_id, comune_id) DO UPDATE SET text = EXCLUDED.text,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING ${COLUMNS}`,
      [row.consortiumId, row.comuneId, row.text, row.updatedBy],
    );
    return saved;
  }
}
