import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadedLineCodes } from '@rtd/catalog';
import { registeredMunicipalities, RegisteredMunicipality } from '@rtd/tenancy';
import { EntityManager } from 'typeorm';
import { CsvError, CsvRecord, parseCsv } from './csv';
import { NameResolution, resolveMunicipalityNames } from './name-resolution';

export const PNRR_DATA_DIR = path.resolve(__dirname, '../data');
export const DEFAULT_PNRR_SOURCE = path.join(PNRR_DATA_DIR, 'padigitale2026');
export const DEFAULT_MEASURE_LINES = path.join(PNRR_DATA_DIR, 'measure-lines.json');

/** The funded-application files of the measures the open data publishes per municipality. */
const APPLICATION_FILES = [
  'candidature_finanziate_11.csv',
  'candidature_finanziate_131.csv',
  'candidature_finanziate_145.csv',
];
const APPLICATION_COLUMNS = [
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
  'data_stato_candidatura',
  'misura',
];
const CALL_COLUMNS = [
  'titolo',
  'misura',
  'data_inizio_bando',
  'data_fine_bando',
  'stato',
  'totale_importo_stanziato',
  'soggetti_destinatari',
];

export class PnrrImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PnrrImportError';
  }
}

export interface TableSync {
  added: number;
  removed: number;
  unchanged: number;
}

export interface PnrrImportReport {
  measures: TableSync;
  calls: TableSync;
  applications: TableSync;
  amounts: TableSync;
  links: TableSync;
  /** Applications of bodies that are not the municipality itself (unions, mountain communities...). */
  otherBodies: number;
  /** Applications whose ISTAT code is not in the loaded register (municipalities created or recoded since). */
  unknownCodes: { file: string; line: number; code: string; name: string }[];
  /** Names of importi_per_comune.csv no municipality of the register carries. */
  unresolvedNames: { line: number; name: string }[];
  /** Names carried by more than one municipality: left out rather than guessed. */
  ambiguousNames: { line: number; name: string; candidates: string[] }[];
}

interface Row {
  [column: string]: string | number | string[] | null;
}

const measureCodeOf = (text: string): string | null => /^(\d+(?:\.\d+)*)\s/.exec(text.trim())?.[1] ?? null;

function amountOf(file: string, record: CsvRecord, column: string, required: boolean): number | null {
  const raw = record.values[column].trim();
  if (raw === '' && !required) return null;
  if (!/^\d+(\.\d+)?$/.test(raw)) {
    throw new CsvError(file, record.line, `${column} non è un importo valido: "${raw}"`);
  }
  return Math.round(Number(raw) * 100) / 100;
}

function dateOf(file: string, record: CsvRecord, column: string): string | null {
  const raw = record.values[column].trim();
  if (raw === '') return null;
  const day = raw.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new CsvError(file, record.line, `${column} non è una data valida: "${raw}"`);
  }
  return day;
}

function readCsv(source: string, file: string, columns: readonly string[]): CsvRecord[] {
  const full = path.join(source, file);
  if (!existsSync(full)) throw new PnrrImportError(`${full}: file inesistente`);
  return parseCsv(readFileSync(full, 'utf8'), file, columns);
}

interface MeasureLinesFile {
  measures: { code: string; title: string }[];
  links: { measure: string; edition: string; line: string; justification: string; source: string }[];
}

function readMeasureLines(file: string): MeasureLinesFile {
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
export async function importPnrrFunding(
  db: EntityManager,
  source = DEFAULT_PNRR_SOURCE,
  measureLinesFile = DEFAULT_MEASURE_LINES,
): Promise<PnrrImportReport> {
  const register = await registeredMunicipalities(db);
  const byCode = new Map(register.map((m) => [m.istatCode, m]));
  const mapping = readMeasureLines(measureLinesFile);
  const mappingFile = path.basename(measureLinesFile);

  const measures = new Map<string, string>();
  mapping.measures.forEach((measure, index) => {
    if (!/^\d+(\.\d+)*$/.test(measure.code ?? '') || !measure.title?.trim()) {
      throw new PnrrImportError(`${mappingFile}: misura ${index + 1} non valida (code, title)`);
    }
    measures.set(measure.code, measure.title.trim());
  });

  const calls: Row[] = [];
  const callTitles = new Set<string>();
  for (const record of readCsv(source, 'avvisi.csv', CALL_COLUMNS)) {
    const title = record.values.titolo.trim();
    const measure = measureCodeOf(record.values.misura);
    if (!title) throw new CsvError('avvisi.csv', record.line, 'titolo vuoto');
    if (!measure)
      throw new CsvError('avvisi.csv', record.line, `misura senza codice: "${record.values.misura}"`);
    if (callTitles.has(title)) throw new CsvError('avvisi.csv', record.line, `avviso ripetuto: "${title}"`);
    callTitles.add(title);
    if (!measures.has(measure))
      measures.set(measure, record.values.misura.trim().slice(measure.length).trim());
    calls.push({
      title,
      measure_code: measure,
      opens_on: dateOf('avvisi.csv', record, 'data_inizio_bando'),
      closes_on: dateOf('avvisi.csv', record, 'data_fine_bando'),
      status: record.values.stato.trim(),
      allocated_amount: amountOf('avvisi.csv', record, 'totale_importo_stanziato', false),
      recipients: record.values.soggetti_destinatari.trim(),
    });
  }

  const report: PnrrImportReport = {
    measures: EMPTY,
    calls: EMPTY,
    applications: EMPTY,
    amounts: EMPTY,
    links: EMPTY,
    otherBodies: 0,
    unknownCodes: [],
    unresolvedNames: [],
    ambiguousNames: [],
  };

  const applications: Row[] = [];
  for (const file of APPLICATION_FILES) {
    for (const record of readCsv(source, file, APPLICATION_COLUMNS)) {
      const v = record.values;
      // Only the municipality's own applications (IPA code c_<cadastral code>): a union or a
      // school seated in the comune is another body with its own funding.
      if (v.tipologia_ente.trim() !== 'Comuni' || !/^c_[a-z]\d{3}$/i.test(v.codice_ipa.trim())) {
        report.otherBodies += 1;
        continue;
      }
      const code = v.cod_comune.trim();
      // "N/D": the publisher has no code (a municipality merged since); reported like an unknown code.
      if (!/^\d{6}$/.test(code) && code !== 'N/D') {
        throw new CsvError(file, record.line, `cod_comune non valido: "${code}"`);
      }
      const measure = measureCodeOf(v.misura);
      if (!measure) throw new CsvError(file, record.line, `misura senza codice: "${v.misura}"`);
      if (!callTitles.has(v.avviso.trim())) {
        throw new CsvError(file, record.line, `avviso non presente in avvisi.csv: "${v.avviso}"`);
      }
      const status = v.stato_candidatura.trim();
      if (!['A', 'R', 'E'].includes(status)) {
        throw new CsvError(file, record.line, `stato_candidatura deve essere A, R o E, non "${status}"`);
      }
      const amount = amountOf(file, record, 'importo_finanziamento', true) as number;
      const fundedOn = dateOf(file, record, 'data_finanziamento');
      const statusDate = dateOf(file, record, 'data_stato_candidatura');
      const comune = byCode.get(code);
      if (!comune) {
        report.unknownCodes.push({ file, line: record.line, code, name: v.comune.trim() });
        continue;
      }
      applications.push({
        istat_code: code,
        region_code: comune.regionCode,
        ipa_code: v.codice_ipa.trim().toLowerCase(),
        body_name: v.ente.trim(),
        call_title: v.avviso.trim(),
        measure_code: measure,
        amount,
        status,
        status_date: statusDate,
        funded_on: fundedOn,
        cup: v.codice_cup.trim(),
      });
    }
  }

  const amountRecords = readCsv(source, 'importi_per_comune.csv', ['name', 'importo_finanziamento']);
  const named = amountRecords.map((record) => {
    if (!record.values.name.trim())
      throw new CsvError('importi_per_comune.csv', record.line, 'nome del comune vuoto');
    return {
      line: record.line,
      name: record.values.name.trim(),
      amount: amountOf('importi_per_comune.csv', record, 'importo_finanziamento', true) as number,
    };
  });
  const resolution: NameResolution = resolveMunicipalityNames(
    named.map((row) => ({ line: row.line, name: row.name })),
    register,
  );
  report.unresolvedNames = resolution.unresolved;
  report.ambiguousNames = resolution.ambiguous;
  const totals = new Map<string, { amount: number; names: string[]; comune: RegisteredMunicipality }>();
  for (const row of named) {
    const comune = resolution.resolved.get(row.line);
    if (!comune) continue;
    const total = totals.get(comune.istatCode) ?? { amount: 0, names: [], comune };
    total.amount = Math.round((total.amount + row.amount) * 100) / 100;
    total.names.push(row.name);
    totals.set(comune.istatCode, total);
  }
  const amounts: Row[] = [...totals.entries()].map(([istat, total]) => ({
    istat_code: istat,
    region_code: total.comune.regionCode,
    amount: total.amount,
    source_names: total.names,
  }));

  const links: Row[] = [];
  const lineCodes = new Map<string, Set<string>>();
  for (const [index, link] of mapping.links.entries()) {
    const where = `${mappingFile}, voce ${index + 1}`;
    if (!measures.has(link.measure))
      throw new PnrrImportError(`${where}: misura sconosciuta "${link.measure}"`);
    if (!link.justification?.trim() || !link.source?.trim()) {
      throw new PnrrImportError(`${where}: mancano la motivazione (justification) o la fonte (source)`);
    }
    if (!lineCodes.has(link.edition)) lineCodes.set(link.edition, await loadedLineCodes(db, link.edition));
    if (!lineCodes.get(link.edition)?.has(link.line)) {
      throw new PnrrImportError(
        `${where}: la linea ${link.line} non è nell'edizione ${link.edition} del catalogo`,
      );
    }
    links.push({
      measure_code: link.measure,
      edition_code: link.edition,
      line_code: link.line,
      justification: link.justification.trim(),
      source: link.source.trim(),
    });
  }

  report.measures = await syncTable(
    db,
    'pnrr_measure',
    [...measures.entries()].map(([code, title]) => ({ code, title })),
  );
  report.calls = await syncTable(db, 'pnrr_call', calls);
  report.applications = await syncTable(db, 'pnrr_application', applications);
  report.amounts = await syncTable(db, 'pnrr_comune_amount', amounts);
  report.links = await syncTable(db, 'pnrr_measure_line', links);
  return report;
}

const EMPTY: TableSync = { added: 0, removed: 0, unchanged: 0 };

/** Column types for the INSERT; everything else is text. */
const COLUMN_TYPES: Record<string, string> = {
  opens_on: 'date',
  closes_on: 'date',
  status_date: 'date',
  funded_on: 'date',
  allocated_amount: 'numeric',
  amount: 'numeric',
  source_names: 'text[]',
};

/**
 * Rows are keyed by a digest of their content (and their rank among identical rows), so a
 * changed row is one removed and one added, and an unchanged one is not written.
 */
async function syncTable(db: EntityManager, table: string, rows: Row[]): Promise<TableSync> {
  const seen = new Map<string, number>();
  const keyed = rows.map((row) => {
    const digest = createHash('sha256').update(JSON.stringify(row)).digest('base64url').slice(0, 32);
    const rank = (seen.get(digest) ?? 0) + 1;
    seen.set(digest, rank);
    return { key: rank === 1 ? digest : `${digest}.${rank}`, row };
  });
  const stored: { row_key: string }[] = await db.query(`SELECT row_key FROM ${table}`);
  const storedKeys = new Set(stored.map((r) => r.row_key));
  const incomingKeys = new Set(keyed.map((k) => k.key));
  const gone = [...storedKeys].filter((key) => !incomingKeys.has(key));
  const fresh = keyed.filter((k) => !storedKeys.has(k.key));
  if (gone.length > 0) await db.query(`DELETE FROM ${table} WHERE row_key = ANY($1::text[])`, [gone]);
  if (fresh.length > 0) {
    const columns = Object.keys(fresh[0].row);
    // One statement per table, one array parameter per column (a text[] column travels as JSON text).
    const types = columns.map((c) => COLUMN_TYPES[c] ?? 'text');
    const params = [
      fresh.map((k) => k.key),
      ...columns.map((c, i) =>
        fresh.map((k) => (types[i] === 'text[]' ? JSON.stringify(k.row[c]) : k.row[c])),
      ),
    ];
    const arrays = types.map((type, i) => `$${i + 2}::${type === 'text[]' ? 'text' : type}[]`);
    const values = columns.map((c, i) =>
      types[i] === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(t.${c}::jsonb))` : `t.${c}`,
    );
    await db.query(
      `INSERT INTO ${table} (row_key, ${columns.join(', ')})
       SELECT t.row_key, ${values.join(', ')}
         FROM unnest($1::text[], ${arrays.join(', ')}) AS t(row_key, ${columns.join(', ')})`,
      params,
    );
  }
  return { added: fresh.length, removed: gone.length, unchanged: keyed.length - fresh.length };
}

export function describePnrrImport(report: PnrrImportReport): string {
  const line = (label: string, sync: TableSync) =>
    `  ${label}: ${sync.added} aggiunti, ${sync.removed} rimossi, ${sync.unchanged} invariati`;
  const lines = [
    'Finanziamenti PNRR (PA digitale 2026):',
    line('misure', report.measures),
    line('avvisi', report.calls),
    line('candidature finanziate dei comuni', report.applications),
    line('importi per comune', report.amounts),
    line('collegamenti misura-linea', report.links),
    `  candidature di altri enti (unioni, scuole, ASL...) non attribuite al comune: ${report.otherBodies}`,
  ];
  if (report.unknownCodes.length) {
    lines.push(
      `  candidature con codice ISTAT assente dal registro (non importate): ${report.unknownCodes.length}`,
    );
  }
  for (const name of report.ambiguousNames) {
    lines.push(
      `  importi_per_comune.csv, riga ${name.line}: "${name.name}" è il nome di più comuni (${name.candidates.join(', ')}): non importato`,
    );
  }
  for (const name of report.unresolvedNames) {
    lines.push(
      `  importi_per_comune.csv, riga ${name.line}: nessun comune si chiama "${name.name}": non importato`,
    );
  }
  return lines.join('\n');
}

/** One line for the demo's start-up log. */
export function summarisePnrrImport(report: PnrrImportReport): string {
  const changed = [report.measures, report.calls, report.applications, report.amounts, report.links].some(
    (sync) => sync.added > 0 || sync.removed > 0,
  );
  return (
    `Finanziamenti PNRR: ${report.amounts.added + report.amounts.unchanged} comuni con importo, ` +
    `${report.applications.added + report.applications.unchanged} candidature finanziate` +
    (changed ? ' (aggiornati)' : ' (invariati)') +
    `; nomi non attribuiti: ${report.unresolvedNames.length} sconosciuti, ${report.ambiguousNames.length} ambigui`
  );
}
