import { Injectable } from '@nestjs/common';
import { AssignmentObject, AssignmentsService, AssignmentStatus, STATUSES } from '@rtd/assignments';
import { callerAccess, on } from '@rtd/authz';
import {
  badInput,
  CLOSED_BY_OFFICE,
  DomainError,
  forbidden,
  parseId,
  RequestContext,
  STATUS_NAME,
} from '@rtd/kernel';
import { ComuneObject } from '@rtd/tenancy';
import { ExportData } from '../export-data';
import {
  CellValue,
  FileRow,
  IMPORT_COLUMNS,
  ImportColumn,
  MAX_IMPORT_BYTES,
  readStatusFile,
} from './status-file';
import { MAX_VERSION, wholeNumber } from './cell-values';
import {
  StatusImportChangeObject,
  StatusImportErrorObject,
  StatusImportInput,
  StatusImportReportObject,
} from './status-import.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Statuses by their Italian name (as the sheet writes them) or their code, accents and case aside. */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
const STATUS_BY_NAME = new Map<string, AssignmentStatus>(
  STATUSES.flatMap((s) => [
    [fold(STATUS_NAME[s]), s],
    // Sheets written before the one vocabulary say «Inviata» for «Inviata, da validare».
    [fold(STATUS_NAME[s].split(',')[0]), s],
    [fold(s), s],
  ]),
);

interface Known {
  assignment: AssignmentObject;
  comune: ComuneObject;
  lineCodes: Set<string>;
}

interface Wanted {
  file: FileRow;
  known: Known;
  status: AssignmentStatus;
  progress: number;
  issues: string | null;
  version: number;
}

/** Thrown inside the import's savepoint to undo it: a dry run, or an apply with errors. */
class Undo extends Error {}

/**
 * Bulk status import from the monitoring sheet (or a CSV with its headers). Every change goes
 * through AssignmentsService, row by row, so the rights, the state machine, `expectedVersion`,
 * history and audit are those of one-by-one updates. All of it runs in one savepoint of the
 * caller's transaction: a dry run (and an apply with any error) rolls it back, so the dry run
 * reports exactly what the apply would do, conflicts included. Rows whose values are already
 * the current ones are left alone, so the same file imported twice changes nothing the second time.
 */
@Injectable()
export class StatusImportService {
  constructor(
    private readonly data: ExportData,
    private readonly assignments: AssignmentsService,
  ) {}

  async import(ctx: RequestContext, input: StatusImportInput): Promise<StatusImportReportObject> {
    const comuni = await this.scope(ctx, input);
    const content = decode(input.contentBase64);
    const fileName = (input.fileName ?? '').trim();
    if (!fileName || fileName.length > 255)
      throw badInput('fileName', 'obbligatorio, al massimo 255 caratteri');
    const { format, rows } = await readStatusFile(fileName, content);

    const known = await this.known(ctx, comuni);
    const { wanted, errors, unchanged } = plan(rows, known, await this.lineCodes(ctx));
    const { changes, applied } = await this.run(ctx, wanted, errors, fileName, input.dryRun);
    errors.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.row - b.row);
    return { dryRun: input.dryRun, applied, format, rowsRead: rows.length, unchanged, changes, errors };
  }

  /**
   * The changes, in one savepoint, each through AssignmentsService; its refusals become row
   * errors. Rolled back for a dry run or with any error; only then does it count as applied.
   */
  private async run(
    ctx: RequestContext,
    wanted: Wanted[],
    errors: StatusImportErrorObject[],
    fileName: string,
    dryRun: boolean,
  ): Promise<{ changes: StatusImportChangeObject[]; applied: boolean }> {
    const changes: StatusImportChangeObject[] = [];
    let applied = false;
    try {
      await ctx.atomically(async () => {
        for (const row of wanted) {
          try {
            await this.apply(ctx, row, fileName);
            changes.push(toChange(row));
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            errors.push({
              sheet: row.file.sheet,
              row: row.file.row,
              column: columnOf(e, row),
              reason: e.message,
            });
          }
        }
        if (dryRun || errors.length > 0) throw new Undo();
        applied = true;
      });
    } catch (e) {
      if (!(e instanceof Undo)) throw e;
    } finally {
      // The request's cache still holds the rolled-back rows as changed.
      if (!applied)
        this.assignments.forgetCached(
          ctx,
          wanted.map((row) => row.known.assignment.id),
        );
    }
    return { changes, applied };
  }

  /**
   * One row through the same service calls as the screen: update, then submit if asked. The file
   * and row go along: where the consortium's RTD allows it, the office's rows are entered on the
   * comune's behalf and recorded as such (AssignmentsService, OnBehalfSource).
   */
  private async apply(ctx: RequestContext, row: Wanted, fileName: string): Promise<void> {
    const a = row.known.assignment;
    const note = `Importazione da file «${fileName}», riga ${row.file.row}`;
    const source = { fileName, row: row.file.row };
    const issues = (a.issues ?? null) === row.issues ? undefined : row.issues;
    const progress = a.progress === row.progress ? undefined : row.progress;
    if (row.status === 'SUBMITTED' && a.status !== 'SUBMITTED') {
      await this.assignments.submit(ctx, a.id, row.version, note, { progress, issues }, source);
      return;
    }
    await this.assignments.update(
      ctx,
      a.id,
      row.version,
      { status: row.status === a.status ? null : row.status, progress, issues, note },
      source,
    );
  }

  private async scope(ctx: RequestContext, input: StatusImportInput): Promise<ComuneObject[]> {
    if (Boolean(input.comuneId) === Boolean(input.consortiumId))
      throw badInput(
        'comuneId',
        'indicare il Comune (comuneId) oppure il consorzio (consortiumId), uno solo dei due',
      );
    const { ability } = await callerAccess(ctx);
    if (input.comuneId) {
      const comune = await this.data.comune(ctx, parseId('comuneId', input.comuneId));
      const consortiumId = await this.data.consortiumIdOf(ctx, comune.id);
      if (!consortiumId || !ability.can('import', on('StatusImport', { consortiumId, comuneId: comune.id })))
        throw forbidden("Importa gli stati il referente del Comune o l'Ufficio RTD");
      return [comune];
    }
    const consortium = await this.data.consortium(ctx, parseId('consortiumId', input.consortiumId as string));
    if (!ability.can('import', on('StatusImport', { consortiumId: consortium.id, comuneId: null })))
      throw forbidden("Importa gli stati di tutto il consorzio l'Ufficio RTD");
    return this.data.members(ctx, consortium.id);
  }

  /** The activities the caller sees in scope, by id, with their comune and lines. */
  private async known(ctx: RequestContext, comuni: ComuneObject[]): Promise<Map<string, Known>> {
    const known = new Map<string, Known>();
    for (const comune of comuni) {
      for (const entry of await this.data.importEntries(ctx, comune)) {
        known.set(entry.assignment.id, {
          assignment: entry.assignment,
          comune,
          lineCodes: new Set(entry.lineCodes),
        });
      }
    }
    return known;
  }

  private async lineCodes(ctx: RequestContext): Promise<Set<string>> {
    const codes = new Set<string>();
    for (const edition of await this.data.editions(ctx))
      for (const line of await this.data.editionLines(ctx, edition)) codes.add(line.code);
    return codes;
  }
}

/**
 * What the file asks, row by row: the activities to change (one per activity, its first row),
 * the rows in error, and how many rows already hold the current values (left alone).
 */
function plan(
  rows: FileRow[],
  known: Map<string, Known>,
  codes: Set<string>,
): { wanted: Wanted[]; errors: StatusImportErrorObject[]; unchanged: number } {
  const errors: StatusImportErrorObject[] = [];
  const wanted: Wanted[] = [];
  const firstRowOf = new Map<string, Wanted>();
  let unchanged = 0;
  for (const file of rows) {
    const error = (column: ImportColumn | null, reason: string) =>
      errors.push({
        sheet: file.sheet,
        row: file.row,
        column: column ? IMPORT_COLUMNS[column] : null,
        reason,
      });
    const row = checkRow(file, known, codes, error);
    if (!row) continue;
    const first = firstRowOf.get(row.known.assignment.id);
    if (first) {
      // One activity may serve several lines: its rows must agree.
      if (first.status !== row.status || first.progress !== row.progress || first.issues !== row.issues)
        error('status', `stessa attività della riga ${first.file.row} con valori diversi: renderli uguali`);
      continue;
    }
    firstRowOf.set(row.known.assignment.id, row);
    const a = row.known.assignment;
    if (a.status === row.status && a.progress === row.progress && (a.issues ?? null) === row.issues) {
      unchanged += 1;
      continue;
    }
    wanted.push(row);
  }
  return { wanted, errors, unchanged };
}

function decode(base64: string): Buffer {
  const text = (base64 ?? '').replace(/\s+/g, '');
  if (text.length > Math.ceil(MAX_IMPORT_BYTES / 3) * 4)
    throw badInput('contentBase64', `file troppo grande (al massimo ${MAX_IMPORT_BYTES / 1024 / 1024} MB)`);
  if (!text || !BASE64.test(text)) throw badInput('contentBase64', 'il contenuto del file in base64');
  return Buffer.from(text, 'base64');
}

/** A row's wanted values, or null (blank, not adopted, or in error: the error is recorded). */
function checkRow(
  file: FileRow,
  known: Map<string, Known>,
  codes: Set<string>,
  error: (column: ImportColumn | null, reason: string) => void,
): Wanted | null {
  const c = file.cells;
  let failed = false;
  const fail = (column: ImportColumn | null, reason: string) => {
    failed = true;
    error(column, reason);
  };
  const text = (value: CellValue) => (value === null ? null : String(value).trim() || null);
  const code = text(c.code);
  if (code && !codes.has(code)) fail('code', `linea «${code}» sconosciuta nel catalogo del Piano`);
  const id = text(c.assignmentId);
  const statusText = text(c.status);
  if (!id) {
    if (statusText)
      fail(
        'status',
        'la linea non è adottata dal Comune: nessuna attività da aggiornare (lasciare vuoto lo stato)',
      );
    return null;
  }
  const entry = UUID.test(id) ? known.get(id.toLowerCase()) : undefined;
  if (!entry) {
    fail(
      'assignmentId',
      UUID.test(id) ? 'attività sconosciuta o fuori dal Comune indicato' : 'identificativo non valido',
    );
    return null;
  }
  const istat = typeof c.istat === 'number' ? String(c.istat).padStart(6, '0') : text(c.istat);
  if (istat !== entry.comune.istatCode)
    fail(
      'istat',
      `codice ISTAT «${istat ?? ''}» diverso da quello dell'attività (${entry.comune.istatCode}, ${entry.comune.name})`,
    );
  if (code && codes.has(code) && !entry.lineCodes.has(code))
    fail('code', `la linea «${code}» non è tra quelle dell'attività (${[...entry.lineCodes].join(', ')})`);
  // «Chiuso dall'ufficio il ...», as the file was exported: the status it had, unchanged.
  const status = !statusText
    ? undefined
    : fold(statusText).startsWith(fold(CLOSED_BY_OFFICE))
      ? entry.assignment.status
      : STATUS_BY_NAME.get(fold(statusText));
  if (!status)
    fail(
      'status',
      statusText
        ? `stato «${statusText}» sconosciuto; ammessi: ${Object.values(STATUS_NAME).join(', ')}`
        : 'obbligatorio per una linea adottata',
    );
  const progress = c.progress === null ? entry.assignment.progress : wholeNumber(c.progress);
  if (progress === null || progress < 0 || progress > 100)
    fail('progress', `«${c.progress}» non è un intero da 0 a 100`);
  const version = wholeNumber(c.version);
  if (version === null || version < 1 || version > MAX_VERSION)
    fail('version', `«${c.version ?? ''}» non è una versione (un intero da 1 in su, come esportato)`);
  const issues = text(c.issues);
  if (issues && issues.length > 10_000) fail('issues', 'al massimo 10000 caratteri');
  if (failed || !status || progress === null || version === null) return null;
  return { file, known: entry, status, progress, issues, version };
}

const COLUMN_OF_FIELD: Record<string, ImportColumn> = {
  status: 'status',
  progress: 'progress',
  issues: 'issues',
  note: 'status',
  expectedVersion: 'version',
};

function columnOf(e: DomainError, row: Wanted): string {
  if (e.field && COLUMN_OF_FIELD[e.field]) return IMPORT_COLUMNS[COLUMN_OF_FIELD[e.field]];
  if (e.code === 'CONFLICT' && /^Versione/.test(e.message)) return IMPORT_COLUMNS.version;
  if (e.code === 'NOT_FOUND') return IMPORT_COLUMNS.assignmentId;
  // Otherwise a refusal of the move: of the status if it changes, else of what does.
  const a = row.known.assignment;
  if (a.status !== row.status) return IMPORT_COLUMNS.status;
  if (a.progress !== row.progress) return IMPORT_COLUMNS.progress;
  return IMPORT_COLUMNS.issues;
}

function toChange(row: Wanted): StatusImportChangeObject {
  const a = row.known.assignment;
  return {
    sheet: row.file.sheet,
    row: row.file.row,
    assignmentId: a.id,
    comuneName: row.known.comune.name,
    lineCode:
      row.file.cells.code === null ? ([...row.known.lineCodes][0] ?? '') : String(row.file.cells.code),
    fromStatus: a.status,
    toStatus: row.status,
    fromProgress: a.progress,
    toProgress: row.progress,
    issuesChanged: (a.issues ?? null) !== row.issues,
    expectedVersion: row.version,
  };
}
