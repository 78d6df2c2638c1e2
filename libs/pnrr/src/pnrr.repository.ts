import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ApplicationRow {
  istatCode: string;
  callTitle: string;
  measureCode: string;
  measureTitle: string;
  opensOn: string | null;
  closesOn: string | null;
  callStatus: string;
  amount: number;
  status: 'A' | 'R' | 'E';
  statusDate: string | null;
  fundedOn: string | null;
  cup: string;
}

export interface LinkRow {
  key: string;
  measureCode: string;
  measureTitle: string;
  justification: string;
  source: string;
}

/** All SQL about PNRR funding (reference data, readable by every role). */
@Injectable()
export class PnrrRepository {
  async amountsByIstatCodes(db: EntityManager, codes: readonly string[]): Promise<Map<string, number>> {
    const rows: { istatCode: string; amount: number }[] = await db.query(
      `SELECT istat_code AS "istatCode", amount FROM pnrr_comune_amount WHERE istat_code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((row) => [row.istatCode, row.amount]));
  }

  async applicationsByIstatCodes(db: EntityManager, codes: readonly string[]): Promise<ApplicationRow[]> {
    return db.query(
      `SELECT a.istat_code AS "istatCode", a.call_title AS "callTitle", a.measure_code AS "measureCode",
              coalesce(m.title, a.measure_code) AS "measureTitle", c.opens_on AS "opensOn", c.closes_on AS "closesOn",
              coalesce(c.status, '') AS "callStatus", a.amount, a.status, a.status_date AS "statusDate",
              a.funded_on AS "fundedOn", a.cup
         FROM pnrr_application a
         LEFT JOIN pnrr_call c ON c.title = a.call_title
         LEFT JOIN pnrr_measure m ON m.code = a.measure_code
        WHERE a.istat_code = ANY($1::text[])
        ORDER BY a.istat_code, c.opens_on NULLS LAST, a.call_title, a.cup`,
      [codes],
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

  async totalOf(db: EntityManager, codes: readonly string[]): Promise<{ amount: number; funded: number }> {
    const [row]: { amount: number; funded: number }[] = await db.query(
      `SELECT coalesce(sum(amount), 0) AS amount, count(*)::int AS funded
         FROM pnrr_comune_amount WHERE istat_code = ANY($1::text[])`,
      [codes],
    );
    return row;
  }

  async regionTotal(db: EntityManager, regionCode: string): Promise<{ amount: number; funded: number }> {
    const [row]: { amount: number; funded: number }[] = await db.query(
      `SELECT coalesce(sum(amount), 0) AS amount, count(*)::int AS funded
         FROM pnrr_comune_amount WHERE region_code = $1`,
      [regionCode],
    );
    return row;
  }
}
