import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FactsOverride } from '../facts/derive-facts';
import { CatalogParseError } from './catalog-parse.error';
import type { RawEdition, TextCorrection } from './catalog.types';
import { parseEditionData } from './edition-data.codec';
import { EDITION_CODE, EditionManifest, readManifest } from './edition-manifest';
import { parseRstFiles } from './rst-edition.parser';
import { readFolder, readZip, SourceFile } from './source-files';

export const MANIFEST_FILE = 'edition.json';
export const CORRECTIONS_FILE = 'corrections.json';
export const OVERRIDES_FILE = 'facts-overrides.json';
export const SUCCESSION_OVERRIDES_FILE = 'successions-overrides.json';
export const SUCCESSIONS_FILE = 'successions.json';

/** What the operator says of an edition on the command line or over GraphQL; a manifest may say the rest. */
export interface ManifestFields {
  code: string;
  title?: string | null;
  periodFrom?: number | null;
  periodTo?: number | null;
  supersedes?: string | null;
  description?: string | null;
  url?: string | null;
  revision?: string | null;
  licence?: string | null;
}

/** An edition as read from its files, before the rules read the facts of its lines. */
export interface EditionBundle {
  manifest: EditionManifest;
  raw: RawEdition;
  corrections: TextCorrection[];
  overrides: FactsOverride[];
  /** The bundle's own files (manifest, corrections, successions), by name. */
  files: ReadonlyMap<string, SourceFile>;
}

export class CatalogImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogImportError';
  }
}

function parseJson(file: SourceFile): unknown {
  try {
    return JSON.parse(file.text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    const line = position ? file.text.slice(0, Number(position[1])).split('\n').length : 1;
    throw new CatalogParseError(file.path, line, `JSON non valido (${(error as Error).message})`);
  }
}

function listOf<T>(file: SourceFile | undefined, key: string): T[] {
  if (!file) return [];
  const json = parseJson(file) as Record<string, unknown>;
  const list = json?.[key];
  if (!Array.isArray(list))
    throw new CatalogParseError(file.path, 1, `atteso un oggetto con l'elenco "${key}"`);
  list.forEach((item: Record<string, unknown>, index) => {
    for (const field of ['code', 'reason', 'source']) {
      if (typeof item?.[field] !== 'string' || item[field] === '') {
        throw new CatalogParseError(
          file.path,
          1,
          `"${key}[${index}].${field}" deve essere un testo non vuoto`,
        );
      }
    }
  });
  return list as T[];
}

/** The manifest of the files, with the operator's fields on top; without one, the fields alone. */
function manifestOf(
  files: ReadonlyMap<string, SourceFile>,
  given: ManifestFields | null,
  where: string,
  format: 'rst' | 'jsonl',
): EditionManifest {
  const file = files.get(MANIFEST_FILE);
  const base = file ? readManifest(parseJson(file), file.path) : null;
  const code = given?.code ?? base?.code;
  if (!code)
    throw new CatalogImportError(`${where}: manca il codice dell'edizione (edition.json o --edition)`);
  if (base && given && given.code !== base.code) {
    throw new CatalogImportError(
      `${where}: edition.json descrive l'edizione ${base.code}, non ${given.code}`,
    );
  }
  const period = /^(\d{4})-(\d{4})/.exec(code);
  const draft = {
    code,
    title: given?.title ?? base?.title ?? `Piano Triennale per l'informatica nella PA ${code}`,
    period: {
      from: given?.periodFrom ?? base?.periodFrom ?? (period ? Number(period[1]) : undefined),
      to: given?.periodTo ?? base?.periodTo ?? (period ? Number(period[2]) : undefined),
    },
    supersedes: given?.supersedes !== undefined ? given.supersedes : (base?.supersedes ?? null),
    publishedOn: base?.publishedOn ?? null,
    source: {
      ...(base?.source ?? { format }),
      description: given?.description ?? base?.source.description ?? `Importata da ${path.basename(where)}`,
      url: given?.url ?? base?.source.url,
      revision: given?.revision ?? base?.source.revision,
      licence: given?.licence ?? base?.source.licence,
    },
    codeRepairs: base?.codeRepairs ?? [],
    chapterTitles: base?.chapterTitles ?? {},
  };
  return readManifest(draft, file?.path ?? where);
}

function rawOf(manifest: EditionManifest, sources: readonly SourceFile[], where: string): RawEdition {
  if (manifest.source.format === 'jsonl') {
    const data = sources.filter((f) => f.path.endsWith('.jsonl'));
    if (data.length !== 1) throw new CatalogParseError(where, 0, 'atteso un solo file .jsonl');
    return parseEditionData(data[0].text, data[0].path, manifest);
  }
  return parseRstFiles(manifest, sources, where);
}

/** Builds a bundle from the files of a folder or an archive; `sourceFiles` reads where the manifest points. */
function bundleOf(
  files: readonly SourceFile[],
  given: ManifestFields | null,
  where: string,
  sourceFiles: (manifest: EditionManifest) => readonly SourceFile[],
  format: 'rst' | 'jsonl' = 'rst',
): EditionBundle {
  if (given && !EDITION_CODE.test(given.code)) {
    throw new CatalogImportError(
      `codice di edizione non valido: «${given.code}» (atteso AAAA-AAAA, ad esempio 2027-2029)`,
    );
  }
  const own = new Map(
    files.filter((f) => !f.path.includes('/') && f.path.endsWith('.json')).map((f) => [f.path, f]),
  );
  const manifest = manifestOf(own, given, where, format);
  return {
    manifest,
    raw: rawOf(manifest, sourceFiles(manifest), where),
    corrections: listOf<TextCorrection>(own.get(CORRECTIONS_FILE), 'corrections'),
    overrides: listOf<FactsOverride>(own.get(OVERRIDES_FILE), 'overrides'),
    files: own,
  };
}

/**
 * An edition from disk: a folder (AgID's reStructuredText, with or without edition.json; a
 * built-in edition's folder points at its source with source.path), a ZIP archive of such a
 * folder, or a JSON Lines data file.
 */
export async function readEditionFromPath(
  source: string,
  given: ManifestFields | null,
): Promise<EditionBundle> {
  if (!existsSync(source)) throw new CatalogImportError(`${source}: file o cartella inesistente`);
  if (statSync(source).isDirectory()) {
    const files = readFolder(source);
    return bundleOf(files, given, source, (manifest) => {
      if (!manifest.source.path) return files;
      const target = path.resolve(source, manifest.source.path);
      if (!existsSync(target))
        throw new CatalogImportError(`${source}: source.path inesistente: ${manifest.source.path}`);
      return statSync(target).isDirectory()
        ? readFolder(target)
        : [{ path: path.basename(target), text: readFileSync(target, 'utf8') }];
    });
  }
  if (source.endsWith('.jsonl')) {
    const file = { path: path.basename(source), text: readFileSync(source, 'utf8') };
    return bundleOf([], given, source, () => [file], 'jsonl');
  }
  return readEditionFromArchive(readFileSync(source), path.basename(source), given);
}

/** An edition from a ZIP archive (the operator's upload over GraphQL, or a file on the command line). */
export async function readEditionFromArchive(
  content: Buffer,
  name: string,
  given: ManifestFields | null,
): Promise<EditionBundle> {
  const files = await readZip(content, name);
  return bundleOf(files, given, name, () => files);
}
