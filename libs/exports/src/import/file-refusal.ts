/**
 * A file the import refuses as a whole: the field at fault and the Italian reason. Thrown by the
 * parsing code, which runs in a worker thread without the kernel (status-file.worker.ts), and
 * turned into a BAD_USER_INPUT on that field by readStatusFile.
 */
export class FileRefusal extends Error {
  constructor(
    readonly field: 'file' | 'fileName',
    message: string,
  ) {
    super(message);
    this.name = 'FileRefusal';
  }
}

export const refuseFile = (reason: string) => new FileRefusal('file', reason);
