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

export const DEFAULT_PNRR_SOURCES = path.join(PNRR_DATA_DIR, 'sources.json');

/**
 * The columns every application file must have. The files do not share one layout (1.2's,
 * published in 2023, has 18 columns in another order, without `decreto_finanziamento` and
 * `data_stato_candidatura`; the other bodies' file has no `misura`): columns are read by name,
 * and the optional ones below may be absent.
 */
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

interface SourcesFile {
  snapshot: { asOf: string; label: string };
  measureFiles: { file: string; measure: string; asOf: string }[];
  otherBodiesFile: { file: string; asOf: string };
}

function readSources(file: string): SourcesFile {
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
  /** Applications of bodies that are not the municipality itself (its schools, ASL, unions...), imported as such. */
  otherBodies: number;
  /** Imported applications by who made them. */
  attribution: Record<BodyKindCode, number>;
  /** Other bodies' rows of the measure files, left to the newer other bodies' file. */
  leftToOtherBodiesFile: number;
  /** What this snapshot changes against the stored one (what a dry run prints). */
  changes: PnrrSnapshotChanges;
  dryRun: boolean;
  /** Applications whose ISTAT code is not in the loaded register (municipalities created or recoded since). */
  unknownCodes: { file: string; line: number; code: string; name: string }[];
  /** Names of importi_per_comune.csv no municipality of the register carries. */
  unresolvedNames: { line: number; name: string }[];
  /** Names carried by more than one municipality: left out rather than guessed. */
  ambiguousNames: { line: number; name: string; candidates: string[] }[];
}

/** One application as the dry run names it. */
export interface PnrrApplicationChange {
  /** The body's IPA code (part of the identity; not printed). */
  ipa?: string;
  istatCode: string;
  body: string;
  call: string;
  cup: string;
  amount: number;
  status: string;
  previousStatus?: string;
}

export interface PnrrSnapshotChanges {
  /** Applications not in the stored data. */
  added: PnrrApplicationChange[];
  /** Applications whose status changed (withdrawn ones included, also listed under `withdrawn`). */
  statusChanged: PnrrApplicationChange[];
  /** Applications withdrawn (R) since the stored data. */
  withdrawn: PnrrApplicationChange[];
  /** Applications stored that the files no longer hold. */
  removed: PnrrApplicationChange[];
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

function readCsv(
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
  options: { dryRun?: boolean; sourcesFile?: string } = {},
): Promise<PnrrImportReport> {
  const dryRun = options.dryRun ?? false;
  const sources = readSources(options.sourcesFile ?? DEFAULT_PNRR_SOURCES);
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
  const callMeasures = new Map<string, string>();
  for (const record of readCsv(source, 'avvisi.csv', CALL_COLUMNS)) {
    const title = record.values.titolo.trim();
    const measure = measureCodeOf(record.values.misura);
    if (!title) throw new CsvError('avvisi.csv', record.line, 'titolo vuoto');
    if (!measure)
      throw new CsvError('avvisi.csv', record.line, `misura senza codice: "${record.values.misura}"`);
    if (callTitles.has(title)) throw new CsvError('avvisi.csv', record.line, `avviso ripetuto: "${title}"`);
    callTitles.add(title);
    callMeasures.set(title, measure);
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
    attribution: { COMUNE: 0, SCHOOL: 0, OTHER: 0 },
    leftToOtherBodiesFile: 0,
    changes: { added: [], statusChanged: [], withdrawn: [], removed: [] },
    dryRun,
    unknownCodes: [],
    unresolvedNames: [],
    ambiguousNames: [],
  };

  const applications: Row[] = [];
  const measureAsOf = new Map<string, { asOf: string; file: string }>();
  const files = [
    ...sources.measureFiles.map((entry) => ({ ...entry, otherBodies: false })),
    {
      file: sources.otherBodiesFile.file,
      measure: null,
      asOf: sources.otherBodiesFile.asOf,
      otherBodies: true,
    },
  ];
  for (const entry of files) {
    const file = entry.file;
    if (entry.measure) measureAsOf.set(entry.measure, { asOf: entry.asOf, file });
    for (const record of readCsv(source, file, APPLICATION_COLUMNS, { bareQuotes: entry.otherBodies })) {
      const v = record.values;
      const kind = bodyKindOf(v.tipologia_ente);
      // The other bodies' applications come from their own, newer file.
      if (!entry.otherBodies && kind === 'OTHER') {
        report.leftToOtherBodiesFile += 1;
        continue;
      }
      const code = v.cod_comune.trim();
      // "N/D": the publisher has no code (a municipality merged since); reported like an unknown code.
      if (!/^\d{6}$/.test(code) && code !== 'N/D') {
        throw new CsvError(file, record.line, `cod_comune non valido: "${code}"`);
      }
      const call = v.avviso.trim();
      const measure = applicationMeasure(file, record, call, callMeasures, entry.measure);
      const status = v.stato_candidatura.trim();
      if (!['A', 'R', 'E'].includes(status)) {
        throw new CsvError(file, record.line, `stato_candidatura deve essere A, R o E, non "${status}"`);
      }
      const amount = amountOf(file, record, 'importo_finanziamento', true) as number;
      const fundedOn = dateOf(file, record, 'data_finanziamento');
      // 1.2's older layout has no status date.
      const statusDate =
        'data_stato_candidatura' in v ? dateOf(file, record, 'data_stato_candidatura') : null;
      const comune = byCode.get(code);
      if (!comune) {
        report.unknownCodes.push({ file, line: record.line, code, name: v.comune.trim() });
        continue;
      }
      report.attribution[kind] += 1;
      if (kind !== 'COMUNE') report.otherBodies += 1;
      applications.push({
        istat_code: code,
        region_code: comune.regionCode,
        ipa_code: v.codice_ipa.trim().toLowerCase(),
        body_name: v.ente.trim(),
        call_title: call,
        measure_code: measure,
        amount,
        status,
        status_date: statusDate,
        funded_on: fundedOn,
        cup: v.codice_cup.trim(),
        body_kind: kind,
        body_type: v.tipologia_ente.trim(),
        source_file: file,
        as_of: entry.asOf,
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

  report.changes = await snapshotChanges(db, applications);
  const write = !dryRun;
  report.measures = await syncTable(
    db,
    'pnrr_measure',
    [...measures.entries()].map(([code, title]) => ({
      code,
      title,
      as_of: measureAsOf.get(code)?.asOf ?? null,
      source_file: measureAsOf.get(code)?.file ?? null,
    })),
    write,
  );
  report.calls = await syncTable(db, 'pnrr_call', calls, write);
  report.applications = await syncTable(db, 'pnrr_application', applications, write);
  report.amounts = await syncTable(db, 'pnrr_comune_amount', amounts, write);
  report.links = await syncTable(db, 'pnrr_measure_line', links, write);
  return report;
}

const EMPTY: TableSync = { added: 0, removed: 0, unchanged: 0 };

/**
 * The measure of an application: its `misura` column when the file has one, else its call's in
 * avvisi.csv; a call avvisi.csv lists only without its " (quota 1.1)" suffix (the ASL calls of
 * 2025) takes the measure the quota names.
 */
function applicationMeasure(
  file: string,
  record: CsvRecord,
  call: string,
  callMeasures: Map<string, string>,
  fileMeasure: string | null,
): string {
  const quota = /\s*\(quota (\d+(?:\.\d+)*)\)$/.exec(call);
  const known = callMeasures.get(call) ?? (quota ? callMeasures.get(call.slice(0, quota.index)) : undefined);
  if (!known) throw new CsvError(file, record.line, `avviso non presente in avvisi.csv: "${call}"`);
  const measure =
    'misura' in record.values
      ? measureCodeOf(record.values.misura)
      : quota && !callMeasures.has(call)
        ? quota[1]
        : known;
  if (!measure) throw new CsvError(file, record.line, `misura senza codice: "${record.values.misura}"`);
  if (fileMeasure && measure !== fileMeasure) {
    throw new CsvError(file, record.line, `misura ${measure} in un file della misura ${fileMeasure}`);
  }
  return measure;
}

/**
 * New, changed, withdrawn and removed applications, against the stored snapshot. An application
 * is its body, call and CUP; the files hold some twice (a body that withdrew and applied again in
 * another window of the same call, same CUP): the statuses both sides share are matched first,
 * then what remains pairs up as changes, and the rest is new or gone.
 */
async function snapshotChanges(db: EntityManager, incoming: Row[]): Promise<PnrrSnapshotChanges> {
  const stored: PnrrApplicationChange[] = await db.query(
    `SELECT ipa_code AS ipa, call_title AS call, cup, istat_code AS "istatCode", body_name AS body,
            amount::float AS amount, status
       FROM pnrr_application`,
  );
  const fresh: PnrrApplicationChange[] = incoming.map((row) => ({
    ipa: row.ipa_code as string,
    istatCode: row.istat_code as string,
    body: row.body_name as string,
    call: row.call_title as string,
    cup: row.cup as string,
    amount: row.amount as number,
    status: row.status as string,
  }));
  const before = groupByIdentity(stored);
  const after = groupByIdentity(fresh);
  const changes: PnrrSnapshotChanges = { added: [], statusChanged: [], withdrawn: [], removed: [] };
  for (const [key, rows] of after) {
    const old = [...(before.get(key) ?? [])];
    const unmatched: PnrrApplicationChange[] = [];
    for (const row of rows) {
      const same = old.findIndex((o) => o.status === row.status);
      if (same >= 0) old.splice(same, 1);
      else unmatched.push(row);
    }
    for (const row of unmatched) {
      const previous = old.shift();
      if (!previous) {
        changes.added.push(strip(row));
        continue;
      }
      const changed = { ...strip(row), previousStatus: previous.status };
      changes.statusChanged.push(changed);
      if (row.status === 'R') changes.withdrawn.push(changed);
    }
    changes.removed.push(...old.map(strip));
  }
  for (const [key, rows] of before) if (!after.has(key)) changes.removed.push(...rows.map(strip));
  return changes;
}

const strip = ({ ipa: _ipa, ...change }: PnrrApplicationChange): PnrrApplicationChange => change;

function groupByIdentity(rows: PnrrApplicationChange[]): Map<string, PnrrApplicationChange[]> {
  const groups = new Map<string, PnrrApplicationChange[]>();
  for (const row of rows) {
    const key = `${row.ipa}|${row.call}|${row.cup}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

/** Column types for the INSERT; everything else is text. */
const COLUMN_TYPES: Record<string, string> = {
  opens_on: 'date',
  closes_on: 'date',
  status_date: 'date',
  as_of: 'date',
  funded_on: 'date',
  allocated_amount: 'numeric',
  amount: 'numeric',
  source_names: 'text[]',
};

/**
 * Rows are keyed by a digest of their content (and their rank among identical rows), so a
 * changed row is one removed and one added, and an unchanged one is not written.
 */
async function syncTable(db: EntityManager, table: string, rows: Row[], write = true): Promise<TableSync> {
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
  if (!write) return { added: fresh.length, removed: gone.length, unchanged: keyed.length - fresh.length };
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

const STATUS_WORD: Record<string, string> = { A: 'assegnata', E: 'erogata', R: 'rinuncia' };
const MAX_LISTED = 20;

function describeChange(change: PnrrApplicationChange): string {
  const status = change.previousStatus
    ? `${STATUS_WORD[change.previousStatus] ?? change.previousStatus} → ${STATUS_WORD[change.status] ?? change.status}`
    : (STATUS_WORD[change.status] ?? change.status);
  return `    ${change.istatCode} ${change.body}: "${change.call}", CUP ${change.cup}, ${change.amount} €, ${status}`;
}

export function describePnrrImport(report: PnrrImportReport): string {
  const line = (label: string, sync: TableSync) =>
    report.dryRun
      ? `  ${label}: ${sync.added} da aggiungere, ${sync.removed} da rimuovere, ${sync.unchanged} invariati`
      : `  ${label}: ${sync.added} aggiunti, ${sync.removed} rimossi, ${sync.unchanged} invariati`;
  const lines = [
    report.dryRun
      ? 'Finanziamenti PNRR (PA digitale 2026), prova senza scrivere (--dry-run): nulla è cambiato.'
      : 'Finanziamenti PNRR (PA digitale 2026):',
    line('misure', report.measures),
    line('avvisi', report.calls),
    line('candidature finanziate', report.applications),
    line('importi per territorio comunale (importi_per_comune.csv)', report.amounts),
    line('collegamenti misura-linea', report.links),
    `  candidature per ente: ${report.attribution.COMUNE} dei comuni, ${report.attribution.SCHOOL} delle scuole, ${report.attribution.OTHER} di altri enti (ASL, unioni, consorzi...)`,
    `  righe di altri enti nei file per misura, lette invece dal file degli altri enti: ${report.leftToOtherBodiesFile}`,
  ];
  if (report.unknownCodes.length) {
    lines.push(
      `  candidature con codice ISTAT assente dal registro (non importate): ${report.unknownCodes.length}`,
    );
  }
  const { added, statusChanged, withdrawn, removed } = report.changes;
  lines.push(
    `  rispetto ai dati presenti: ${added.length} candidature nuove, ${statusChanged.length} con stato cambiato, di cui ${withdrawn.length} rinunciate, ${removed.length} non più nei file`,
  );
  const list = (title: string, changes: PnrrApplicationChange[]) => {
    if (changes.length === 0) return;
    lines.push(`  ${title}:`);
    changes.slice(0, MAX_LISTED).forEach((change) => lines.push(describeChange(change)));
    if (changes.length > MAX_LISTED) lines.push(`    ... e altre ${changes.length - MAX_LISTED}`);
  };
  list('nuove', added);
  list(
    'stato cambiato',
    statusChanged.filter((change) => change.status !== 'R'),
  );
  list('rinunciate', withdrawn);
  list('non più nei file', removed);
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
