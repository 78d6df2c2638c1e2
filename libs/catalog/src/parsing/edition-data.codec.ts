import { CatalogParseError } from './catalog-parse.error';
import { RawEdition, RawPlanLine } from './catalog.types';
import { EditionManifest, LOCAL_CODE, OBJECTIVE_CODE, PA_CODE } from './edition-manifest';
import { normaliseSpace, sortPlanLines } from './plan-line.util';

/** Field order of a stored line; serialisation follows it so that diffs of the data file stay small. */
const LINE_KEYS = ['code', 'chapter', 'chapterTitle', 'objectiveCodes', 'printed', 'local'] as const;
const HEADER_KEYS = ['edition', 'title'] as const;

type StoredLine = Pick<RawPlanLine, (typeof LINE_KEYS)[number]>;

/**
 * JSON Lines: a header `{"edition","title"}`, then one line of action per row as the source
 * prints it (date and qualifiers included: the rules read the facts at import), sorted by chapter
 * and code. Source references are left out: they point into the extraction sources, not the file.
 */
export function serializeEditionData(edition: RawEdition): string {
  const rows = [JSON.stringify({ edition: edition.code, title: edition.title })];
  for (const line of sortPlanLines(edition.lines)) {
    const stored: StoredLine = {
      code: line.code,
      chapter: line.chapter,
      chapterTitle: line.chapterTitle,
      objectiveCodes: line.objectiveCodes,
      printed: line.printed,
      local: line.local,
    };
    rows.push(JSON.stringify(stored, [...LINE_KEYS]));
  }
  return `${rows.join('\n')}\n`;
}

type Row = Record<string, unknown>;

class RowReader {
  constructor(
    private readonly file: string,
    private readonly line: number,
  ) {}

  fail(reason: string): never {
    throw new CatalogParseError(this.file, this.line, reason);
  }

  object(raw: string, keys: readonly string[]): Row {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      this.fail(`JSON non valido (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail('atteso un oggetto JSON');
    const row = value as Row;
    const missing = keys.filter((k) => !(k in row));
    const unexpected = Object.keys(row).filter((k) => !keys.includes(k));
    if (missing.length > 0) this.fail(`campi mancanti: ${missing.join(', ')}`);
    if (unexpected.length > 0) this.fail(`campi non previsti: ${unexpected.join(', ')}`);
    return row;
  }

  text(row: Row, key: string): string {
    const value = row[key];
    if (typeof value !== 'string' || value === '') this.fail(`"${key}" deve essere un testo non vuoto`);
    if (value !== normaliseSpace(value)) this.fail(`"${key}" contiene spazi non normalizzati`);
    return value;
  }
}

function readHeader(raw: string | undefined, file: string, manifest: EditionManifest): void {
  const reader: RowReader = new RowReader(file, 1);
  if (raw === undefined || raw === '') reader.fail('manca l\'intestazione {"edition","title"}');
  const header = reader.object(raw, HEADER_KEYS);
  const code = reader.text(header, 'edition');
  if (code !== manifest.code) reader.fail(`il file descrive l'edizione ${code}, non ${manifest.code}`);
  if (reader.text(header, 'title') !== manifest.title) reader.fail(`titolo atteso: "${manifest.title}"`);
}

function readLine(raw: string, file: string, lineNo: number): RawPlanLine {
  const reader: RowReader = new RowReader(file, lineNo);
  if (raw.trim() === '') reader.fail('riga vuota');
  const row = reader.object(raw, LINE_KEYS);

  const code = reader.text(row, 'code');
  const { local, chapter } = row;
  if (typeof local !== 'boolean') reader.fail('"local" deve essere true o false');
  const codeMatch = (local ? LOCAL_CODE : PA_CODE).exec(code);
  if (!codeMatch) {
    reader.fail(
      local ? `codice locale non valido: ${code} (atteso LOC.CAPn.nn)` : `codice non valido: ${code}`,
    );
  }
  if (typeof chapter !== 'number' || !Number.isInteger(chapter) || chapter < 1) {
    reader.fail('"chapter" deve essere un intero positivo');
  }
  if (chapter !== Number(codeMatch[1])) reader.fail(`"chapter" ${chapter} non corrisponde al codice ${code}`);

  const objectiveCodes = row.objectiveCodes;
  if (!Array.isArray(objectiveCodes) || objectiveCodes.length === 0) {
    reader.fail('"objectiveCodes" deve essere un elenco non vuoto');
  }
  objectiveCodes.forEach((objective: unknown, index) => {
    const m = typeof objective === 'string' ? OBJECTIVE_CODE.exec(objective) : null;
    if (!m) reader.fail(`obiettivo non valido: ${JSON.stringify(objective)} (atteso OB.x.y)`);
    if (Number(m[1]) !== chapter)
      reader.fail(`l'obiettivo ${objective as string} non appartiene al capitolo ${chapter}`);
    if (index > 0 && !((objectiveCodes[index - 1] as string) < (objective as string))) {
      reader.fail('"objectiveCodes" deve essere ordinato e senza ripetizioni');
    }
  });

  return {
    code,
    chapter,
    chapterTitle: reader.text(row, 'chapterTitle'),
    objectiveCodes: objectiveCodes as string[],
    printed: reader.text(row, 'printed'),
    local,
    dated: false,
    source: { file, line: lineNo },
  };
}

/** Inverse of serializeEditionData; any defect is reported with the data file's line number. */
export function parseEditionData(text: string, file: string, manifest: EditionManifest): RawEdition {
  const rows = text.split('\n').map((row) => row.replace(/\r$/, ''));
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  readHeader(rows[0], file, manifest);
  const byCode = new Map<string, RawPlanLine>();
  const chapterTitles = new Map<number, RawPlanLine>();
  rows.slice(1).forEach((raw, index) => {
    const line = readLine(raw, file, index + 2);
    const duplicate = byCode.get(line.code);
    if (duplicate) {
      throw new CatalogParseError(
        file,
        line.source.line,
        `codice ${line.code} ripetuto (già alla riga ${duplicate.source.line})`,
      );
    }
    const sameChapter = chapterTitles.get(line.chapter);
    if (sameChapter && sameChapter.chapterTitle !== line.chapterTitle) {
      throw new CatalogParseError(
        file,
        line.source.line,
        `titolo del capitolo ${line.chapter} diverso da quello della riga ${sameChapter.source.line}`,
      );
    }
    byCode.set(line.code, line);
    chapterTitles.set(line.chapter, sameChapter ?? line);
  });
  if (byCode.size === 0) throw new CatalogParseError(file, 1, "nessuna linea d'azione dopo l'intestazione");
  return { code: manifest.code, title: manifest.title, lines: sortPlanLines([...byCode.values()]) };
}
