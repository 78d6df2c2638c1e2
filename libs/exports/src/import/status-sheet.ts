import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../lazy-libraries';
import { FileRefusal, refuseFile } from './file-refusal';
import { checkXlsxZip, ZIP_LIMITS } from './zip-guard';

/*
 * Reading a status file: what runs in the parsing thread (status-file.worker.ts), so nothing here
 * imports the kernel or the rest of the application. Refusals are FileRefusals.
 */

/** Rows a file may carry: a consortium of 30 comuni at 150 lines each, with room to spare. */
export const MAX_IMPORT_ROWS = 5_000;
/** The file itself, before base64 (see docs/security.md, the import's limits). */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** Columns of any sheet: the monitoring sheet's widest has 20; A to Z leaves room for notes. */
export const MAX_IMPORT_COLUMNS = 26;
/** Rows with content over every sheet: the status rows, and the PNRR calls, totals and sources. */
export const MAX_WORKBOOK_ROWS = MAX_IMPORT_ROWS + 1_000;
/** Cells with content over every sheet: 5,000 rows of the 20 columns, and the other sheets. */
export const MAX_WORKBOOK_CELLS = 120_000;

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

export interface StatusFile {
  format: FileFormat;
  rows: FileRow[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The format of a file, from its name and first bytes; the cheap refusals (size, macros, type). */
export function statusFileFormat(fileName: string, content: Buffer): FileFormat {
  if (content.length === 0) throw refuseFile('il file è vuoto');
  if (content.length > MAX_IMPORT_BYTES)
    throw refuseFile(`file troppo grande (al massimo ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`);
  const lower = fileName.toLowerCase();
  if (/\.xl[st]m$/.test(lower)) throw refuseFile('file con macro (XLSM): caricare un XLSX senza macro');
  const isZip = content.subarray(0, 4).equals(ZIP_MAGIC);
  if (lower.endsWith('.xlsx') || isZip) {
    if (!isZip) throw refuseFile('il file non è un XLSX valido');
    return 'XLSX';
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'CSV';
  throw new FileRefusal('fileName', 'formato non riconosciuto: caricare un file .xlsx o .csv');
}

/** The rows of a monitoring sheet (XLSX in its own layout, or CSV with the same headers). */
export async function parseStatusFile(fileName: string, content: Buffer): Promise<StatusFile> {
  const format = statusFileFormat(fileName, content);
  return { format, rows: format === 'XLSX' ? await readXlsx(content) : readCsv(content) };
}

/** What the whole workbook has held so far, against the caps sized to the template. */
interface Tally {
  sheets: number;
  rows: number;
  cells: number;
  statusRows: number;
}

/**
 * The XLSX, read as a stream: exceljs' streaming reader takes each worksheet's XML in chunks of
 * 64 KB and hands over one row at a time, counted against the caps as it comes, so that a sheet
 * of a million cells is refused at its first cell past them, never loaded whole. The zip guard
 * has checked the archive and inflated its parts (within the caps) first.
 */
async function readXlsx(content: Buffer): Promise<FileRow[]> {
  const parts = checkXlsxZip(content);
  const rows: FileRow[] = [];
  const tally: Tally = { sheets: 0, rows: 0, cells: 0, statusRows: 0 };
  let found = false;
  let firstMissing: string[] | null = null;
  try {
    for await (const sheet of worksheets(parts)) {
      const name = sheet.name ?? '';
      if (++tally.sheets > ZIP_LIMITS.maxSheets)
        throw refuseFile(
          `troppi fogli: al massimo ${ZIP_LIMITS.maxSheets}, quelli del foglio di monitoraggio`,
        );
      let header: Map<string, number> | null = null;
      for await (const row of sheet) {
        count(row, name, tally);
        if (row.number === 1) {
          header = headerOf(row.values as unknown[]);
          // Sheets without line codes (PNRR calls, totals, sources) are not status sheets.
          if (!header.has(IMPORT_COLUMNS.code)) {
            firstMissing ??= missing(header);
            header = null;
            continue;
          }
          const lack = missing(header);
          if (lack.length) throw refuseFile(`foglio «${name}»: ${missingColumns(lack)}`);
          found = true;
          continue;
        }
        if (!header || row.actualCellCount === 0) continue;
        if (++tally.statusRows > MAX_IMPORT_ROWS) throw tooManyRows();
        const values = row.values as unknown[];
        const cells = cellsOf((key, column) =>
          xlsxCell(values[header!.get(column) as number], name, row, key),
        );
        if (Object.values(cells).every((v) => v === null)) continue;
        rows.push({ sheet: name, row: row.number, cells });
      }
    }
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    throw refuseFile('il file non è un XLSX leggibile');
  }
  if (!found) throw refuseFile(missingColumns(firstMissing ?? Object.values(IMPORT_COLUMNS)));
  return rows;
}

type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & { name?: string };

/**
 * exceljs' streaming reader, fed from memory with the parts in the order it needs (relationships,
 * workbook, shared strings, then the worksheets by number) rather than from the zip as it comes:
 * exceljs 4.4 reads its own zip stream unreliably when the workbook part comes last (as exceljs
 * itself writes it), losing the sheet names and shared strings or crashing. The methods declared
 * here are WorkbookReader's own (exceljs pinned by the lockfile, exercised by status-sheet.spec.ts).
 */
function memoryReader() {
  return class MemoryWorkbookReader extends exceljs().stream.xlsx.WorkbookReader {
    declare _parseRels: (entry: Readable) => Promise<void>;
    declare _parseWorkbook: (entry: Readable) => Promise<void>;
    declare _parseSharedStrings: (entry: Readable) => AsyncGenerator<unknown>;
    declare _parseWorksheet: (
      iterator: Readable,
      sheetNo: string,
    ) => Generator<{ eventType: string; value: SheetReader }>;
  };
}

async function* worksheets(parts: Map<string, Buffer>): AsyncGenerator<SheetReader> {
  const reader = new (memoryReader())(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const part = (name: string) => Readable.from(utf8Chunks(parts.get(name) ?? Buffer.alloc(0)));
  // The relationships name each worksheet's sheet only with the workbook part beside them.
  if (parts.has('xl/workbook.xml') && parts.has('xl/_rels/workbook.xml.rels')) {
    await reader._parseRels(part('xl/_rels/workbook.xml.rels'));
    await reader._parseWorkbook(part('xl/workbook.xml'));
  }
  if (parts.has('xl/sharedStrings.xml'))
    for await (const unused of reader._parseSharedStrings(part('xl/sharedStrings.xml'))) void unused;
  const sheets = [...parts.keys()]
    .map((name) => /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1])
    .filter((number): number is string => number !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  for (const number of sheets)
    for (const { eventType, value } of reader._parseWorksheet(
      part(`xl/worksheets/sheet${number}.xml`),
      number,
    ))
      if (eventType === 'worksheet') yield value;
}

/** A part's XML as text, 64 KB at a time, never cut inside a character. */
function* utf8Chunks(data: Buffer, size = 64 * 1024): Generator<string> {
  for (let start = 0; start < data.length;) {
    let end = Math.min(start + size, data.length);
    // Back over continuation bytes (10xxxxxx) to the start of a character.
    while (end < data.length && end > start + 1 && (data[end] & 0xc0) === 0x80) end--;
    yield data.toString('utf8', start, end);
    start = end;
  }
}

/** One more row against the caps: its width, and the workbook's rows and cells. */
function count(row: ExcelJS.Row, sheet: string, tally: Tally): void {
  if (row.cellCount > MAX_IMPORT_COLUMNS)
    throw refuseFile(
      `foglio «${sheet}», cella ${columnLetters(row.cellCount)}${row.number}: al massimo ${MAX_IMPORT_COLUMNS} colonne (da A a Z), come il foglio di monitoraggio`,
    );
  if (row.actualCellCount === 0) return;
  tally.cells += row.actualCellCount;
  if (++tally.rows > MAX_WORKBOOK_ROWS || tally.cells > MAX_WORKBOOK_CELLS)
    throw refuseFile(
      `troppi dati: al massimo ${thousands(MAX_WORKBOOK_ROWS)} righe e ${thousands(MAX_WORKBOOK_CELLS)} celle piene in tutto il file, fogli aggiuntivi compresi`,
    );
}

/**
 * A cell of a column the import reads, as text or number. A formula counts by the result the
 * spreadsheet saved with it; one saved without (written by a program, never recalculated) has no
 * value to import, and is refused rather than read as something else.
 */
function xlsxCell(value: unknown, sheet: string, row: ExcelJS.Row, key: ImportColumn): CellValue {
  if (value !== null && typeof value === 'object' && 'formula' in value && !('result' in value)) {
    const column = IMPORT_COLUMNS[key];
    throw refuseFile(
      `foglio «${sheet}», riga ${row.number}, colonna «${column}»: formula senza valore calcolato; aprire il file con un foglio di calcolo e salvarlo, oppure scrivere il valore`,
    );
  }
  return plain(value);
}

function readCsv(content: Buffer): FileRow[] {
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000') || text.includes('\uFFFD'))
    throw refuseFile('il CSV deve essere un testo UTF-8');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Italian spreadsheets write CSV with semicolons; others with commas.
  const separator = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parseCsv(text, separator);
  if (records.length - 1 > MAX_IMPORT_ROWS) throw tooManyRows();
  records.forEach((record, i) => {
    if (record.length > MAX_IMPORT_COLUMNS)
      throw refuseFile(
        `riga ${i + 1}: al massimo ${MAX_IMPORT_COLUMNS} colonne, come il foglio di monitoraggio`,
      );
  });
  const header = new Map<string, number>();
  (records[0] ?? []).forEach((name, i) => header.set(name.trim(), i));
  const lack = missing(header);
  if (lack.length) throw refuseFile(missingColumns(lack));
  const rows: FileRow[] = [];
  records.slice(1).forEach((record, i) => {
    const cells = cellsOf((_key, name) => plain(record[header.get(name) as number]));
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

function cellsOf(get: (key: ImportColumn, name: string) => CellValue): Record<ImportColumn, CellValue> {
  const cells = {} as Record<ImportColumn, CellValue>;
  for (const [key, name] of Object.entries(IMPORT_COLUMNS))
    cells[key as ImportColumn] = get(key as ImportColumn, name);
  return cells;
}

/** A cell as text or number: rich text joined, formulas by their result, dates as ISO days. */
function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: unknown }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return plain(v.richText.map((r) => String(r?.text ?? '')).join(''));
    if ('result' in v) return plain(v.result);
    if (typeof v.text === 'string') return plain(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  // Anything else (an object exceljs may add one day) has no value the import can read.
  return null;
}

/** "AA" for column 27: how a spreadsheet names a column. */
function columnLetters(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');

const missing = (header: Map<string, number>): string[] =>
  Object.values(IMPORT_COLUMNS).filter((name) => !header.has(name));

const missingColumns = (names: string[]) =>
  `colonne mancanti: ${names.map((n) => `«${n}»`).join(', ')} (usare il foglio di monitoraggio esportato, con le intestazioni invariate)`;

const tooManyRows = () => refuseFile(`troppe righe: al massimo ${thousands(MAX_IMPORT_ROWS)} per file`);
