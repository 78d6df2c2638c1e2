import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComuneRow, ConsortiumRow } from './tenancy.rows';

const COMUNE_COLUMNS = `
  c.id, c.istat_code AS "istatCode", c.name, c.province_code AS "provinceCode",
  c.province_name AS "provinceName", c.province_abbreviation AS "provinceAbbreviation",
  c.region_code AS "regionCode", c.region_name AS "regionName", c.cadastral_code AS "cadastralCode",
  c.population, c.population_date AS "populationDate",
  c.population_source AS "populationSource", c.metropolitan_capital AS "metropolitanCapital",
  c.updated_at AS "updatedAt"`;

const CONSORTIUM_COLUMNS = `k.id, k.name, k.created_at AS "createdAt", k.created_by AS "createdBy"`;

export interface MemberRow extends ComuneRow {
  consortiumId: string;
}

export interface MembersPageQuery {
  consortiumIds: readonly string[];
  limit: number;
  after: { name: string; istatCode: string } | null;
}

/** All SQL about municipalities, consortia and membership of one in the other. */
@Injectable()
export class TenancyRepository {
  async comuniByIds(db: EntityManager, ids: readonly string[]): Promise<ComuneRow[]> {
    return db.query(`SELECT ${COMUNE_COLUMNS} FROM comune c WHERE c.id = ANY($1::uuid[])`, [ids]);
  }

  /** The name of a region (ISTAT code, "03"), as the comuni of that region carry it. */
  async regionName(db: EntityManager, regionCode: string): Promise<string | null> {
    const [row] = await db.query(`SELECT region_name AS name FROM comune WHERE region_code = $1 LIMIT 1`, [
      regionCode,
    ]);
    return row?.name ?? null;
  }

  async comuniByIstatCodes(db: EntityManager, codes: readonly string[]): Promise<ComuneRow[]> {
    return db.query(`SELECT ${COMUNE_COLUMNS} FROM comune c WHERE c.istat_code = ANY($1::bpchar[])`, [codes]);
  }

  async consortiaByIds(db: EntityManager, ids: readonly string[]): Promise<ConsortiumRow[]> {
    return db.query(`SELECT ${CONSORTIUM_COLUMNS} FROM consortium k WHERE k.id = ANY($1::uuid[])`, [ids]);
  }

  async consortiaByNames(db: EntityManager, names: readonly string[]): Promise<ConsortiumRow[]> {
    return db.query(`SELECT ${CONSORTIUM_COLUMNS} FROM consortium k WHERE k.name = ANY($1::text[])`, [names]);
  }

  /** The consortia with these ids (null: all), by name; row-level security narrows it again. */
  async listConsortia(db: EntityManager, ids: readonly string[] | null): Promise<ConsortiumRow[]> {
    return db.query(
      `SELECT ${CONSORTIUM_COLUMNS} FROM consortium k WHERE $1::uuid[] IS NULL OR k.id = ANY($1::uuid[])
        ORDER BY k.name, k.id`,
      [ids],
    );
  }

  /** ISTAT codes of a consortium's members (row-level security applies). */
  async memberMunicipalities(
    db: EntityManager,
    consortiumId: string,
  ): Promise<{ id: string; istatCode: string; name: string }[]> {
    return db.query(
      `SELECT c.id, c.istat_code AS "istatCode", c.name FROM consortium_member m JOIN comune c ON c.id = m.comune_id
        WHERE m.consortium_id = $1 ORDER BY c.name`,
      [consortiumId],
    );
  }

  async memberIstatCodes(db: EntityManager, consortiumId: string): Promise<string[]> {
    const rows: { istatCode: string }[] = await db.query(
      `SELECT c.istat_code AS "istatCode" FROM consortium_member m JOIN comune c ON c.id = m.comune_id
        WHERE m.consortium_id = $1 ORDER BY c.istat_code`,
      [consortiumId],
    );
    return rows.map((row) => row.istatCode);
  }

  async memberCounts(db: EntityManager, consortiumIds: readonly string[]): Promise<Map<string, number>> {
    const rows: { consortiumId: string; count: number }[] = await db.query(
      `SELECT m.consortium_id AS "consortiumId", count(*)::int AS count
         FROM consortium_member m WHERE m.consortium_id = ANY($1::uuid[]) GROUP BY m.consortium_id`,
      [consortiumIds],
    );
    return new Map(rows.map((row) => [row.consortiumId, row.count]));
  }

  /**
   * One page of members for several consortia in a single statement: rows are ranked per
   * consortium by (name, ISTAT code) and cut at `limit` each.
   */
  async membersPage(db: EntityManager, query: MembersPageQuery): Promise<MemberRow[]> {
    const params: unknown[] = [query.consortiumIds, query.limit];
    let afterClause = '';
    if (query.after) {
      params.push(query.after.name, query.after.istatCode);
      afterClause = 'AND (c.name, c.istat_code) > ($3::text, $4::text)';
    }
    return db.query(
      `SELECT * FROM (
         SELECT ${COMUNE_COLUMNS}, m.consortium_id AS "consortiumId",
                row_number() OVER (PARTITION BY m.consortium_id ORDER BY c.name, c.istat_code) AS rank
           FROM consortium_member m JOIN comune c ON c.id = m.comune_id
          WHERE m.consortium_id = ANY($1::uuid[]) ${afterClause}
       ) ranked WHERE rank <= $2 ORDER BY "consortiumId", name, "istatCode"`,
      params,
    );
  }

  async consortiumIdsOfComuni(db: EntityManager, comuneIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { comuneId: string; consortiumId: string }[] = await db.query(
      `SELECT m.comune_id AS "comuneId", m.consortium_id AS "consortiumId"
         FROM consortium_member m WHERE m.comune_id = ANY($1::uuid[])`,
      [comuneIds],
    );
    return new Map(rows.map((row) => [row.comuneId, row.consortiumId]));
  }

  async insertConsortium(db: EntityManager, name: string, createdBy: string): Promise<ConsortiumRow> {
    const [row] = await db.query(
      `INSERT INTO consortium (name, created_by) VALUES ($1, $2) RETURNING ${CONSORTIUM_COLUMNS.replace(/k\./g, '')}`,
      [name, createdBy],
    );
    return row;
  }

  /** Adds members; returns the ISTAT codes that already belong to another consortium. */
  async addMembers(db: EntityManager, consortiumId: string, comuneIds: readonly string[]): Promise<void> {
    await db.query(
      `INSERT INTO consortium_member (consortium_id, comune_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT (comune_id) DO NOTHING`,
      [consortiumId, comuneIds],
    );
  }

  async membersElsewhere(
    db: EntityManager,
    consortiumId: string | null,
    comuneIds: readonly string[],
  ): Promise<{ istatCode: string; consortiumName: string }[]> {
    return db.query(
      `SELECT c.istat_code AS "istatCode", k.name AS "consortiumName"
         FROM consortium_member m JOIN comune c ON c.id = m.comune_id JOIN consortium k ON k.id = m.consortium_id
        WHERE m.comune_id = ANY($1::uuid[]) AND m.consortium_id IS DISTINCT FROM $2::uuid
        ORDER BY c.istat_code`,
      [comuneIds, consortiumId],
    );
  }

  async regionExists(db: EntityManager, regionCode: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM comune WHERE region_code = $1 LIMIT 1`, [regionCode]);
    return rows.length > 0;
  }

  async regionComuneCount(db: EntityManager, regionCode: string): Promise<number> {
    const [row]: { count: number }[] = await db.query(
      `SELECT count(*)::int AS count FROM comune WHERE region_code = $1`,
      [regionCode],
    );
    return row.count;
  }
}

/**
 * Every consortium the transaction may read, by name: what a nightly job visits in turn (with
 * JobContext.listingConsortia, the only right it needs for this).
 */
export async function allConsortia(db: EntityManager): Promise<{ id: string; name: string }[]> {
  return db.query(`SELECT id, name FROM consortium ORDER BY name, id`);
}
