import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { badInput } from '@rtd/kernel';
import { FileRefusal } from './file-refusal';
import type { ParseOutcome, ParseRequest } from './status-file.worker';
import { statusFileFormat, StatusFile } from './status-sheet';

export {
  IMPORT_COLUMNS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  MAX_WORKBOOK_CELLS,
  MAX_WORKBOOK_ROWS,
  parseCsv,
} from './status-sheet';
export type { CellValue, FileFormat, FileRow, ImportColumn, StatusFile } from './status-sheet';

/**
 * How long one file may take to read, and how much memory its thread may use: a monitoring
 * sheet of 5,000 rows takes about a second and some 60 MB. Beyond either, the file is refused.
 */
export const PARSE_LIMITS = { timeoutMs: 20_000, heapMb: 192, parallel: 2 };

const WORKER_FILE = path.join(__dirname, 'status-file.worker.js');
const TOO_COMPLEX = 'file troppo complesso da leggere: usare il foglio di monitoraggio esportato';

/**
 * The rows of a status file (XLSX or CSV), read off the request's event loop: in a worker thread
 * of its own, with a memory cap, a time limit, and at most two at a time per process (the next
 * ones wait their turn), so that an upload, however made, cannot stall the other requests of the
 * API nor take its memory. A refusal is a BAD_USER_INPUT on `file` (or `fileName`), in Italian.
 */
export async function readStatusFile(fileName: string, content: Buffer): Promise<StatusFile> {
  try {
    // The cheap refusals (empty, too big, macros, unknown type) need no thread.
    statusFileFormat(fileName, content);
  } catch (error) {
    throw asDomainError(error);
  }
  return parsing.run(() => parseInThread(fileName, content));
}

function asDomainError(error: unknown): unknown {
  return error instanceof FileRefusal ? badInput(error.field, error.message) : error;
}

/**
 * One thread for one file. exceljs may spill a worksheet that comes before the shared strings to
 * a temporary file: the thread's TMPDIR is a directory of its own, removed once it has exited.
 */
async function parseInThread(fileName: string, content: Buffer): Promise<StatusFile> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'rtd-import-'));
  const request: ParseRequest = { fileName, content };
  const worker = new Worker(WORKER_FILE, {
    workerData: request,
    env: { ...process.env, TMPDIR: scratch, TMP: scratch, TEMP: scratch },
    resourceLimits: { maxOldGenerationSizeMb: PARSE_LIMITS.heapMb, maxYoungGenerationSizeMb: 32 },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = await new Promise<ParseOutcome | 'timeout' | 'out-of-memory'>((resolve, reject) => {
      timer = setTimeout(() => resolve('timeout'), PARSE_LIMITS.timeoutMs);
      worker.once('message', resolve);
      worker.once('error', (error: Error & { code?: string }) =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve('out-of-memory') : reject(error),
      );
      worker.once('exit', (code) =>
        reject(new Error(`the status file's thread exited (${code}) without an answer`)),
      );
    });
    if (outcome === 'timeout' || outcome === 'out-of-memory') throw badInput('file', TOO_COMPLEX);
    if (outcome.kind === 'refused') throw badInput(outcome.field, outcome.message);
    if (outcome.kind === 'failed') throw new Error(`reading the status file failed: ${outcome.message}`);
    return { format: outcome.format, rows: outcome.rows };
  } finally {
    clearTimeout(timer);
    await worker.terminate();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** At most `PARSE_LIMITS.parallel` files read at once; the others wait, first come first served. */
class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((go) => this.waiting.push(go));
    else this.running += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The turn passes straight to the next in line; without one, it is given back.
      if (next) next();
      else this.running -= 1;
    }
  }
}

const parsing = new Turns(PARSE_LIMITS.parallel);
