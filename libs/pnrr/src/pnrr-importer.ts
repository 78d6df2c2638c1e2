import { createHash } from 'node:crypto';
import path from 'node:path';
import { loadedLineCodes } from '@rtd/catalog';
import { registeredMunicipalities, RegisteredMunicipality } from '@rtd/tenancy';
import { EntityManager } from 'typeorm';
import { CsvError, CsvRecord } from './csv';
import { NameResolution, resolveMunicipalityNames } from './name-resolution';
import {
  PnrrApplicationChange,
  PnrrImportError,
  PnrrImportReport,
  PnrrSnapshotChanges,
  Row,
  TableSync,
} from './pnrr-import.types';
import {
  amountOf,
  APPLICATION_COLUMNS,
  bodyKindOf,
  CALL_COLUMNS,
  dateOf,
  DEFAULT_MEASURE_LINES,
  DEFAULT_PNRR_SOURCE,
  DEFAULT_PNRR_SOURCES,
  measureCodeOf,
  readCsv,
  readMeasureLines,
  readSources,
} from './pnrr-source-files';

export * from './pnrr-import.types';
export * from './pnrr-source-files';
export * from './pnrr-import-report';

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
