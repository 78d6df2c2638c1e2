import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CsvError, CsvRecord, parseCsv } from './csv';
import { PnrrImportError } from './pnrr-import.types';

/** The PNRR source files (PA digitale 2026's open data): where they are, their columns, how they are read. */
export const PNRR_DATA_DIR = path.resolve(__dirname, '../data');
export const DEFAULT_PNRR_SOURCE = path.join(PNRR_DATA_DIR, 'padigitale2026');
export const DEFAULT_MEASURE_LINES = path.join(PNRR_DATA_DIR, 'measure-lines.json');

export const DEFAULT_PNRR_SOURCES = path.join(PNRR_DATA_DIR, 'sources.json');

/**
 * The columns every application file must have. The files do not share one layout (1.2's,
 * published in 2023, has 18 columns in another order, without `decreto_finanziamento` and
 * `data_stato_candidatura`; the other bodies' file has no `misura`): columns are read by name,
 * and the optional ones below may be absent.
 */
export const APPLICATION_COLUMNS = [
  'codice_ipa',
  'ente',
  'tipologia_ente',
  'comune',
  'cod_comune',
  'importo_finanziamento',
  'avviso',
  'data_finanziamento',
  'codice_cup',
  'stato_candidatura',
];

/** Who made an application (the publisher's `tipologia_ente`): the comune itself, a school, another body. */
export type BodyKindCode = 'COMUNE' | 'SCHOOL' | 'OTHER';

export function bodyKindOf(tipologiaEnte: string): BodyKindCode {
  const type = tipologiaEnte.trim().toLowerCase();
  // "Comuni" in most files, "Comune" in 1.2's: the platea of the comuni, whatever the IPA code
  // looks like (c_d142, but also cdmo for Montalcino). Unions of comuni are "Altri Enti".
  if (type === 'comuni' || type === 'comune') return 'COMUNE';
  if (type === 'scuole') return 'SCHOOL';
  return 'OTHER';
}

export interface SourcesFile {
  snapshot: { asOf: string; label: string };
  measureFiles: { file: string; measure: string; asOf: string }[];
  otherBodiesFile: { file: string; asOf: string };
}

export function readSources(file: string): SourcesFile {
  if (!existsSync(file)) throw new PnrrImportError(`${file}: file inesistente`);
  let parsed: SourcesFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as SourcesFile;
  } catch (error) {
    throw new PnrrImportError(`${path.basename(file)}: JSON non valido (${(error as Error).message})`);
  }
  const isDay = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (
    !Array.isArray(parsed.measureFiles) ||
    !parsed.otherBodiesFile ||
    !isDay(parsed.otherBodiesFile.asOf) ||
    parsed.measureFiles.some((entry) => !entry.file || !entry.measure || !isDay(entry.asOf))
  ) {
    throw new PnrrImportError(
      `${path.basename(file)}: attesi "measureFiles" (file, measure, asOf AAAA-MM-GG) e "otherBodiesFile" (file, asOf)`,
    );
  }
  return parsed;
}

export const CALL_COLUMNS = [
  'titolo',
  'misura',
  'data_inizio_bando',
  'data_fine_bando',
  'stato',
  'totale_importo_stanziato',
  'soggetti_destinatari',
];

export const measureCodeOf = (text: string): string | null =>
  /^(\d+(?:\.\d+)*)\s/.exec(text.trim())?.[1] ?? null;

export function amountOf(file: string, record: CsvRecord, column: string, required: boolean): number | null {
  const raw = record.values[column].trim();
  if (raw === '' && !required) return null;
  if (!/^\d+(\.\d+)?$/.test(raw)) {
    throw new CsvError(file, record.line, `${column} non è un importo valido: "${raw}"`);
  }
  return Math.round(Number(raw) * 100) / 100;
}

export function dateOf(file: string, record: CsvRecord, column: string): string | null {
  const raw = record.values[column].trim();
  if (raw === '') return null;
  const day = raw.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new CsvError(file, record.line, `${column} non è una data valida: "${raw}"`);
  }
  return day;
}

export function readCsv(
  source: string,
  file: string,
  columns: readonly string[],
  options: { bareQuotes?: boolean } = {},
): CsvRecord[] {
  const full = path.join(source, file);
  if (!existsSync(full)) throw new PnrrImportError(`${full}: file inesistente`);
  const text = readFileSync(full, 'utf8');
  return parseCsv(options.bareQuotes ? escapeBareQuotes(text) : text, file, columns);
}

/**
 * The other bodies' file quotes every text field but does not double the quotes inside one
 * (`"... COREUTICI "GAETANO BRAGA""`, 49 rows of August 2026). Its records hold no line break, so
 * on each line a quote that neither opens a field (after a comma or at the start) nor closes one
 * (before a comma or at the end) is part of the text, and is doubled as RFC 4180 wants.
 */
export function escapeBareQuotes(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const body = line.endsWith('\r') ? line.slice(0, -1) : line;
      let out = '';
      for (let i = 0; i < body.length; i++) {
        const opens = i === 0 || body[i - 1] === ',';
        const closes = i === body.length - 1 || body[i + 1] === ',';
        out += body[i] === '"' && !opens && !closes ? '""' : body[i];
      }
      return body === line ? out : `${out}\r`;
    })
    .join('\n');
}

export interface MeasureLinesFile {
  measures: { code: string; title: string }[];
  links: { measure: string; edition: string; line: string; justification: string; source: string }[];
}

export function readMeasureLines(file: string): MeasureLinesFile {
  if (!existsSync(file)) throw new PnrrImportError(`${file}: file inesistente`);
  let parsed: MeasureLinesFile;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as MeasureLinesFile;
  } catch (error) {
    throw new PnrrImportError(`${path.basename(file)}: JSON non valido (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed.measures) || !Array.isArray(parsed.links)) {
    throw new PnrrImportError(`${path.basename(file)}: attesi gli elenchi "measures" e "links"`);
  }
  return parsed;
}

/**
 * Reads and checks every file before anything is written: the first bad row fails the import
 * with file, line and reason, and since the import runs in the caller's transaction nothing
 * changes. Then each table is brought in line with the files; rows that did not change are not
 * touched, so a second run reports no change.
 */
