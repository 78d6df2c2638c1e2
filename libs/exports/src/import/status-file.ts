import { exceljs } from '../lazy-libraries';
import { badInput } from '@rtd/kernel';
import { checkXlsxZip } from './zip-guard';

/** Rows a file may carry: a consortium of 30 comuni at 150 lines each, with room to spare. */
export const MAX_IMPORT_ROWS = 5_000;
/** The file itself, before base64 (see docs/exports.md: bulk status import). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** The monitoring sheet's columns the import reads; the others are for people and are ignored. */
export const IMPORT_COLUMNS = {
  istat: 'Codice ISTAT',
  code: 'Codice linea',
  status: 'Stato',
  progress: 'Avanzamento (%)',
  issues: 'Criticità',
  assignmentId: 'ID attività',
  version: 'Versione',
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;

export type CellValue = string | number | null;

export interface FileRow {
  /** The sheet's name (XLSX), null for a CSV. */
  sheet: string | null;
  /** The row as the spreadsheet numbers it (the header is row 1). */
  row: number;
  cells: Record<ImportColumn, CellValue>;
}

export type FileFormat = 'XLSX' | 'CSV';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The rows of a monitoring sheet (XLSX in its own layout, or CSV with the same headers). */
export async function readStatusFile(
  fileName: string,
  content: Buffer,
): Promise<{ format: FileFormat; rows: FileRow[] }> {
  if (content.length === 0) throw badInput('file', 'il file è vuoto');
  if (content.length > MAX_IMPORT_BYTES)
    throw badInput('file', `file troppo grande (al massimo ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`);
  const lower = fileName.toLowerCase();
  if (/\.xl[st]m$/.test(lower)) throw badInput('file', 'file con macro (XLSM): caricare un XLSX senza macro');
  const isZip = content.subarray(0, 4).equals(ZIP_MAGIC);
  if (lower.endsWith('.xlsx') || isZip) {
    if (!isZip) throw badInput('file', 'il file non è un XLSX valido');
    return { format: 'XLSX', rows: await readXlsx(content) };
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return { format: 'CSV', rows: readCsv(content) };
  throw badInput('fileName', 'formato non riconosciuto: caricare un file .xlsx o .csv');
}

async function readXlsx(content: Buffer): Promise<FileRow[]> {
  checkXlsxZip(content);
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw badInput('file', 'il file non è un XLSX leggibile');
  }
  const rows: FileRow[] = [];
  let found = false;
  let firstMissing: string[] | null = null;
  for (const ws of workbook.worksheets) {
    const header = headerOf(ws.getRow(1).values as unknown[]);
    // Sheets without line codes (PNRR calls, totals, sources) are not status sheets.
    if (!header.has(IMPORT_COLUMNS.code)) {
      firstMissing ??= missing(header);
      continue;
    }
    const lack = missing(header);
    if (lack.length) throw badInput('file', `foglio «${ws.name}»: ${missingColumns(lack)}`);
    found = true;
    if (ws.rowCount - 1 + rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      const cells = cellsOf((name) => values[header.get(name) as number]);
      if (Object.values(cells).every((v) => v === null)) return;
      rows.push({ sheet: ws.name, row: n, cells });
    });
  }
  if (!found) throw badInput('file', missingColumns(firstMissing ?? Object.values(IMPORT_COLUMNS)));
  return rows;
}

function readCsv(content: Buffer): FileRow[] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000') || text.includes('\uFFFD'))
    throw badInput('file', 'il CSV deve essere un testo UTF-8');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Italian spreadsheets write CSV with semicolons; others with commas.
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parseCsv(text, separator);
  if (records.length - 1 > MAX_IMPORT_ROWS) throw tooManyRows();
  const header = new Map<string, number>();
  (records[0] ?? []).forEach((name, i) => header.set(name.trim(), i));
  const lack = missing(header);
  if (lack.length) throw badInput('file', missingColumns(lack));
  const rows: FileRow[] = [];
  records.slice(1).forEach((record, i) => {
    const cells = cellsOf((name) => record[header.get(name) as number]);
    if (Object.values(cells).every((v) => v === null)) return;
    rows.push({ sheet: null, row: i + 2, cells });
  });
  return rows;
}

/** RFC 4180: quoted fields may hold separators, quotes (doubled) and line breaks. */
export function parseCsv(text: string, separator: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (records.length > MAX_IMPORT_ROWS + 1) throw tooManyRows();
    } else field += c;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function headerOf(values: unknown[]): Map<string, number> {
  const header = new Map<string, number>();
  values.forEach((value, i) => {
    const text = plain(value);
    if (typeof text === 'string') header.set(text.trim(), i);
  });
  return header;
}

function cellsOf(get: (name: string) => unknown): Record<ImportColumn, CellValue> {
  const cells = {} as Record<ImportColumn, CellValue>;
  for (const [key, name] of Object.entries(IMPORT_COLUMNS)) cells[key as ImportColumn] = plain(get(name));
  return cells;
}

/** A cell as text or number: rich text joined, formulas by their result, dates as ISO days. */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return plain(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return plain(v.result);
    if (typeof v.text === 'string') return plain(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

const missing = (header: Map<string, number>): string[] =>
  Object.values(IMPORT_COLUMNS).filter((name) => !header.has(name));

const missingColumns = (names: string[]) =>
  `colonne mancanti: ${names.map((n) => `«${n}»`).join(', ')} (usare il foglio di monitoraggio esportato, con le intestazioni invariate)`;

const tooManyRows = () =>
  badInput(
    'file',
    `troppe righe: al massimo ${String(MAX_IMPORT_ROWS).replace(/\B(?=(\d{3})+$)/g, '.')} per file`,
  );
