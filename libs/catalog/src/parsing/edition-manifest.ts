import { CatalogParseError } from './catalog-parse.error';

/** Where an edition's text comes from, as the registry shows it. */
export interface EditionSource {
  /** "rst": AgID's reStructuredText; "jsonl": lines extracted into a data file (seed 003). */
  format: 'rst' | 'jsonl';
  /** Built-in editions only: the folder or file of the source, relative to the manifest. */
  path?: string;
  /** Who publishes it and how it reached the repository, in a sentence. */
  description: string;
  url?: string;
  /** The commit or version of the source. */
  revision?: string;
  licence?: string;
}

/** A code the source misprints, mapped to the code it means. */
export interface CodeRepair {
  from: string;
  to: string;
  reason: string;
}

/**
 * An edition of the Piano Triennale as data: what the registry records and how to read its source.
 * Built-in editions have one in libs/catalog/data/editions/<code>/edition.json; the operator
 * passes one in the folder or archive imported, or its fields on the command line / GraphQL.
 */
export interface EditionManifest {
  code: string;
  title: string;
  periodFrom: number;
  periodTo: number;
  /** The edition this one replaces: its lines are mapped to this one's. */
  supersedes: string | null;
  publishedOn: string | null;
  source: EditionSource;
  codeRepairs: CodeRepair[];
  /** Chapter titles for sources that do not print them (the 2022-2024 extract of seed 003). */
  chapterTitles: Record<string, string>;
}

export const EDITION_CODE = /^\d{4}-\d{4}(?:-[a-z0-9]+)*$/;
/** A PA line of any edition so far: "CAP1.PA.LA19" (2020-2022, 2022-2024), "CAP3.PA.19" (2024-2026). */
export const PA_CODE = /^CAP(\d+)\.PA\.(?:LA)?\d{2}$/;
/** Lines for AgID, the Department and other institutions: recognised, not imported. */
export const INSTITUTIONAL_CODE = /^CAP\d+\.(?:LA)?\d{2}$/;
export const LOCAL_CODE = /^LOC\.CAP(\d+)\.(\d{2})$/;
export const OBJECTIVE_CODE = /^OB\.(\d+)\.(\d+)$/;

export function localCode(chapter: number, ordinal: number): string {
  return `LOC.CAP${chapter}.${String(ordinal).padStart(2, '0')}`;
}

export function objectiveCode(chapter: number, ordinal: number): string {
  return `OB.${chapter}.${ordinal}`;
}

type Json = Record<string, unknown>;

class ManifestReader {
  constructor(private readonly file: string) {}

  fail(reason: string): never {
    throw new CatalogParseError(this.file, 1, reason);
  }

  text(row: Json, key: string, label = key): string {
    const value = row[key];
    if (typeof value !== 'string' || value.trim() === '')
      this.fail(`"${label}" deve essere un testo non vuoto`);
    return value.trim();
  }

  optionalText(row: Json, key: string, label = key): string | undefined {
    return row[key] === undefined || row[key] === null ? undefined : this.text(row, key, label);
  }

  year(row: Json, key: string, label: string): number {
    const value = row[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 2000 || value > 2100) {
      this.fail(`"${label}" deve essere un anno tra 2000 e 2100`);
    }
    return value;
  }

  object(value: unknown, label: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(`"${label}" deve essere un oggetto`);
    return value as Json;
  }
}

/** Checks a manifest's JSON, naming the file and the field of any defect (Italian: the operator reads it). */
export function readManifest(json: unknown, file: string): EditionManifest {
  const reader: ManifestReader = new ManifestReader(file);
  const row = reader.object(json, 'edition.json');
  const code = reader.text(row, 'code');
  if (!EDITION_CODE.test(code))
    reader.fail(`codice di edizione non valido: «${code}» (atteso AAAA-AAAA, ad esempio 2027-2029)`);
  const period = reader.object(row.period, 'period');
  const periodFrom = reader.year(period, 'from', 'period.from');
  const periodTo = reader.year(period, 'to', 'period.to');
  if (periodTo < periodFrom) reader.fail('"period.to" precede "period.from"');
  const supersedes = reader.optionalText(row, 'supersedes') ?? null;
  if (supersedes !== null && !EDITION_CODE.test(supersedes))
    reader.fail(`"supersedes" non è un codice di edizione: «${supersedes}»`);
  if (supersedes === code) reader.fail("un'edizione non può sostituire sé stessa");
  const publishedOn = reader.optionalText(row, 'publishedOn') ?? null;
  if (publishedOn !== null && !/^\d{4}-\d{2}-\d{2}$/.test(publishedOn))
    reader.fail('"publishedOn" deve essere una data AAAA-MM-GG');
  const sourceRow = reader.object(row.source, 'source');
  const format = reader.text(sourceRow, 'format', 'source.format');
  if (format !== 'rst' && format !== 'jsonl') reader.fail('"source.format" deve essere "rst" o "jsonl"');
  const repairs: unknown = row.codeRepairs ?? [];
  if (!Array.isArray(repairs)) reader.fail('"codeRepairs" deve essere un elenco');
  const chapterTitles =
    row.chapterTitles === undefined ? {} : reader.object(row.chapterTitles, 'chapterTitles');
  return {
    code,
    title: reader.text(row, 'title'),
    periodFrom,
    periodTo,
    supersedes,
    publishedOn,
    source: {
      format,
      path: reader.optionalText(sourceRow, 'path', 'source.path'),
      description: reader.text(sourceRow, 'description', 'source.description'),
      url: reader.optionalText(sourceRow, 'url', 'source.url'),
      revision: reader.optionalText(sourceRow, 'revision', 'source.revision'),
      licence: reader.optionalText(sourceRow, 'licence', 'source.licence'),
    },
    codeRepairs: repairs.map((repair: unknown, index: number) => {
      const r = reader.object(repair, `codeRepairs[${index}]`);
      return {
        from: reader.text(r, 'from', `codeRepairs[${index}].from`),
        to: reader.text(r, 'to', `codeRepairs[${index}].to`),
        reason: reader.text(r, 'reason', `codeRepairs[${index}].reason`),
      };
    }),
    chapterTitles: Object.fromEntries(
      Object.entries(chapterTitles).map(([number, title]): [string, string] => {
        if (!/^\d{1,2}$/.test(number) || typeof title !== 'string')
          reader.fail(`"chapterTitles.${number}" non valido`);
        return [number, title];
      }),
    ),
  };
}

export function repairCode(manifest: Pick<EditionManifest, 'codeRepairs'>, token: string): string {
  return manifest.codeRepairs.find((repair) => repair.from === token)?.to ?? token;
}
