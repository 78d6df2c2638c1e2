import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { CatalogParseError } from './catalog-parse.error';

/** One file of a source: its path relative to the source's root, and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** What an edition's files may be: AgID's text, the manifest, the reviewed corrections and overrides. */
const WANTED = /\.(?:rst|json|jsonl)$/;
/** Limits of an archive: AgID's sources are under 1 MB of text, in under 200 files. */
export const ARCHIVE_LIMITS = { files: 2000, fileBytes: 5 * 1024 * 1024, totalBytes: 40 * 1024 * 1024 };

function byPath(a: SourceFile, b: SourceFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The files of a folder, recursively, in path order (hidden entries skipped). */
export function readFolder(dir: string, prefix = ''): SourceFile[] {
  const entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  return entries
    .flatMap((entry) => {
      if (entry.name.startsWith('.')) return [];
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return readFolder(dir, relative);
      return entry.isFile() && WANTED.test(entry.name)
        ? [{ path: relative, text: readFileSync(join(dir, relative), 'utf8') }]
        : [];
    })
    .sort(byPath);
}

function readCapped(entry: JSZip.JSZipObject, where: string, budget: { left: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      budget.left -= chunk.length;
      if (size > ARCHIVE_LIMITS.fileBytes || budget.left < 0) {
        stream.pause();
        stream.removeAllListeners();
        reject(
          new CatalogParseError(`${where}/${entry.name}`, 0, 'file troppo grande per un archivio di testi'),
        );
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', (error: Error) =>
      reject(new CatalogParseError(`${where}/${entry.name}`, 0, `archivio illeggibile (${error.message})`)),
    );
  });
}

/**
 * The wanted files of a ZIP archive. A single folder wrapping everything (GitHub's "Download ZIP"
 * puts the repository in "pianotriennale-ict-doc-2024-2026/") is taken off the paths; paths that
 * climb out of the archive are refused.
 */
export async function readZip(content: Buffer, where: string): Promise<SourceFile[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch (error) {
    throw new CatalogParseError(where, 0, `non è un archivio ZIP leggibile (${(error as Error).message})`);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir && WANTED.test(entry.name));
  if (entries.length > ARCHIVE_LIMITS.files) {
    throw new CatalogParseError(
      where,
      0,
      `troppi file nell'archivio (${entries.length}, al massimo ${ARCHIVE_LIMITS.files})`,
    );
  }
  const budget = { left: ARCHIVE_LIMITS.totalBytes };
  const files: SourceFile[] = [];
  for (const entry of entries) {
    if (entry.unsafeOriginalName?.split('/').includes('..') || entry.name.startsWith('/')) {
      throw new CatalogParseError(
        where,
        0,
        `percorso non ammesso nell'archivio: ${entry.unsafeOriginalName ?? entry.name}`,
      );
    }
    if (entry.name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')) continue;
    files.push({ path: entry.name, text: await readCapped(entry, where, budget) });
  }
  return stripCommonFolder(files).sort(byPath);
}

function stripCommonFolder(files: SourceFile[]): SourceFile[] {
  const tops = new Set(files.map((f) => (f.path.includes('/') ? f.path.split('/')[0] : '')));
  if (tops.size !== 1 || tops.has('')) return files;
  const [top] = [...tops];
  return files.map((f) => ({ ...f, path: f.path.slice(top.length + 1) }));
}
