import { parentPort, workerData } from 'node:worker_threads';
import { FileRefusal } from './file-refusal';
import { parseStatusFile } from './status-sheet';

/**
 * The parsing thread of one status file (started by readStatusFile, status-file.ts): reads the
 * file and posts back its rows, or the refusal, or the failure. It imports nothing of the
 * application but the parser, and exits when its one file is read.
 */
export type ParseOutcome =
  | { kind: 'rows'; format: 'XLSX' | 'CSV'; rows: import('./status-sheet').FileRow[] }
  | { kind: 'refused'; field: 'file' | 'fileName'; message: string }
  | { kind: 'failed'; message: string };

export interface ParseRequest {
  fileName: string;
  content: Uint8Array;
}

if (parentPort) {
  const port = parentPort;
  const request = workerData as ParseRequest;
  parseStatusFile(request.fileName, Buffer.from(request.content))
    .then((file): ParseOutcome => ({ kind: 'rows', ...file }))
    .catch((error: unknown): ParseOutcome =>
      error instanceof FileRefusal
        ? { kind: 'refused', field: error.field, message: error.message }
        : {
            kind: 'failed',
            message: error instanceof Error ? (error.stack ?? error.message) : String(error),
          },
    )
    .then((outcome) => port.postMessage(outcome));
}
