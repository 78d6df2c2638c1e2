import { RegisteredMunicipality } from '@rtd/tenancy';

export interface NameResolution {
  /** Line of importi_per_comune.csv -> the one municipality that carries the name. */
  resolved: Map<number, RegisteredMunicipality>;
  unresolved: { line: number; name: string }[];
  ambiguous: { line: number; name: string; candidates: string[] }[];
}

/** Case, accents, apostrophes, hyphens and spaces ignored: "Pont Canavese" = "Pont-Canavese". */
export const foldName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * importi_per_comune.csv names municipalities, it does not code them. A name resolves when
 * exactly one municipality of the register carries it: first as written, then folded, then (for
 * the bilingual names of Alto Adige, "Bolzano/Bozen") by its Italian part. A name that two
 * municipalities share ("Samone", Piedmont and Trentino) is reported as ambiguous with its
 * candidates, and one found nowhere (a municipality merged or renamed after the register's
 * date) as unresolved: neither is guessed.
 */
export function resolveMunicipalityNames(
  rows: readonly { line: number; name: string }[],
  register: readonly RegisteredMunicipality[],
): NameResolution {
  const exact = new Map<string, RegisteredMunicipality[]>();
  const folded = new Map<string, RegisteredMunicipality[]>();
  for (const comune of register) {
    exact.set(comune.name, [...(exact.get(comune.name) ?? []), comune]);
    const key = foldName(comune.name);
    folded.set(key, [...(folded.get(key) ?? []), comune]);
  }
  const candidatesOf = (name: string): RegisteredMunicipality[] =>
    exact.get(name) ?? folded.get(foldName(name)) ?? [];

  const result: NameResolution = { resolved: new Map(), unresolved: [], ambiguous: [] };
  for (const row of rows) {
    let candidates = candidatesOf(row.name);
    if (candidates.length === 0 && row.name.includes('/'))
      candidates = candidatesOf(row.name.split('/')[0].trim());
    if (candidates.length === 1) result.resolved.set(row.line, candidates[0]);
    else if (candidates.length === 0) result.unresolved.push({ line: row.line, name: row.name });
    else {
      result.ambiguous.push({
        line: row.line,
        name: row.name,
        candidates: candidates.map((c) => `${c.istatCode} (${c.provinceAbbreviation})`),
      });
    }
  }
  return result;
}
