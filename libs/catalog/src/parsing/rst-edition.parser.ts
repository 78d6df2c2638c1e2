import { CatalogParseError } from './catalog-parse.error';
import { RawEdition, RawPlanLine, SourceRef } from './catalog.types';
import {
  EditionManifest,
  INSTITUTIONAL_CODE,
  OBJECTIVE_CODE,
  PA_CODE,
  objectiveCode,
  repairCode,
} from './edition-manifest';
import { normaliseSpace, sortPlanLines, sortedUnique } from './plan-line.util';
import { hasLeftoverRstMarkup, stripRstInline } from './rst-markup.util';
import type { SourceFile } from './source-files';

type UntitledLine = Omit<RawPlanLine, 'chapterTitle'>;

const UNDERLINE = /^([=\-~^+:*#"'`.])\1{2,}\s*$/;
const BULLET = /^(\s*)[-*+•](\s+)\S/;
const CODE_TOKEN = /\bCAP(?=[\d.])[\w.]*\w/g;
/** Anything that could be a PA line's code, even a broken one; none may go unread. */
const PA_CODE_LIKE = /CAP\d*\s*\.\s*PA\b/;
const CHAPTER_HEADING = /^capitolo\s+(\d+)\s*[.\-–:]\s*(.+)$/i;
/** "**OB.2.1 - ...**" in 2020-2022, "Obiettivo 5.1 - ..." headings in 2024-2026. */
const OBJECTIVE_MARKER = /^(?:OB\.\s?|Obiettivo\s+)(\d+)\.(\d+)\b/i;
const RESULT_HEADING = /^RA\d+\.\d+\.\d+/;
const PA_SECTION_HEADING =
  /^(?:linee\s+d(?:i\s+|['’]\s*)azione\s+per\s+le\s+PA|cosa\s+devono\s+fare\s+le\s+PA)\b/i;
const OTHER_LINES_HEADING = /^linee\s+d(?:i\s+|['’]\s*)azione\b/i;
/** "**Linee di azione vigenti**" (2024-2026): AgID says the lines below carry over from earlier plans. */
const IN_FORCE_MARKER = /^linee\s+d(?:i\s+|['’]\s*)azione\s+vigenti$/i;

interface ChapterTitle {
  title: string;
  source: SourceRef;
}

/** What the reader knows at a given point of a file. */
interface Context {
  /** From the last objective marker; 2024-2026 lists some PA lines right under it. */
  objective: string[] | null;
  /** From an "RAx.y.z" subheading, which pins the objective even after a later "Obiettivo" heading. */
  results: string[] | null;
  /** Inside "Cosa devono fare le PA" / "Linee di azione per le PA": every bullet there needs a code. */
  paSection: boolean;
  /** Under a "Linee di azione vigenti" paragraph, until the next heading. */
  inForce: SourceRef | null;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isHeadingAt(lines: readonly string[], i: number): boolean {
  const line = lines[i];
  return (
    line.trim() !== '' &&
    indentOf(line) === 0 &&
    !UNDERLINE.test(line) &&
    i + 1 < lines.length &&
    UNDERLINE.test(lines[i + 1])
  );
}

class RstFileReader {
  private readonly context: Context = { objective: null, results: null, paSection: false, inForce: null };
  private readonly consumed = new Set<number>();

  constructor(
    private readonly manifest: EditionManifest,
    private readonly file: string,
    private readonly lines: readonly string[],
    private readonly chapterTitles: Map<number, ChapterTitle>,
    private readonly found: UntitledLine[],
  ) {}

  read(): void {
    const { lines } = this;
    let i = 0;
    while (i < lines.length) {
      if (lines[i].trim() === '' || UNDERLINE.test(lines[i])) {
        i += 1;
      } else if (isHeadingAt(lines, i)) {
        this.onHeading(lines[i], i + 1);
        i += 2;
      } else if (BULLET.test(lines[i])) {
        i = this.readBullet(i);
      } else {
        i = this.readParagraph(i);
      }
    }
    lines.forEach((line, index) => {
      if (PA_CODE_LIKE.test(line) && !this.consumed.has(index + 1)) {
        this.fail(index + 1, "codice di linea d'azione per le PA fuori da un elenco puntato");
      }
    });
  }

  private fail(line: number, reason: string): never {
    throw new CatalogParseError(this.file, line, reason);
  }

  private onHeading(raw: string, line: number): void {
    const text = stripRstInline(raw);
    this.context.inForce = null;
    const chapter = CHAPTER_HEADING.exec(text);
    const objective = OBJECTIVE_MARKER.exec(text);
    if (chapter) {
      this.registerChapterTitle(Number(chapter[1]), normaliseSpace(chapter[2]), line);
    } else if (objective) {
      this.context.objective = [objectiveCode(Number(objective[1]), Number(objective[2]))];
      this.context.paSection = false;
    } else if (RESULT_HEADING.test(text)) {
      const objectives = [...text.matchAll(/RA(\d+)\.(\d+)\.\d+/g)].map((m) =>
        objectiveCode(Number(m[1]), Number(m[2])),
      );
      this.context.results = sortedUnique(objectives);
      return;
    } else if (PA_SECTION_HEADING.test(text)) {
      this.context.paSection = true;
    } else if (OTHER_LINES_HEADING.test(text)) {
      this.context.paSection = false;
    } else {
      this.context.objective = null;
      this.context.paSection = false;
    }
    this.context.results = null;
  }

  private registerChapterTitle(chapter: number, title: string, line: number): void {
    const known = this.chapterTitles.get(chapter);
    if (known && known.title !== title) {
      this.fail(
        line,
        `il capitolo ${chapter} ha due titoli: "${known.title}" (${known.source.file}:${known.source.line}) e "${title}"`,
      );
    }
    this.chapterTitles.set(chapter, { title, source: { file: this.file, line } });
  }

  private readParagraph(start: number): number {
    const { lines } = this;
    let end = start;
    while (end + 1 < lines.length && lines[end + 1].trim() !== '' && !isHeadingAt(lines, end + 1)) end += 1;
    const text = stripRstInline(lines.slice(start, end + 1).join(' '));
    if (IN_FORCE_MARKER.test(text)) this.context.inForce = { file: this.file, line: start + 1 };
    const objective = OBJECTIVE_MARKER.exec(text);
    if (objective && /^OB\./.test(text)) {
      this.context.objective = [objectiveCode(Number(objective[1]), Number(objective[2]))];
      this.context.results = null;
    }
    return end + 1;
  }

  /** A bullet's paragraph runs on while lines stay indented to its text, even if they start with "-". */
  private readBullet(start: number): number {
    const { lines } = this;
    const marker = /^(\s*)[-*+•](\s+)/.exec(lines[start]);
    const contentIndent = marker ? marker[0].length : 0;
    let end = start;
    while (
      end + 1 < lines.length &&
      lines[end + 1].trim() !== '' &&
      indentOf(lines[end + 1]) >= contentIndent
    ) {
      end += 1;
    }
    const raw = [lines[start].slice(contentIndent), ...lines.slice(start + 1, end + 1)]
      .map((l) => l.trim())
      .join(' ');
    const paLine = this.toPlanLine(raw, start + 1);
    if (paLine) {
      for (let n = start + 1; n <= end + 1; n += 1) this.consumed.add(n);
      this.found.push(paLine);
    }
    return end + 1;
  }

  private toPlanLine(raw: string, line: number): UntitledLine | null {
    const source: SourceRef = { file: this.file, line };
    const plain = stripRstInline(raw);
    if (hasLeftoverRstMarkup(plain)) this.fail(line, `markup RST non riconosciuto: "${plain}"`);
    const tokens = [...plain.matchAll(CODE_TOKEN)].map((m) => m[0]);
    if (tokens.length === 0) {
      if (this.context.paSection) this.fail(line, `linea d'azione per le PA senza codice: "${plain}"`);
      return null;
    }
    if (tokens.length > 1) this.fail(line, `più codici nella stessa voce: ${tokens.join(', ')}`);
    const token = tokens[0];
    const at = plain.lastIndexOf(token);
    if (!/^[\s.]*$/.test(plain.slice(at + token.length))) {
      this.fail(line, `il codice ${token} deve chiudere la voce`);
    }
    const code = repairCode(this.manifest, token);
    const pa = PA_CODE.exec(code);
    if (!pa) {
      if (INSTITUTIONAL_CODE.test(code)) return null;
      this.fail(line, `codice "${token}" non conforme al formato dell'edizione ${this.manifest.code}`);
    }
    const printed = plain.slice(0, at).replace(/[\s\-–—]+$/, '');
    if (printed === '') this.fail(line, `la linea ${code} non ha testo`);
    const chapter = Number(pa[1]);
    const objectives = this.context.results ?? this.context.objective;
    if (!objectives) this.fail(line, `la linea ${code} non è sotto alcun obiettivo`);
    for (const objective of objectives) {
      if (Number(OBJECTIVE_CODE.exec(objective)?.[1]) !== chapter) {
        this.fail(line, `l'obiettivo ${objective} non appartiene al capitolo ${chapter} della linea ${code}`);
      }
    }
    return {
      code,
      chapter,
      objectiveCodes: [...objectives],
      printed,
      local: false,
      dated: raw.startsWith('**'),
      carriedOver: this.context.inForce,
      source,
    };
  }
}

function mergeByCode(found: readonly UntitledLine[]): UntitledLine[] {
  const byCode = new Map<string, UntitledLine>();
  for (const line of found) {
    const known = byCode.get(line.code);
    if (!known) {
      byCode.set(line.code, { ...line, objectiveCodes: sortedUnique(line.objectiveCodes) });
      continue;
    }
    if (known.printed !== line.printed) {
      throw new CatalogParseError(
        line.source.file,
        line.source.line,
        `il codice ${line.code} compare con due testi o date diversi (prima occorrenza: ${known.source.file}:${known.source.line})`,
      );
    }
    known.objectiveCodes = sortedUnique([...known.objectiveCodes, ...line.objectiveCodes]);
  }
  return [...byCode.values()];
}

/**
 * Reads the PAs' lines of action out of AgID's reStructuredText: every *.rst file, in path order.
 * `where` names the source in errors about the whole of it (a folder, an archive).
 */
export function parseRstFiles(
  manifest: EditionManifest,
  files: readonly SourceFile[],
  where: string,
): RawEdition {
  const rst = files
    .filter((f) => f.path.endsWith('.rst'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (rst.length === 0) throw new CatalogParseError(where, 0, 'nessun file .rst trovato');
  const chapterTitles = new Map<number, ChapterTitle>();
  const found: UntitledLine[] = [];
  for (const file of rst) {
    new RstFileReader(manifest, file.path, file.text.split(/\r?\n/), chapterTitles, found).read();
  }
  if (found.length === 0) throw new CatalogParseError(where, 0, "nessuna linea d'azione per le PA trovata");
  const lines = mergeByCode(found).map((line): RawPlanLine => {
    const chapterTitle =
      chapterTitles.get(line.chapter)?.title ?? manifest.chapterTitles[String(line.chapter)];
    if (chapterTitle === undefined) {
      throw new CatalogParseError(
        line.source.file,
        line.source.line,
        `titolo del capitolo ${line.chapter} non trovato (manca l'intestazione "Capitolo ${line.chapter}")`,
      );
    }
    return { ...line, chapterTitle };
  });
  return { code: manifest.code, title: manifest.title, lines: sortPlanLines(lines) };
}
