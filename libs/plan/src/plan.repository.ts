import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  INTERVENTO_COLUMNS,
  INDICATOR_FIELD_COLUMNS,
  INTERVENTO_FIELD_COLUMNS,
  InterventoFields,
  InterventoRow,
  LineRefRow,
  normaliseIntervento,
  param,
  VERSION_COLUMNS,
  VersionRow,
} from './plan.rows';

export * from './plan.rows';

/** All SQL of the consortium's Piano. Every statement names the consortium it reads or writes. */
@Injectable()
export class PlanRepository {
  async versions(db: EntityManager, consortiumId: string): Promise<VersionRow[]> {
    return db.query(
      `SELECT ${VERSION_COLUMNS} FROM piano_version v WHERE v.consortium_id = $1 ORDER BY v.number DESC`,
      [consortiumId],
    );
  }

  async version(db: EntityManager, id: string, lock = false): Promise<VersionRow | null> {
    const [row] = await db.query(
      `SELECT ${VERSION_COLUMNS} FROM piano_version v WHERE v.id = $1 AND v.consortium_id = v.consortium_id
        ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row ?? null;
  }

  async insertVersion(
    db: EntityManager,
    row: { consortiumId: string; year: number; title: string; copiedFromId: string | null },
    createdBy: string,
  ): Promise<VersionRow> {
    const [created] = await db.query(
      `INSERT INTO piano_version (consortium_id, number, year, title, copied_from_id, created_by)
       VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM piano_version WHERE consortium_id = $1), $2, $3, $4, $5)
       RETURNING id`,
      [row.consortiumId, row.year, row.title, row.copiedFromId, createdBy],
    );
    return (await this.version(db, created.id))!;
  }

  async updateVersion(
    db: EntityManager,
    current: VersionRow,
    changes: Partial<Pick<VersionRow, 'title' | 'year' | 'state' | 'approvedOn' | 'approvalAct'>> & {
      publish?: boolean;
    },
  ): Promise<VersionRow> {
    await db.query(
      `UPDATE piano_version SET title = $3, year = $4, state = $5, approved_on = $6, approval_act = $7,
              published_at = CASE WHEN $8::boolean THEN now() ELSE published_at END, version = version + 1
        WHERE id = $1 AND consortium_id = $2`,
      [
        current.id,
        current.consortiumId,
        changes.title ?? current.title,
        changes.year ?? current.year,
        changes.state ?? current.state,
        changes.approvedOn ?? current.approvedOn,
        changes.approvalAct ?? current.approvalAct,
        changes.publish === true,
      ],
    );
    return (await this.version(db, current.id))!;
  }

  /** Copies every scheda, its lines and its indicators (same lineages) into the new draft. */
  async copyContent(db: EntityManager, consortiumId: string, fromId: string, toId: string): Promise<void> {
    const columns = INTERVENTO_FIELD_COLUMNS.map(([, c]) => c).join(', ');
    await db.query(
      `INSERT INTO piano_intervento (consortium_id, piano_version_id, lineage_id, ${columns}, shared_objective_id, position)
       SELECT consortium_id, $3, lineage_id, ${columns}, shared_objective_id, position
         FROM piano_intervento WHERE consortium_id = $1 AND piano_version_id = $2`,
      [consortiumId, fromId, toId],
    );
    await db.query(
      `INSERT INTO piano_intervento_line (intervento_id, consortium_id, piano_version_id, edition_code, line_code)
       SELECT n.id, n.consortium_id, n.piano_version_id, l.edition_code, l.line_code
         FROM piano_intervento_line l
         JOIN piano_intervento o ON o.id = l.intervento_id
         JOIN piano_intervento n ON n.lineage_id = o.lineage_id AND n.piano_version_id = $3
        WHERE l.consortium_id = $1 AND l.piano_version_id = $2`,
      [consortiumId, fromId, toId],
    );
    const indicatorColumns = INDICATOR_FIELD_COLUMNS.map(([, c]) => c).join(', ');
    await db.query(
      `INSERT INTO piano_indicator (consortium_id, piano_version_id, intervento_id, lineage_id, ${indicatorColumns}, position)
       SELECT x.consortium_id, $3, n.id, x.lineage_id, ${INDICATOR_FIELD_COLUMNS.map(([, c]) => `x.${c}`).join(', ')}, x.position
         FROM piano_indicator x
         JOIN piano_intervento o ON o.id = x.intervento_id
         JOIN piano_intervento n ON n.lineage_id = o.lineage_id AND n.piano_version_id = $3
        WHERE x.consortium_id = $1 AND x.piano_version_id = $2`,
      [consortiumId, fromId, toId],
    );
  }

  async interventi(db: EntityManager, consortiumId: string, versionId: string): Promise<InterventoRow[]> {
    const rows: InterventoRow[] = await db.query(
      `SELECT ${INTERVENTO_COLUMNS} FROM piano_intervento i
        WHERE i.consortium_id = $1 AND i.piano_version_id = $2 ORDER BY i.position, i.code`,
      [consortiumId, versionId],
    );
    return rows.map(normaliseIntervento);
  }

  async intervento(db: EntityManager, id: string): Promise<InterventoRow | null> {
    const [row] = await db.query(
      `SELECT ${INTERVENTO_COLUMNS} FROM piano_intervento i
        WHERE i.id = $1 AND i.consortium_id = (SELECT consortium_id FROM piano_intervento WHERE id = $1)`,
      [id],
    );
    return row ? normaliseIntervento(row) : null;
  }

  /** The schede a shared objective carries out, in the versions the caller reads. */
  async interventiOfObjective(db: EntityManager, objectiveId: string): Promise<InterventoRow[]> {
    const rows: InterventoRow[] = await db.query(
      `SELECT ${INTERVENTO_COLUMNS} FROM piano_intervento i
         JOIN piano_version v ON v.id = i.piano_version_id AND v.consortium_id = i.consortium_id
        WHERE i.shared_objective_id = $1 ORDER BY v.number DESC`,
      [objectiveId],
    );
    return rows.map(normaliseIntervento);
  }

  async insertIntervento(
    db: EntityManager,
    consortiumId: string,
    versionId: string,
    fields: InterventoFields,
  ): Promise<InterventoRow> {
    const columns = INTERVENTO_FIELD_COLUMNS.map(([, c]) => c);
    const values = INTERVENTO_FIELD_COLUMNS.map(([key, , cast]) => param(fields[key], cast));
    const placeholders = INTERVENTO_FIELD_COLUMNS.map(
      ([, , cast], i) => `$${i + 3}${cast ? `::${cast}` : ''}`,
    );
    const [row] = await db.query(
      `INSERT INTO piano_intervento (consortium_id, piano_version_id, ${columns.join(', ')}, position)
       VALUES ($1, $2, ${placeholders.join(', ')},
               (SELECT coalesce(max(position), 0) + 1 FROM piano_intervento WHERE piano_version_id = $2))
       RETURNING id`,
      [consortiumId, versionId, ...values],
    );
    return (await this.intervento(db, row.id))!;
  }

  async updateIntervento(
    db: EntityManager,
    current: InterventoRow,
    fields: InterventoFields,
  ): Promise<InterventoRow> {
    const sets = INTERVENTO_FIELD_COLUMNS.map(
      ([, c, cast], i) => `${c} = $${i + 3}${cast ? `::${cast}` : ''}`,
    );
    const values = INTERVENTO_FIELD_COLUMNS.map(([key, , cast]) => param(fields[key], cast));
    await db.query(
      `UPDATE piano_intervento SET ${sets.join(', ')}, version = version + 1 WHERE id = $1 AND consortium_id = $2`,
      [current.id, current.consortiumId, ...values],
    );
    return (await this.intervento(db, current.id))!;
  }

  async linkObjective(db: EntityManager, current: InterventoRow, objectiveId: string): Promise<void> {
    await db.query(
      `UPDATE piano_intervento SET shared_objective_id = $3, version = version + 1 WHERE id = $1 AND consortium_id = $2`,
      [current.id, current.consortiumId, objectiveId],
    );
  }

  async deleteIntervento(db: EntityManager, current: InterventoRow): Promise<void> {
    await db.query(`DELETE FROM piano_intervento WHERE id = $1 AND consortium_id = $2`, [
      current.id,
      current.consortiumId,
    ]);
  }

  async replaceLines(
    db: EntityManager,
    current: InterventoRow,
    lines: { edition: string; code: string }[],
  ): Promise<void> {
    await db.query(`DELETE FROM piano_intervento_line WHERE intervento_id = $1 AND consortium_id = $2`, [
      current.id,
      current.consortiumId,
    ]);
    if (lines.length === 0) return;
    await db.query(
      `INSERT INTO piano_intervento_line (intervento_id, consortium_id, piano_version_id, edition_code, line_code)
       SELECT $1, $2, $3, e, c FROM unnest($4::text[], $5::text[]) AS t(e, c) ON CONFLICT DO NOTHING`,
      [
        current.id,
        current.consortiumId,
        current.versionId,
        lines.map((l) => l.edition),
        lines.map((l) => l.code),
      ],
    );
  }

  /** The lines of the schede, with the catalogue's text where the line exists. */
  async linesOf(db: EntityManager, interventoIds: readonly string[]): Promise<LineRefRow[]> {
    return db.query(
      `SELECT il.intervento_id AS "interventoId", il.edition_code AS edition, il.line_code AS code,
              pl.text, pl.chapter::int AS chapter
         FROM piano_intervento_line il
         LEFT JOIN plan_line pl ON pl.edition_code = il.edition_code AND pl.code = il.line_code
        WHERE il.intervento_id = ANY($1::uuid[])
        ORDER BY il.edition_code, pl.chapter, il.line_code`,
      [interventoIds],
    );
  }

  /** Codes of the catalogue's lines among `codes` in that edition. */
  async existingLines(db: EntityManager, edition: string, codes: readonly string[]): Promise<string[]> {
    const rows: { code: string }[] = await db.query(
      `SELECT pl.code FROM plan_line pl WHERE pl.edition_code = $1 AND pl.code = ANY($2::text[])`,
      [edition, codes],
    );
    return rows.map((r) => r.code);
  }

  /** The edition's lines addressed to comuni (all of them, or the metropolitan capitals). */
  async comuniLines(
    db: EntityManager,
    edition: string,
  ): Promise<{ code: string; chapter: number; chapterTitle: string; text: string }[]> {
    return db.query(
      `SELECT pl.code, pl.chapter::int AS chapter, ch.title AS "chapterTitle", pl.text
         FROM plan_line pl JOIN plan_chapter ch ON ch.edition_code = pl.edition_code AND ch.number = pl.chapter
        WHERE pl.edition_code = $1 AND pl.comuni_scope <> 'NONE' AND NOT pl.is_local
        ORDER BY pl.chapter, pl.code`,
      [edition],
    );
  }

  /**
   * The schede's links to lines of other editions carried to `edition` through the catalogue's
   * line-to-line mapping (plan_line_succession, one step: the successor of a 2022-2024 line in
   * 2024-2026, or the predecessor of a 2024-2026 line in 2022-2024): the line of `edition` each
   * reaches, and the scheda.
   */
  async mappedLinks(
    db: EntityManager,
    edition: string,
    interventoIds: readonly string[],
  ): Promise<{ code: string; interventoId: string }[]> {
    if (interventoIds.length === 0) return [];
    return db.query(
      `SELECT DISTINCT target.code, il.intervento_id AS "interventoId"
         FROM piano_intervento_line il
         JOIN plan_line linked ON linked.edition_code = il.edition_code AND linked.code = il.line_code
         JOIN plan_line_succession s ON s.from_line_id = linked.id OR s.to_line_id = linked.id
         JOIN plan_line target
           ON target.id = CASE WHEN s.from_line_id = linked.id THEN s.to_line_id ELSE s.from_line_id END
        WHERE il.intervento_id = ANY($2::uuid[]) AND il.edition_code <> $1 AND target.edition_code = $1`,
      [edition, interventoIds],
    );
  }

  async memberNames(
    db: EntityManager,
    consortiumId: string,
    ids: readonly string[],
  ): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await db.query(
      `SELECT c.id, c.name FROM comune c JOIN consortium_member m ON m.comune_id = c.id
        WHERE c.id = ANY($1::uuid[]) AND m.consortium_id = $2`,
      [ids, consortiumId],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async appendHistory(
    db: EntityManager,
    entry: {
      consortiumId: string;
      versionId: string;
      entityType: string;
      entityId: string;
      action: string;
      changes: Record<string, unknown>;
    },
    actorSubject: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO piano_history (consortium_id, piano_version_id, entity_type, entity_id, action, changes, actor_subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.consortiumId,
        entry.versionId,
        entry.entityType,
        entry.entityId,
        entry.action,
        JSON.stringify(entry.changes),
        actorSubject,
      ],
    );
  }

  async history(
    db: EntityManager,
    consortiumId: string,
    versionId: string,
  ): Promise<
    {
      id: string;
      entityType: string;
      entityId: string;
      action: string;
      changes: unknown;
      actorSubject: string;
      at: Date;
    }[]
  > {
    return db.query(
      `SELECT h.id::text, h.entity_type AS "entityType", h.entity_id AS "entityId", h.action, h.changes,
              h.actor_subject AS "actorSubject", h.at
         FROM piano_history h WHERE h.consortium_id = $1 AND h.piano_version_id = $2 ORDER BY h.id DESC LIMIT 200`,
      [consortiumId, versionId],
    );
  }
}
