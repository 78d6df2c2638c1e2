import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CsvError, parseCsv } from '@rtd/kernel';
import { EntityManager } from 'typeorm';

/** How to read a population file: which columns, which day it counts, where it comes from. */
export interface PopulationFileOptions {
  /** YYYY-MM-DD: the day the figures count the residents (ISTAT: 1 January of the year). */
  referenceDate: string;
  /** Shown next to every population a person reads ("ISTAT, popolazione residente al 1° gennaio 2021"). */
  source: string;
  codeColumn: string;
  populationColumn: string;
  /** Codes of the file that name a municipality of the register under another code (a change of province). */
  codeChanges: Record<string, string>;
}

export const DEFAULT_POPULATION_FILE = path.resolve(__dirname, '../data/istat/popolazione-2021.csv');
const DEFAULT_POPULATION_META = path.resolve(__dirname, '../data/istat/popolazione-2021.meta.json');

/** The options of the shipped file (popolazione-2021.meta.json, next to it). */
export function defaultPopulationOptions(): PopulationFileOptions {
  const meta = JSON.parse(readFileSync(DEFAULT_POPULATION_META, 'utf8')) as PopulationFileOptions;
  return {
    referenceDate: meta.referenceDate,
    source: meta.source,
    codeColumn: meta.codeColumn,
    populationColumn: meta.populationColumn,
    codeChanges: meta.codeChanges,
  };
}

export interface PopulationImportReport {
  file: string;
  referenceDate: string;
  rows: number;
  changed: number;
  /** Municipalities of the register the file does not cover: they keep the figure they had. */
  notCovered: { istatCode: string; name: string; populationDate: string }[];
}

export class PopulationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PopulationFileError';
  }
}

function readRows(file: string, options: PopulationFileOptions): { istatCode: string; population: number }[] {
  const name = path.basename(file);
  const records = parseCsv(readFileSync(file, 'utf8'), name, [options.codeColumn, options.populationColumn]);
  const seen = new Map<string, number>();
  return records.map((record) => {
    const raw = record.values[options.codeColumn].trim();
    const population = record.values[options.populationColumn].trim();
    if (!/^\d{6}$/.test(raw))
      throw new CsvError(name, record.line, `codice ISTAT non valido: «${raw}» (6 cifre)`);
    if (!/^\d{1,8}$/.test(population)) {
      throw new CsvError(name, record.line, `popolazione non valida: «${population}» (un numero intero)`);
    }
    const istatCode = options.codeChanges[raw] ?? raw;
    const first = seen.get(istatCode);
    if (first !== undefined)
      throw new CsvError(name, record.line, `comune ${istatCode} già alla riga ${first}`);
    seen.set(istatCode, record.line);
    return { istatCode, population: Number(population) };
  });
}

/**
 * Loads a population file into the register: each municipality's population with the day it
 * counts and its source, in one statement; unchanged rows are not touched, so a second run reports
 * nothing. A code the register does not know stops the import (naming file and line) and changes
 * nothing; municipalities the file does not cover keep their figure and its date, and are listed.
 */
export async function importPopulation(
  db: EntityManager,
  file = DEFAULT_POPULATION_FILE,
  options: PopulationFileOptions = defaultPopulationOptions(),
): Promise<PopulationImportReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.referenceDate)) {
    throw new PopulationFileError(`data di riferimento non valida: «${options.referenceDate}» (AAAA-MM-GG)`);
  }
  const rows = readRows(file, options);
  const unknown: { code: string }[] = await db.query(
    `SELECT t.code FROM unnest($1::text[]) AS t(code) WHERE NOT EXISTS (SELECT 1 FROM comune c WHERE c.istat_code = t.code)`,
    [rows.map((r) => r.istatCode)],
  );
  if (unknown.length > 0) {
    throw new PopulationFileError(
      `${path.basename(file)}: codici ISTAT assenti dal registro dei comuni: ${unknown.map((u) => u.code).join(', ')} (aggiornare prima il registro o indicarne il codice attuale)`,
    );
  }
  const [{ changed }]: { changed: number }[] = await db.query(
    `WITH updated AS (
       UPDATE comune c SET population = t.population, population_date = $3::date, population_source = $4, updated_at = now()
         FROM unnest($1::text[], $2::int[]) AS t(code, population)
        WHERE c.istat_code = t.code
          AND (c.population, c.population_date, c.population_source) IS DISTINCT FROM (t.population, $3::date, $4)
       RETURNING 1)
     SELECT count(*)::int AS changed FROM updated`,
    [rows.map((r) => r.istatCode), rows.map((r) => r.population), options.referenceDate, options.source],
  );
  const notCovered: PopulationImportReport['notCovered'] = await db.query(
    `SELECT istat_code AS "istatCode", name, population_date AS "populationDate"
       FROM comune WHERE NOT (istat_code = ANY($1::text[])) ORDER BY istat_code`,
    [rows.map((r) => r.istatCode)],
  );
  return {
    file: path.basename(file),
    referenceDate: options.referenceDate,
    rows: rows.length,
    changed,
    notCovered,
  };
}

export function describePopulationImport(report: PopulationImportReport): string {
  const lines = [
    `Popolazione ISTAT al ${report.referenceDate} (${report.file}): ${report.rows} comuni, ${report.changed} aggiornati`,
  ];
  if (report.notCovered.length) {
    lines.push(
      `  non coperti dal file (restano con il dato precedente): ${report.notCovered
        .map((c) => `${c.name} (${c.istatCode}, dato al ${c.populationDate})`)
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}
