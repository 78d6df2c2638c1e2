import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from '../parsing/edition-bundle';
import { readManifest } from '../parsing/edition-manifest';

export const CATALOG_DATA_DIR = path.resolve(__dirname, '../../data');
/** One folder per edition the product ships with: edition.json, corrections, overrides, facts, mapping. */
export const EDITIONS_DIR = path.join(CATALOG_DATA_DIR, 'editions');

export interface BuiltInEdition {
  code: string;
  /** The edition's folder (its manifest points at the source). */
  dir: string;
  supersedes: string | null;
}

/**
 * The editions the product ships with, read from their manifests (no edition is named in code),
 * each after the one it supersedes, so that a mapping always finds both editions loaded.
 */
export function builtInEditions(dir = EDITIONS_DIR): BuiltInEdition[] {
  const found = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry): BuiltInEdition => {
      const file = path.join(dir, entry.name, MANIFEST_FILE);
      const manifest = readManifest(JSON.parse(readFileSync(file, 'utf8')), file);
      return { code: manifest.code, dir: path.join(dir, entry.name), supersedes: manifest.supersedes };
    });
  const ordered: BuiltInEdition[] = [];
  const placed = new Set<string>();
  while (ordered.length < found.length) {
    const next = found
      .filter(
        (e) =>
          !placed.has(e.code) &&
          (!e.supersedes || placed.has(e.supersedes) || !found.some((f) => f.code === e.supersedes)),
      )
      .sort((a, b) => (a.code < b.code ? -1 : 1))[0];
    if (!next) throw new Error(`${dir}: le edizioni si sostituiscono a vicenda in cerchio`);
    ordered.push(next);
    placed.add(next.code);
  }
  return ordered;
}
