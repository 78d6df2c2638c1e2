import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type BodyKind = 'COMUNE' | 'SCHOOL' | 'OTHER';

export interface ApplicationRow {
  istatCode: string;
  callTitle: string;
  measureCode: string;
  measureTitle: string;
  measureAsOf: string | null;
  opensOn: string | null;
  closesOn: string | null;
  callStatus: string;
  amount: number;
  status: 'A' | 'R' | 'E';
  statusDate: string | null;
  fundedOn: string | null;
  cup: string;
  bodyName: string;
  bodyKind: BodyKind;
  bodyType: string;
  asOf: string | null;
}

export interface LinkRow {
  key: string;
  measureCode: string;
  measureTitle: string;
  justification: string;
  source: string;
}

export interface MeasureRow {
  code: string;
  title: string;
  asOf: string | null;
}

/** Per measure, over a set of comuni or a region: the comuni's own applications. */
export interface MeasureSumRow {
  measureCode: string;
  amount: number;
  applications: number;
  withdrawn: number;
  fundedComuni: number;
  fundedIstatCodes: string[];
}

/** What counts: a withdrawn application (R) is listed but never counted as funding. */
const COUNTED = `a.status <> 'R'`;

/** All SQL about PNRR funding (reference data, readable by every role). */
@Injectable()
export class PnrrRepository {
  /** The publisher's total per municipality's territory (importi_per_comune.csv): every body located there. */
  async territoryAmountsByIstatCodes(
    db: EntityManager,
    codes: readonly string[],
  ): Promise<Map<string, number>> {
    const rows: { istatCode: string; amount: number }[] = await db.query(
      `SELECT istat_code AS "istatCode", amount FROM pnrr_comune_amount WHERE istat_code = ANY($1::bpchar[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.istatCode, row.amount]));
  }

  /** Every application of the bodies located in the municipalities (the comune's own, its schools', others'). */
  async applicationsByIstatCodes(db: EntityManager, codes: readonly string[]): Promise<ApplicationRow[]> {
    return db.query(
      `SELECT a.istat_code AS "istatCode", a.call_title AS "callTitle", a.measure_code AS "measureCode",
              coalesce(m.title, a.measure_code) AS "measureTitle", m.as_of AS "measureAsOf",
              c.opens_on AS "opensOn", c.closes_on AS "closesOn",
              coalesce(c.status, '') AS "callStatus", a.amount, a.status, a.status_date AS "statusDate",
              a.funded_on AS "fundedOn", a.cup, a.body_name AS "bodyName", a.body_kind AS "bodyKind",
              a.body_type AS "bodyType", a.as_of AS "asOf"
         FROM pnrr_application a
         LEFT JOIN pnrr_call c ON c.title = a.call_title
         LEFT JOIN pnrr_measure m ON m.code = a.measure_code
        WHERE a.istat_code = ANY($1::bpchar[])
        ORDER BY a.istat_code, a.measure_code, c.opens_on NULLS LAST, a.call_title, a.cup`,
      [codes],
    );
  }

  async measures(db: EntityManager): Promise<MeasureRow[]> {
    return db.query(
      `SELECT code, title, as_of AS "asOf" FROM pnrr_measure
        ORDER BY string_to_array(code, '.')::int[]`,
    );
  }

  /** Links of lines keyed "edition|code". */
  async linksByLineKeys(db: EntityManager, keys: readonly string[]): Promise<LinkRow[]> {
    return db.query(
      `SELECT l.edition_code || '|' || l.line_code AS key, l.measure_code AS "measureCode",
              coalesce(m.title, l.measure_code) AS "measureTitle", l.justification, l.source
         FROM pnrr_measure_line l LEFT JOIN pnrr_measure m ON m.code = l.measure_code
        WHERE l.edition_code || '|' || l.line_code = ANY($1::text[])
        ORDER BY l.measure_code`,
      [keys],
    );
  }

  /** The measures serving some lines, keyed "edition|code" (for the objectives a consortium relies on). */
  async measureCodesOfLines(db: EntityManager, keys: readonly string[]): Promise<string[]> {
    const rows: { code: string }[] = await db.query(
      `SELECT DISTINCT measure_code AS code FROM pnrr_measure_line
        WHERE edition_code || '|' || line_code = ANY($1::text[])`,
      [keys],
    );
    return rows.map((row) => row.code);
  }

  /** The comuni's own funding per measure (withdrawn excluded), over a set of ISTAT codes or a region. */
  async ownByMeasure(
    db: EntityManager,
    scope: { codes: readonly string[] } | { regionCode: string },
  ): Promise<MeasureSumRow[]> {
    const [where, param] =
      'codes' in scope
        ? [`a.istat_code = ANY($1::bpchar[])`, scope.codes]
        : [`a.region_code = $1`, scope.regionCode];
    return db.query(
      `SELECT a.measure_code AS "measureCode",
              coalesce(sum(a.amount) FILTER (WHERE ${COUNTED}), 0)::float AS amount,
              count(*) FILTER (WHERE ${COUNTED})::int AS applications,
              count(*) FILTER (WHERE a.status = 'R')::int AS withdrawn,
              count(DISTINCT a.istat_code) FILTER (WHERE ${COUNTED})::int AS "fundedComuni",
              coalesce(array_agg(DISTINCT a.istat_code::text) FILTER (WHERE ${COUNTED}), '{}'::text[]) AS "fundedIstatCodes"
         FROM pnrr_application a
        WHERE ${where} AND a.body_kind = 'COMUNE'
        GROUP BY a.measure_code`,
      [param],
    );
  }

  /** The comuni's own funding, all measures: amount and how many comuni have some. */
  async ownTotal(
    db: EntityManager,
    scope: { codes: readonly string[] } | { regionCode: string },
  ): Promise<{ amount: number; funded: number }> {
    const [where, param] =
      'codes' in scope
        ? [`a.istat_code = ANY($1::bpchar[])`, scope.codes]
        : [`a.region_code = $1`, scope.regionCode];
    const [row]: { amount: number; funded: number }[] = await db.query(
      `SELECT coalesce(sum(a.amount), 0)::float AS amount, count(DISTINCT a.istat_code)::int AS funded
         FROM pnrr_application a
        WHERE ${where} AND a.body_kind = 'COMUNE' AND ${COUNTED}`,
      [param],
    );
    return row;
  }

  /** The publisher's territory totals summed (importi_per_comune.csv). */
  async territoryTotal(
    db: EntityManager,
    scope: { codes: readonly string[] } | { regionCode: string },
  ): Promise<number> {
    const [where, param] =
      'codes' in scope
        ? [`istat_code = ANY($1::bpchar[])`, scope.codes]
        : [`region_code = $1`, scope.regionCode];
    const [row]: { amount: number }[] = await db.query(
      `SELECT coalesce(sum(amount), 0)::float AS amount FROM pnrr_comune_amount WHERE ${where}`,
      [param],
    );
    return row.amount;
  }
}
