import { inflateRawSync } from 'node:zlib';
import { badInput } from '@rtd/kernel';

/** What an XLSX may hold, uncompressed: far above any monitoring sheet, far below a zip bomb. */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 2_000,
  maxEntryBytes: 30 * 1024 * 1024,
  maxTotalBytes: 60 * 1024 * 1024,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const refused = (reason: string) => badInput('file', reason);

/**
 * Checks an XLSX (a zip) before exceljs opens it: a zip at all, no macros (`vbaProject.bin`, the
 * macro-enabled content type), a bounded number of entries, and each entry's real uncompressed
 * size within the limits. The sizes the zip declares are checked first, then every entry is
 * inflated here with a hard output cap, so a zip that lies about its sizes fails the same way
 * (exceljs itself would inflate it whole, in memory). Throws a BAD_USER_INPUT on field `file`.
 */
export function checkXlsxZip(file: Buffer, limits: ZipLimits = ZIP_LIMITS): void {
  const end = findEndOfCentralDirectory(file);
  if (end < 0) throw refused('il file non è un XLSX valido (archivio zip non leggibile)');
  const count = file.readUInt16LE(end + 10);
  let offset = file.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff)
    throw refused('il file non è un XLSX valido (archivio zip64 non ammesso)');
  if (count > limits.maxEntries)
    throw refused(`archivio con troppi elementi (${count}, al massimo ${limits.maxEntries})`);
  let declaredTotal = 0;
  let realTotal = 0;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== CENTRAL)
      throw refused('il file non è un XLSX valido (indice dello zip danneggiato)');
    const method = file.readUInt16LE(offset + 10);
    const compressed = file.readUInt32LE(offset + 20);
    const declared = file.readUInt32LE(offset + 24);
    const nameLength = file.readUInt16LE(offset + 28);
    const extraLength = file.readUInt16LE(offset + 30);
    const commentLength = file.readUInt16LE(offset + 32);
    const localOffset = file.readUInt32LE(offset + 42);
    const name = file.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;

    if (/(^|\/)vbaProject\.bin$/i.test(name) || (/\.bin$/i.test(name) && /vba/i.test(name)))
      throw refused('file con macro (vbaProject.bin): caricare un XLSX senza macro, non un XLSM');
    declaredTotal += declared;
    if (declared > limits.maxEntryBytes || declaredTotal > limits.maxTotalBytes)
      throw refused('archivio troppo grande una volta decompresso (possibile «zip bomb»): file rifiutato');

    const content = entryContent(file, localOffset, method, compressed, limits.maxEntryBytes);
    realTotal += content.length;
    if (content.length !== declared || realTotal > limits.maxTotalBytes)
      throw refused(
        'archivio troppo grande una volta decompresso o danneggiato (possibile «zip bomb»): file rifiutato',
      );
    if (name === '[Content_Types].xml' && /macroEnabled/i.test(content.toString('utf8')))
      throw refused('file con macro (XLSM): caricare un XLSX senza macro');
  }
}

function findEndOfCentralDirectory(file: Buffer): number {
  const stop = Math.max(0, file.length - 22 - 0xffff);
  for (let i = file.length - 22; i >= stop; i--) if (file.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function entryContent(file: Buffer, at: number, method: number, compressed: number, cap: number): Buffer {
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL)
    throw refused('il file non è un XLSX valido (zip danneggiato)');
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const data = file.subarray(start, start + compressed);
  if (data.length !== compressed) throw refused('il file non è un XLSX valido (zip troncato)');
  if (method === 0) return data;
  if (method !== 8) throw refused('il file non è un XLSX valido (compressione zip non supportata)');
  try {
    // One byte over the cap is enough to know it is over.
    return inflateRawSync(data, { maxOutputLength: cap + 1 });
  } catch {
    throw refused(
      'archivio troppo grande una volta decompresso o danneggiato (possibile «zip bomb»): file rifiutato',
    );
  }
}
