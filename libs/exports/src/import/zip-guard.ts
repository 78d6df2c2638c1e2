import { inflateRawSync } from 'node:zlib';
import { refuseFile } from './file-refusal';

/** What an XLSX may hold, uncompressed, sized to the monitoring sheet (see ZIP_LIMITS). */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Worksheets (`xl/worksheets/*.xml`). */
  maxSheets: number;
}

/**
 * The monitoring sheet as the export writes it has 5 worksheets and about 15 entries; its
 * largest, 5,000 rows of 20 columns, inflates to 2.7 MB of XML, and its shared strings to 0.4 MB
 * (a file of 2 MB, the most the import takes, holds at most some 8 MB of text typed by hand).
 * Far below them, a zip bomb's 31 MB sheet (121 KB compressed) is refused before any XML is read.
 */
export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 100,
  maxEntryBytes: 16 * 1024 * 1024,
  maxTotalBytes: 24 * 1024 * 1024,
  maxSheets: 5,
};

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

const refused = refuseFile;
const damaged = () => refused('il file non è un XLSX valido (zip danneggiato)');

/** One entry of the central directory, as the checks below need it. */
interface Entry {
  name: string;
  method: number;
  compressed: number;
  declared: number;
  localOffset: number;
}

/**
 * Checks an XLSX (a zip) before exceljs opens it: a zip at all, no macros (`vbaProject.bin`, the
 * macro-enabled content type), a bounded number of entries and worksheets, and each entry's real
 * uncompressed size within the limits. The sizes the zip declares are checked first, then every
 * entry is inflated here with a hard output cap, so a zip that lies about its sizes fails the same
 * way. A zip read by its local headers (as streaming readers do) must say the same as one read by
 * its directory: the entries follow one another from the first byte to the central directory,
 * each as the directory describes it, and no entry hides between them or shares a name. Throws a FileRefusal on field `file`; returns
 * the entries, inflated (at most `maxTotalBytes` in all), by name.
 */
export function checkXlsxZip(file: Buffer, limits: ZipLimits = ZIP_LIMITS): Map<string, Buffer> {
  const end = findEndOfCentralDirectory(file);
  if (end < 0) throw refused('il file non è un XLSX valido (archivio zip non leggibile)');
  const count = file.readUInt16LE(end + 10);
  const directoryOffset = file.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw refused('il file non è un XLSX valido (archivio zip64 non ammesso)');
  if (count > limits.maxEntries)
    throw refused(`archivio con troppi elementi (${count}, al massimo ${limits.maxEntries})`);
  const entries = centralDirectory(file, directoryOffset, count, end);
  const sheets = entries.filter((entry) => WORKSHEET.test(entry.name)).length;
  if (sheets > limits.maxSheets)
    throw refused(
      `troppi fogli (${sheets}): al massimo ${limits.maxSheets}, quelli del foglio di monitoraggio esportato`,
    );
  let declaredTotal = 0;
  let realTotal = 0;
  const contents = new Map<string, Buffer>();
  for (const entry of entries) {
    if (/(^|\/)vbaProject\.bin$/i.test(entry.name) || (/\.bin$/i.test(entry.name) && /vba/i.test(entry.name)))
      throw refused('file con macro (vbaProject.bin): caricare un XLSX senza macro, non un XLSM');
    declaredTotal += entry.declared;
    if (entry.declared > limits.maxEntryBytes || declaredTotal > limits.maxTotalBytes)
      throw refused('archivio troppo grande una volta decompresso (possibile «zip bomb»): file rifiutato');

    const content = entryContent(file, entry, limits.maxEntryBytes);
    realTotal += content.length;
    if (content.length !== entry.declared || realTotal > limits.maxTotalBytes)
      throw refused(
        'archivio troppo grande una volta decompresso o danneggiato (possibile «zip bomb»): file rifiutato',
      );
    if (entry.name === '[Content_Types].xml' && /macroEnabled/i.test(content.toString('utf8')))
      throw refused('file con macro (XLSM): caricare un XLSX senza macro');
    contents.set(entry.name, content);
  }
  checkContiguous(file, entries, directoryOffset);
  return contents;
}

/** The central directory's entries, which must end exactly where the end record starts. */
function centralDirectory(file: Buffer, start: number, count: number, end: number): Entry[] {
  const entries: Entry[] = [];
  const names = new Set<string>();
  let offset = start;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > file.length || file.readUInt32LE(offset) !== CENTRAL)
      throw refused('il file non è un XLSX valido (indice dello zip danneggiato)');
    const nameLength = file.readUInt16LE(offset + 28);
    const name = file.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (names.has(name)) throw refused('il file non è un XLSX valido (due elementi con lo stesso nome)');
    names.add(name);
    entries.push({
      name,
      method: file.readUInt16LE(offset + 10),
      compressed: file.readUInt32LE(offset + 20),
      declared: file.readUInt32LE(offset + 24),
      localOffset: file.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + file.readUInt16LE(offset + 30) + file.readUInt16LE(offset + 32);
  }
  if (offset !== end) throw refused('il file non è un XLSX valido (indice dello zip danneggiato)');
  return entries;
}

/**
 * Walks the local entries from the first byte, as a streaming reader does: each must be the
 * next one of the directory (same name, method and sizes, or sizes in a data descriptor after
 * its data), and the last must end where the directory begins.
 */
function checkContiguous(file: Buffer, entries: Entry[], directoryOffset: number): void {
  let expected = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const at = entry.localOffset;
    if (at !== expected || at + 30 > file.length || file.readUInt32LE(at) !== LOCAL) throw damaged();
    const flags = file.readUInt16LE(at + 6);
    const nameLength = file.readUInt16LE(at + 26);
    const name = file.toString('utf8', at + 30, at + 30 + nameLength);
    if (name !== entry.name || file.readUInt16LE(at + 8) !== entry.method) throw damaged();
    const described = (flags & 0x08) !== 0;
    const sizes = [file.readUInt32LE(at + 18), file.readUInt32LE(at + 22)];
    if (!described && (sizes[0] !== entry.compressed || sizes[1] !== entry.declared)) throw damaged();
    const dataEnd = at + 30 + nameLength + file.readUInt16LE(at + 28) + entry.compressed;
    expected = described ? dataEnd + descriptorLength(file, dataEnd, entry) : dataEnd;
  }
  if (expected !== directoryOffset) throw damaged();
}

/** The data descriptor after an entry's data: 12 bytes, or 16 with its optional signature. */
function descriptorLength(file: Buffer, at: number, entry: Entry): number {
  const signed = at + 4 <= file.length && file.readUInt32LE(at) === DESCRIPTOR ? 4 : 0;
  const sizesAt = at + signed + 4;
  if (sizesAt + 8 > file.length) throw damaged();
  if (file.readUInt32LE(sizesAt) !== entry.compressed || file.readUInt32LE(sizesAt + 4) !== entry.declared)
    throw damaged();
  return signed + 12;
}

function findEndOfCentralDirectory(file: Buffer): number {
  const stop = Math.max(0, file.length - 22 - 0xffff);
  for (let i = file.length - 22; i >= stop; i--) if (file.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function entryContent(file: Buffer, entry: Entry, cap: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL) throw damaged();
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const data = file.subarray(start, start + entry.compressed);
  if (data.length !== entry.compressed) throw refused('il file non è un XLSX valido (zip troncato)');
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw refused('il file non è un XLSX valido (compressione zip non supportata)');
  try {
    // One byte over the cap is enough to know it is over.
    return inflateRawSync(data, { maxOutputLength: cap + 1 });
  } catch {
    throw refused(
      'archivio troppo grande una volta decompresso o danneggiato (possibile «zip bomb»): file rifiutato',
    );
  }
}
