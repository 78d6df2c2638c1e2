import { builtInEditions, EditionBundle, RawPlanLine, readEditionFromPath } from '@rtd/catalog';

/** A built-in edition as the reference data loads it (libs/catalog/data/editions/<code>). */
export async function builtInBundle(code: string): Promise<EditionBundle> {
  const edition = builtInEditions().find((e) => e.code === code);
  if (!edition) throw new Error(`no built-in edition ${code}`);
  return readEditionFromPath(edition.dir, null);
}

/** The same bundle with some of its lines as printed changed, removed or added. */
export function withLines(
  bundle: EditionBundle,
  lines: (lines: RawPlanLine[]) => RawPlanLine[],
): EditionBundle {
  return { ...bundle, raw: { ...bundle.raw, lines: lines(bundle.raw.lines) } };
}

/** A line with another text and no opening date (its facts then follow from the text alone). */
export function reworded(line: RawPlanLine, text: string): RawPlanLine {
  return { ...line, printed: text, dated: false };
}
