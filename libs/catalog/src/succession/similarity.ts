/**
 * How alike two lines read, whatever their subject ("I Comuni" in the 2022-2024 extract, "Le PA"
 * in AgID's text) and inflection ("pubblicano" / "pubblicare"): the Dice coefficient over the sets
 * of their content words, each cut to its first letters as a rough stem. 1 for the same words.
 */
const STOPWORDS = new Set(
  `a ad al alla alle agli ai all anche che chi con cui da dal dalla dalle dai degli dei del della delle dello di e ed
   entro gli i il in la le lo l loro ma nel nella nelle nei negli o od per piu quale quali quanto se si sia sono su sul sulla
   sulle sui tra fra un una uno come ove non ogni tutte tutti proprio propria propri proprie loro essere stato stati
   comuni comune pa pal pac amministrazioni amministrazione pubbliche pubblica enti ente devono possono`
    .split(/\s+/)
    .filter(Boolean),
);
const STEM = 6;

/** Content words of a text, lower case, without accents, cut to a stem. */
export function stems(text: string): Set<string> {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !STOPWORDS.has(word));
  return new Set(words.map((word) => word.slice(0, STEM)));
}

export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}
