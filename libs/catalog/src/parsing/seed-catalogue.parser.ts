import { readDeadlines } from '../facts/deadline.rules';
import { CatalogParseError } from './catalog-parse.error';
import { RawEdition, RawPlanLine, SourceRef } from './catalog.types';
import { EditionManifest, PA_CODE, localCode, objectiveCode, repairCode } from './edition-manifest';
import { normaliseSpace, sortPlanLines, sortedUnique } from './plan-line.util';

const PAGE_NUMBER = /^\d{1,3}$/;
const URL_ONLY = /^https?:\/\/\S+$/;
const PART_HEADER = /^PARTE\s+[IVXLC]+$/;
const ANNEX_HEADER = /^ALLEGATO\s+\d+$/;
/** "4. INFRASTRUTTURE", "2. Le leve per l’innovazione", "1.1. Consolidare ...": numbered, capitalised. */
const SECTION_HEADER = /^\d+(?:\.\d+)*\.\s+\p{Lu}/u;
const OBJECTIVES_HEADER = /^(.*\S)\s*[-–]\s*OBIETTIVI E RISULTATI ATTESI$/;
const OBJECTIVE_HEADER = /^OB\.\s?(\d+)\.(\d+)\s*[-–]/;
const SUBHEADING = /^Obiettivi preliminari$/i;
const BULLET = /^(?:[●•▪]|-(?=\s))\s*(.*)$/;
const CODE_TOKEN = /\bCAP(?=[\d.])[\w.]*\w/g;

/**
 * The seed repeats these lines under OB.2.1 and OB.2.2 with a reworded copy ("i propri" / "i loro",
 * "li documenta" / "le documentano"). The first wording is kept; any other code whose text differs
 * between mentions stops the import.
 */
const REWORDED_REPEATS: ReadonlySet<string> = new Set(['CAP2.PA.LA15', 'CAP2.PA.LA19']);
const REWORDING_MIN_SIMILARITY = 0.8;

interface Bullet {
  line: number;
  parts: string[];
}

interface ObjectiveBlock {
  line: number;
  /** As printed: the seed numbers the objectives of its own parts ("OB. 1.1" for chapter 8 lines). */
  chapter: number;
  ordinal: number;
  bullets: Bullet[];
}

interface ObjectivesGroup {
  line: number;
  title: string;
  blocks: ObjectiveBlock[];
}

type Mode = 'narrative' | 'objectives' | 'annex';

interface Structure {
  groups: ObjectivesGroup[];
  /** Bullets of the closing annex, which restate lines listed earlier. */
  annexBullets: Bullet[];
}

function fail(file: string, line: number, reason: string): never {
  throw new CatalogParseError(file, line, reason);
}

function codeTokens(text: string): string[] {
  return [...text.matchAll(CODE_TOKEN)].map((m) => m[0]);
}

/** Rebuilds the PDF text's structure; wrapped bullets continue until the next bullet or header. */
function readStructure(text: string, file: string): Structure {
  const groups: ObjectivesGroup[] = [];
  const annexBullets: Bullet[] = [];
  let mode: Mode = 'narrative';
  let group: ObjectivesGroup | null = null;
  let block: ObjectiveBlock | null = null;
  let bullet: Bullet | null = null;
  /** Bullets of an objectives part outside any OB block ("Obiettivi preliminari") are not lines. */
  let looseBullet = false;

  const close = (next: Mode): void => {
    mode = next;
    group = null;
    block = null;
    bullet = null;
    looseBullet = false;
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const t = normaliseSpace(raw);
    if (t === '' || PAGE_NUMBER.test(t) || URL_ONLY.test(t)) return;
    if (PART_HEADER.test(t) || SECTION_HEADER.test(t)) return close('narrative');
    if (ANNEX_HEADER.test(t)) return close('annex');
    const groupHeader = OBJECTIVES_HEADER.exec(t);
    if (groupHeader) {
      close('objectives');
      group = { line, title: groupHeader[1], blocks: [] };
      groups.push(group);
      return;
    }
    const objective = OBJECTIVE_HEADER.exec(t);
    if (objective) {
      if (group === null) fail(file, line, "obiettivo fuori da una sezione 'OBIETTIVI E RISULTATI ATTESI'");
      block = { line, chapter: Number(objective[1]), ordinal: Number(objective[2]), bullets: [] };
      (group as ObjectivesGroup).blocks.push(block);
      bullet = null;
      looseBullet = false;
      return;
    }
    if (mode === 'objectives' && SUBHEADING.test(t)) {
      block = null;
      bullet = null;
      looseBullet = false;
      return;
    }
    const bulletStart = BULLET.exec(t);
    // "- CAP1.PA.LA16" on a line of its own is the wrapped tail of the previous bullet.
    const startsBullet = bulletStart !== null && !/^CAP[\d.]/.test(bulletStart[1]);
    if (startsBullet && mode === 'objectives' && block !== null) {
      bullet = { line, parts: [bulletStart[1]] };
      (block as ObjectiveBlock).bullets.push(bullet);
      return;
    }
    if (startsBullet && mode === 'annex') {
      bullet = { line, parts: [bulletStart[1]] };
      annexBullets.push(bullet);
      return;
    }
    if (startsBullet && mode === 'objectives') looseBullet = true;
    if (bullet !== null) {
      (bullet as Bullet).parts.push(t);
      return;
    }
    const tokens = codeTokens(t);
    if (tokens.length > 0) {
      const where = looseBullet
        ? 'in un elenco che non appartiene a un obiettivo'
        : "fuori da una linea d'azione";
      fail(file, line, `codice ${tokens.join(', ')} ${where}`);
    }
  });
  return { groups, annexBullets };
}

interface BulletReading {
  code: string | null;
  /** The words of the bullet without its code: date, qualifiers and text. */
  printed: string;
}

function readBullet(bullet: Bullet, file: string, manifest: EditionManifest): BulletReading {
  const plain = normaliseSpace(bullet.parts.join(' '));
  const tokens = codeTokens(plain);
  if (tokens.length > 1) fail(file, bullet.line, `più codici nella stessa linea: ${tokens.join(', ')}`);
  let code: string | null = null;
  let rest = plain;
  if (tokens.length === 1) {
    const token = tokens[0];
    const at = plain.lastIndexOf(token);
    if (!/^[\s.]*$/.test(plain.slice(at + token.length))) {
      fail(file, bullet.line, `il codice ${token} deve chiudere la linea`);
    }
    code = repairCode(manifest, token);
    if (!PA_CODE.test(code) || !code.includes('.LA')) {
      fail(
        file,
        bullet.line,
        `codice "${token}" non conforme al formato CAPn.PA.LAnn dell'edizione ${manifest.code}`,
      );
    }
    rest = plain.slice(0, at).replace(/[\s\-–—]+$/, '');
  }
  if (readDeadlines(rest, { file, line: bullet.line }).body === '')
    fail(file, bullet.line, 'linea senza testo');
  return { code, printed: rest };
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Dice coefficient over word multisets: 1 for the same words, 0 for nothing in common. */
function similarity(a: string, b: string): number {
  const left = words(a);
  const counts = new Map<string, number>();
  for (const w of left) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  const right = words(b);
  for (const w of right) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared += 1;
      counts.set(w, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

function isSameLine(code: string, known: RawPlanLine, reading: BulletReading, file: string): boolean {
  if (known.printed === reading.printed) return true;
  if (!REWORDED_REPEATS.has(code)) return false;
  const a = readDeadlines(known.printed, known.source);
  const b = readDeadlines(reading.printed, { file, line: 0 });
  return (
    a.deadline === b.deadline &&
    a.deadlineKind === b.deadlineKind &&
    similarity(a.body, b.body) >= REWORDING_MIN_SIMILARITY
  );
}

function chapterOf(code: string): number {
  return Number(PA_CODE.exec(code)![1]);
}

/**
 * The chapter of a part is the CAPn shared by its coded lines, because the seed numbers its parts
 * on its own (chapter 8's lines sit under "OB. 1.x", chapter 6's under "OB.10.1"). A part without
 * coded lines falls back to its title.
 */
function chapterOfGroup(group: ObjectivesGroup, file: string, manifest: EditionManifest): number {
  const chapters = new Set<number>();
  for (const block of group.blocks) {
    for (const bullet of block.bullets) {
      const { code } = readBullet(bullet, file, manifest);
      if (code !== null) chapters.add(chapterOf(code));
    }
  }
  if (chapters.size > 1) {
    fail(
      file,
      group.line,
      `la sezione "${group.title}" mescola linee dei capitoli ${[...chapters].join(', ')}`,
    );
  }
  if (chapters.size === 1) return [...chapters][0];
  const byTitle = Object.entries(manifest.chapterTitles).find(
    ([, title]) => title.toLowerCase().replace(/’/g, "'") === group.title.toLowerCase().replace(/’/g, "'"),
  );
  if (!byTitle) fail(file, group.line, `impossibile attribuire un capitolo alla sezione "${group.title}"`);
  return Number(byTitle[0]);
}

function chapterTitle(manifest: EditionManifest, chapter: number, file: string, line: number): string {
  const title = manifest.chapterTitles[String(chapter)];
  if (title === undefined) fail(file, line, `capitolo ${chapter} sconosciuto nell'edizione ${manifest.code}`);
  return title;
}

/**
 * Reads the lines of action for the Comuni out of seed 003's plan. A bullet is a line when it sits
 * under an "OB.x.y - ..." header inside an "<AMBITO> - OBIETTIVI E RISULTATI ATTESI" part; bullets
 * anywhere else are narrative. Coded bullets of the closing annex must restate a line already read.
 * `manifest` is the 2022-2024 edition's: its code repairs and chapter titles.
 */
export function parseSeedCatalogue(text: string, file: string, manifest: EditionManifest): RawEdition {
  const { groups, annexBullets } = readStructure(text, file);
  const byCode = new Map<string, RawPlanLine>();
  const locals: RawPlanLine[] = [];
  const localCount = new Map<number, number>();

  for (const group of groups) {
    const chapter = chapterOfGroup(group, file, manifest);
    for (const block of group.blocks) {
      // The seed's own objective numbering is moved onto the chapter of the lines it holds.
      const objective = objectiveCode(chapter, block.ordinal);
      for (const bullet of block.bullets) {
        const reading = readBullet(bullet, file, manifest);
        const source: SourceRef = { file, line: bullet.line };
        const line = (code: string, local: boolean): RawPlanLine => ({
          code,
          chapter,
          chapterTitle: chapterTitle(manifest, chapter, file, bullet.line),
          objectiveCodes: [objective],
          printed: reading.printed,
          local,
          dated: false,
          source,
        });
        if (reading.code === null) {
          const ordinal = (localCount.get(chapter) ?? 0) + 1;
          if (ordinal > 99) fail(file, bullet.line, `troppe linee locali nel capitolo ${chapter}`);
          localCount.set(chapter, ordinal);
          locals.push(line(localCode(chapter, ordinal), true));
          continue;
        }
        const known = byCode.get(reading.code);
        if (!known) {
          byCode.set(reading.code, line(reading.code, false));
        } else if (isSameLine(reading.code, known, reading, file)) {
          known.objectiveCodes = sortedUnique([...known.objectiveCodes, objective]);
        } else {
          fail(
            file,
            bullet.line,
            `il codice ${reading.code} compare con due testi o date diversi (prima occorrenza alla riga ${known.source.line})`,
          );
        }
      }
    }
  }

  for (const bullet of annexBullets) {
    const reading = readBullet(bullet, file, manifest);
    if (reading.code === null) continue;
    const known = byCode.get(reading.code);
    if (!known)
      fail(file, bullet.line, `l'allegato richiama il codice ${reading.code}, assente dagli obiettivi`);
    if (!isSameLine(reading.code, known, reading, file)) {
      fail(
        file,
        bullet.line,
        `l'allegato riporta il codice ${reading.code} con un testo diverso dalla riga ${known.source.line}`,
      );
    }
  }

  const lines = [...byCode.values(), ...locals];
  if (lines.length === 0) fail(file, 0, "nessuna linea d'azione trovata");
  return { code: manifest.code, title: manifest.title, lines: sortPlanLines(lines) };
}
