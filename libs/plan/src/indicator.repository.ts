import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  INDICATOR_COLUMNS,
  INDICATOR_FIELD_COLUMNS,
  IndicatorFields,
  IndicatorRow,
  InterventoRow,
  param,
  ValueRow,
} from './plan.rows';

/** The SQL of the Piano's indicators and their values. Every statement names the consortium it reads or writes. */
@Injectable()
export class IndicatorRepository {
  async indicators(db: EntityManager, interventoIds: readonly string[]): Promise<IndicatorRow[]> {
    return db.query(
      `SELECT ${INDICATOR_COLUMNS} FROM piano_indicator x WHERE x.intervento_id = ANY($1::uuid[])
        ORDER BY x.position, x.name`,
      [interventoIds],
    );
  }

  async indicator(db: EntityManager, id: string): Promise<IndicatorRow | null> {
    const [row] = await db.query(
      `SELECT ${INDICATOR_COLUMNS} FROM piano_indicator x
        WHERE x.id = $1 AND x.consortium_id = (SELECT consortium_id FROM piano_indicator WHERE id = $1)`,
      [id],
    );
    return row ?? null;
  }

  async insertIndicator(
    db: EntityManager,
    intervento: InterventoRow,
    fields: IndicatorFields,
  ): Promise<IndicatorRow> {
    const columns = INDICATOR_FIELD_COLUMNS.map(([, c]) => c);
    const values = INDICATOR_FIELD_COLUMNS.map(([key, , cast]) => param(fields[key], cast));
    const placeholders = INDICATOR_FIELD_COLUMNS.map(
      ([, , cast], i) => `$${i + 4}${cast ? `::${cast}` : ''}`,
    );
    const [row] = await db.query(
      `INSERT INTO piano_indicator (consortium_id, piano_version_id, intervento_id, ${columns.join(', ')}, position)
       VALUES ($1, $2, $3, ${placeholders.join(', ')},
               (SELECT coalesce(max(position), 0) + 1 FROM piano_indicator WHERE intervento_id = $3))
       RETURNING id`,
      [intervento.consortiumId, intervento.versionId, intervento.id, ...values],
    );
    return (await this.indicator(db, row.id))!;
  }

  async updateIndicator(
    db: EntityManager,
    current: IndicatorRow,
    fields: IndicatorFields,
  ): Promise<IndicatorRow> {
    const sets = INDICATOR_FIELD_COLUMNS.map(
      ([, c, cast], i) => `${c} = $${i + 3}${cast ? `::${cast}` : ''}`,
    );
    const values = INDICATOR_FIELD_COLUMNS.map(([key, , cast]) => param(fields[key], cast));
    await db.query(`UPDATE piano_indicator SET ${sets.join(', ')} WHERE id = $1 AND consortium_id = $2`, [
      current.id,
      current.consortiumId,
      ...values,
    ]);
    return (await this.indicator(db, current.id))!;
  }

  async deleteIndicator(db: EntityManager, current: IndicatorRow): Promise<void> {
    await db.query(`DELETE FROM piano_indicator WHERE id = $1 AND consortium_id = $2`, [
      current.id,
      current.consortiumId,
    ]);
  }

  async insertValue(
    db: EntityManager,
    row: {
      consortiumId: string;
      lineageId: string;
      comuneId: string | null;
      period: string;
      value: number;
      note: string | null;
    },
    recordedBy: string,
  ): Promise<string> {
    const [created] = await db.query(
      `INSERT INTO piano_indicator_value (consortium_id, indicator_lineage_id, comune_id, period, value, note,
                                          recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text`,
      [row.consortiumId, row.lineageId, row.comuneId, row.period, row.value, row.note, recordedBy],
    );
    return created.id;
  }

  /**
   * Values of the lineages the caller reads, newest first; `current` keeps only the newest of each
   * (lineage, comune, period), the others are its history.
   */
  async values(
    db: EntityManager,
    consortiumId: string,
    lineageIds: readonly string[],
    current: boolean,
    comuneId: string | null = null,
  ): Promise<ValueRow[]> {
    const rows: ValueRow[] = await db.query(
      `SELECT ${current ? 'DISTINCT ON (v.indicator_lineage_id, v.comune_id, v.period)' : ''}
              v.id::text, v.indicator_lineage_id AS "lineageId", v.period, v.value::float8 AS value,
              v.comune_id AS "comuneId", c.name AS "comuneName", v.note, v.recorded_at AS "recordedAt",
              CASE WHEN v.comune_id IS NULL THEN 'Ufficio RTD' ELSE 'Referente del Comune' END AS "recordedBy"
         FROM piano_indicator_value v
         LEFT JOIN comune c ON c.id = v.comune_id
        WHERE v.consortium_id = $1 AND v.indicator_lineage_id = ANY($2::uuid[])
          AND ($3::uuid IS NULL OR v.comune_id = $3)
        ORDER BY ${current ? 'v.indicator_lineage_id, v.comune_id, v.period, v.id DESC' : 'v.id DESC'} LIMIT 2000`,
      [consortiumId, lineageIds, comuneId],
    );
    return rows;
  }
}
