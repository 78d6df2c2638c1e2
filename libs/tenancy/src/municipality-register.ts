import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EntityManager } from 'typeorm';

/** One record of ISTAT's register as shipped in data/istat/comuni.json. */
interface IstatRecord {
  codiceIstat: string;
  nome: string;
  regione: { codice: string; nome: string };
  provincia: { codice: string; nome: string };
  sigla: string;
  codiceCatastale: string;
  popolazione: number;
}

export const DEFAULT_MUNICIPALITY_FILE = path.resolve(__dirname, '../data/istat/comuni.json');
/** The capitals of the metropolitan cities (SOURCE.md gives the laws). */
export const METROPOLITAN_CAPITALS_FILE = path.resolve(__dirname, '../data/istat/citta-metropolitane.json');

export function metropolitanCapitals(
  file = METROPOLITAN_CAPITALS_FILE,
): { codiceIstat: string; nome: string }[] {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const capitals = (json as { capitals?: unknown })?.capitals;
  if (!Array.isArray(capitals)) throw new Error(`${file}: atteso l'elenco "capitals"`);
  return capitals.map((c: { codiceIstat?: unknown; nome?: unknown }) => {
    if (typeof c?.codiceIstat !== 'string' || !/^\d{6}$/.test(c.codiceIstat) || typeof c.nome !== 'string') {
      throw new Error(`${file}: capoluogo non valido: ${JSON.stringify(c)}`);
    }
    return { codiceIstat: c.codiceIstat, nome: c.nome };
  });
}

export interface MunicipalityImportReport {
  total: number;
  added: number;
  changed: number;
}

function readRegister(file: string): IstatRecord[] {
  const records: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(records)) throw new Error(`${file}: atteso un array di comuni`);
  records.forEach((record: IstatRecord, index) => {
    if (!/^\d{6}$/.test(record?.codiceIstat ?? '') || typeof record.popolazione !== 'number') {
      throw new Error(`${file}: record ${index + 1} non valido (codiceIstat o popolazione)`);
    }
  });
  return records as IstatRecord[];
}

/**
 * Loads ISTAT's municipality register in one statement; rows that did not change are not
 * touched, so a second run reports nothing new. The register's population (2011 census) is only
 * given to a municipality it adds: later figures come from the population files (importPopulation),
 * with their own date. The capitals of the metropolitan cities are marked.
 */
export async function importMunicipalities(
  db: EntityManager,
  file = DEFAULT_MUNICIPALITY_FILE,
): Promise<MunicipalityImportReport> {
  const records = readRegister(file);
  const capitals = new Set(metropolitanCapitals().map((c) => c.codiceIstat));
  const column = <K extends keyof IstatRecord>(key: K) => records.map((r) => r[key]);
  // A renamed comune or province bumps its consortium's compliance version (labels of cached
  // summaries): trigger comune_compliance_label, migrations/1764000011000-compliance-label-versions.ts.
  const [result]: { added: number; changed: number }[] = await db.query(
    `WITH incoming AS (
       SELECT *, istat_code = ANY($10::text[]) AS metropolitan_capital
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[])
         AS t(istat_code, name, province_code, province_name, province_abbreviation, region_code, region_name, cadastral_code, population)
     ), upserted AS (
       INSERT INTO comune AS c (istat_code, name, province_code, province_name, province_abbreviation,
                                region_code, region_name, cadastral_code, population, metropolitan_capital)
       SELECT * FROM incoming
       ON CONFLICT (istat_code) DO UPDATE SET
         name = excluded.name, province_code = excluded.province_code, province_name = excluded.province_name,
         province_abbreviation = excluded.province_abbreviation, region_code = excluded.region_code,
         region_name = excluded.region_name, cadastral_code = excluded.cadastral_code,
         metropolitan_capital = excluded.metropolitan_capital, updated_at = now()
       WHERE (c.name, c.province_code, c.province_name, c.province_abbreviation, c.region_code, c.region_name,
              c.cadastral_code, c.metropolitan_capital)
         IS DISTINCT FROM (excluded.name, excluded.province_code, excluded.province_name, excluded.province_abbreviation,
              excluded.region_code, excluded.region_name, excluded.cadastral_code, excluded.metropolitan_capital)
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS added, count(*) FILTER (WHERE NOT inserted)::int AS changed
       FROM upserted`,
    [
      column('codiceIstat'),
      column('nome'),
      records.map((r) => r.provincia.codice),
      records.map((r) => r.provincia.nome),
      column('sigla'),
      records.map((r) => r.regione.codice),
      records.map((r) => r.regione.nome),
      column('codiceCatastale'),
      column('popolazione'),
      [...capitals],
    ],
  );
  return { total: records.length, added: result.added, changed: result.changed };
}

/** One municipality of the loaded register, for importers that resolve names or codes (PNRR funding). */
export interface RegisteredMunicipality {
  istatCode: string;
  name: string;
  regionCode: string;
  provinceAbbreviation: string;
}

export async function registeredMunicipalities(db: EntityManager): Promise<RegisteredMunicipality[]> {
  return db.query(
    `SELECT istat_code AS "istatCode", name, region_code AS "regionCode",
            province_abbreviation AS "provinceAbbreviation"
       FROM comune ORDER BY istat_code`,
  );
}
