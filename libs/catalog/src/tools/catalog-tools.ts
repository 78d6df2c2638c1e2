import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deriveEdition } from '../facts/derive-facts';
import { FACTS_FILE, serializeFacts } from '../facts/facts-file';
import { builtInEditions } from '../import/built-in-editions';
import type { ParsedEdition } from '../parsing/catalog.types';
import { readEditionFromPath, SUCCESSION_OVERRIDES_FILE, SUCCESSIONS_FILE } from '../parsing/edition-bundle';
import { buildSuccessions } from '../succession/build-successions';
import { parseSuccessionOverrides, serializeSuccessions } from '../succession/succession-file';
import type { SuccessionFile, SuccessionLine } from '../succession/succession.types';

function successionLines(edition: ParsedEdition): SuccessionLine[] {
  return edition.lines.map((line) => ({
    code: line.code,
    objectiveCodes: line.objectiveCodes,
    text: line.text,
    deadlines: line.deadlines.map((d) => d.date),
    carriedOver: line.carriedOver,
  }));
}

/** Every built-in edition with its facts read by the rules, by code. */
export async function derivedBuiltInEditions(dir: string): Promise<Map<string, ParsedEdition>> {
  const editions = new Map<string, ParsedEdition>();
  for (const edition of builtInEditions(dir)) {
    editions.set(edition.code, deriveEdition(await readEditionFromPath(edition.dir, null)));
  }
  return editions;
}

/** What the mapping tool makes of an edition's lines from the one it supersedes, with the reviewed overrides. */
export async function successionsOf(
  dir: string,
  code: string,
  editions?: Map<string, ParsedEdition>,
): Promise<SuccessionFile | null> {
  const edition = builtInEditions(dir).find((e) => e.code === code);
  if (!edition?.supersedes) return null;
  const parsed = editions ?? (await derivedBuiltInEditions(dir));
  const from = parsed.get(edition.supersedes);
  const to = parsed.get(code);
  if (!from || !to) return null;
  const bundle = await readEditionFromPath(edition.dir, null);
  const overrides = parseSuccessionOverrides(bundle.files.get(SUCCESSION_OVERRIDES_FILE));
  return buildSuccessions(
    { from: from.code, to: to.code },
    successionLines(from),
    successionLines(to),
    overrides,
  );
}

/** `catalog:facts`: rewrites each built-in edition's facts.tsv from its source and the rules. */
export async function writeFactsFiles(dir: string): Promise<string[]> {
  const report: string[] = [];
  for (const [code, edition] of await derivedBuiltInEditions(dir)) {
    const folder = builtInEditions(dir).find((e) => e.code === code)!.dir;
    writeFileSync(path.join(folder, FACTS_FILE), serializeFacts(edition));
    report.push(
      `${code}: ${edition.lines.length} linee in ${path.relative(process.cwd(), path.join(folder, FACTS_FILE))}`,
    );
  }
  return report;
}

/** `catalog:map`: rewrites each built-in edition's successions.json from the two texts and the overrides. */
export async function writeSuccessionFiles(dir: string): Promise<string[]> {
  const editions = await derivedBuiltInEditions(dir);
  const report: string[] = [];
  for (const edition of builtInEditions(dir)) {
    const file = await successionsOf(dir, edition.code, editions);
    if (!file) continue;
    writeFileSync(path.join(edition.dir, SUCCESSIONS_FILE), serializeSuccessions(file));
    const reviewed = new Set(file.links.filter((l) => l.reviewed).map((l) => l.from)).size;
    const dropped = file.links.filter((l) => l.kind === 'DROPPED').length;
    const from = new Set(file.links.map((l) => l.from)).size;
    report.push(`${file.from} → ${file.to}: ${from} linee, ${reviewed} riviste, ${dropped} senza seguito`);
  }
  return report;
}
