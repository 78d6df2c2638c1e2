import { createHash } from 'node:crypto';
import { badInput } from '@rtd/kernel';

/** At most 20 MB a file (docs/evidence-files.md). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** At most this many files on one assignment (removed ones do not count)… */
export const MAX_FILES_PER_ASSIGNMENT = 20;
/** …holding at most this many bytes together. */
export const MAX_BYTES_PER_ASSIGNMENT = 100 * 1024 * 1024;
const MAX_NAME = 200;

/** The types a file may have, decided from its bytes, with the extensions its name may end in. */
export const EVIDENCE_TYPES: Record<string, { label: string; extensions: string[] }> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/png': { label: 'immagine PNG', extensions: ['png'] },
  'image/jpeg': { label: 'immagine JPEG', extensions: ['jpg', 'jpeg'] },
  'image/webp': { label: 'immagine WebP', extensions: ['webp'] },
  'image/gif': { label: 'immagine GIF', extensions: ['gif'] },
  'application/vnd.oasis.opendocument.text': { label: 'documento ODT', extensions: ['odt'] },
  'application/vnd.oasis.opendocument.spreadsheet': { label: 'foglio ODS', extensions: ['ods'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'documento DOCX',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'foglio XLSX',
    extensions: ['xlsx'],
  },
  'text/csv': { label: 'CSV', extensions: ['csv'] },
  'text/plain': { label: 'testo', extensions: ['txt'] },
};

export const ACCEPTED_FILES = 'PDF, immagini (PNG, JPEG, WebP, GIF), ODT, ODS, DOCX, XLSX, CSV o testo';

export interface FileFacts {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * A file name as a person gave it, made safe to store and to offer back: no folders (the last
 * part of a path, / or \), no control or bidirectional-override characters, no leading dots,
 * spaces collapsed, at most 200 characters (the extension kept). Empty after cleaning: refused.
 */
export function cleanFileName(raw: string, field = 'fileName'): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[<>:"|?*]/g, '_');
  if (!name) throw badInput(field, 'il nome del file è vuoto');
  if (name.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, MAX_NAME - ext.length) + ext;
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** Text without a signature: valid UTF-8 (a BOM allowed), no NUL byte. */
function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a file is, decided from its bytes (file-type's magic numbers; ODF and OOXML told apart by
 * what their zip holds), never from its name: one of EVIDENCE_TYPES or refused with an Italian
 * message on `field`. Text has no signature: UTF-8 without NUL is text, CSV if named `.csv`.
 * The name keeps its words; when its extension does not say the type, the type's is added.
 */
export async function inspectFile(rawName: string, bytes: Buffer, field = 'file'): Promise<FileFacts> {
  if (bytes.length === 0) throw badInput(field, 'il file è vuoto');
  if (bytes.length > MAX_FILE_BYTES) throw tooLarge(field);
  const fileName = cleanFileName(rawName);
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  let contentType: string;
  if (detected) {
    if (!EVIDENCE_TYPES[detected.mime]) {
      throw badInput(
        field,
        `tipo di file non ammesso (il contenuto è ${detected.ext.toUpperCase()}, qualunque sia il nome): si accettano ${ACCEPTED_FILES}`,
      );
    }
    contentType = detected.mime;
  } else if (isText(bytes)) {
    contentType = extensionOf(fileName) === 'csv' ? 'text/csv' : 'text/plain';
  } else {
    throw badInput(field, `contenuto non riconosciuto: si accettano ${ACCEPTED_FILES}`);
  }
  const { extensions } = EVIDENCE_TYPES[contentType];
  const named = extensions.includes(extensionOf(fileName))
    ? fileName
    : cleanFileName(`${fileName}.${extensions[0]}`);
  return {
    fileName: named,
    contentType,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export const tooLarge = (field = 'file') =>
  badInput(field, `il file supera i 20 MB consentiti (al massimo ${MAX_FILE_BYTES} byte)`);
