import { Injectable } from '@nestjs/common';
import {
  badInput,
  decodeCursor,
  echo,
  echoList,
  feminine,
  foldForSearch,
  notFound,
  Page,
  pageSize,
  RequestContext,
  rowsByIdLoader,
  requestLoader,
  toPage,
} from '@rtd/kernel';
import { callerAccess } from '@rtd/authz';
import { CatalogRepository, EditionRow, LineRow } from './catalog.repository';
import { PlanEditionObject, PlanEditionStatusEnum } from './dto/plan-edition.object';
import { DeadlineKindEnum, PlanLineObject, PlanLineSuccessionObject } from './dto/plan-line.object';
import { SuccessionRow, successionsFrom, successionsTo } from './succession/succession.queries';

export interface PlanLinesArgs {
  edition: string;
  chapter?: number | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

/** What an objective on these lines is due by: the first BY deadline of a line, else none. */
export function dueDateOf(row: Pick<LineRow, 'deadlines'>): string | null {
  return row.deadlines.find((d) => d.kind === 'BY')?.date ?? null;
}

export const toPlanLineObject = (row: LineRow): PlanLineObject => ({
  id: row.id,
  edition: row.editionCode,
  code: row.code,
  chapter: row.chapter,
  chapterTitle: row.chapterTitle,
  objectiveCodes: row.objectiveCodes,
  text: row.text,
  printed: row.printed,
  deadlineKind: row.deadlineKind as DeadlineKindEnum,
  deadline: row.deadline,
  deadlines: row.deadlines.map((d) => ({
    kind: d.kind as DeadlineKindEnum,
    date: d.date,
    precision: d.precision,
    words: d.words,
    qualifier: d.qualifier,
  })),
  dueDate: dueDateOf(row),
  minPopulation: row.minPopulation,
  maxPopulation: row.maxPopulation,
  bodies: row.bodies,
  comuniScope: row.comuniScope,
  conditions: row.conditions,
  corrections: row.corrections,
  source: row.sourceFile ? `${row.sourceFile}:${row.sourceLine}` : null,
  local: row.isLocal,
});

const toEditionObject = (row: EditionRow): PlanEditionObject => ({
  code: row.code,
  title: row.title,
  lineCount: row.lineCount,
  periodFrom: row.periodFrom,
  periodTo: row.periodTo,
  status: row.supersededBy ? PlanEditionStatusEnum.SUPERSEDED : PlanEditionStatusEnum.CURRENT,
  supersedes: row.supersedes,
  supersededBy: row.supersededBy,
  publishedOn: row.publishedOn,
  source: {
    format: row.sourceFormat,
    description: row.sourceDescription,
    url: row.sourceUrl,
    revision: row.sourceRevision,
    licence: row.sourceLicence,
  },
  importedAt: row.importedAt,
  createdAt: row.createdAt,
});

const toSuccessionObject = (row: SuccessionRow, lineId: string | null): PlanLineSuccessionObject => ({
  lineId,
  kind: row.kind,
  fromEdition: row.fromEdition,
  toEdition: row.toEdition,
  similarity: row.similarity,
  sharedObjectiveCodes: row.sharedObjectives,
  citation: row.citation,
  note: row.note,
  reviewed: row.reviewed,
});

const MAX_SEARCH_LENGTH = 200;
const MAX_LINES = 100;

/** The Piano Triennale catalogue: readable by every role. */
@Injectable()
export class CatalogService {
  constructor(private readonly repository: CatalogRepository) {}

  async editions(ctx: RequestContext): Promise<PlanEditionObject[]> {
    if (!(await this.canRead(ctx))) return [];
    return (await this.repository.editions(await ctx.db())).map(toEditionObject);
  }

  /** Any role reads the catalogue; an account with no role sees empty lists. */
  private async canRead(ctx: RequestContext): Promise<boolean> {
    return (await callerAccess(ctx)).ability.can('read', 'PlanCatalog');
  }

  async planLines(ctx: RequestContext, args: PlanLinesArgs): Promise<Page<PlanLineObject>> {
    const size = pageSize(args.first);
    const cursor = decodeCursor(args.after, ['smallint', 'text']);
    const chapter = args.chapter ?? null;
    if (chapter !== null && (chapter < 1 || chapter > 99))
      throw badInput('chapter', 'numero di capitolo non valido');
    const search = args.search ? foldForSearch(args.search) : null;
    if (search && search.length > MAX_SEARCH_LENGTH) {
      throw badInput('search', `al massimo ${MAX_SEARCH_LENGTH} caratteri`);
    }
    if (!(await this.canRead(ctx))) throw notFound(feminine(`Edizione «${echo(args.edition)}»`));
    const db = await ctx.db();
    if (!(await this.repository.editionExists(db, args.edition)))
      throw notFound(feminine(`Edizione «${echo(args.edition)}»`));
    const { rows, total } = await this.repository.linesPage(db, {
      edition: args.edition,
      chapter,
      search: search || null,
      limit: size + 1,
      after: cursor ? { chapter: cursor[0] as number, code: cursor[1] as string } : null,
    });
    return toPage(rows, size, total, (row) => [row.chapter, row.code], toPlanLineObject);
  }

  /**
   * The due date the objective editor proposes for these lines: the earliest first BY deadline
   * among them ("Entro dicembre 2023" is 31 December 2023); null when none of them has one.
   */
  async proposedDueDate(
    ctx: RequestContext,
    edition: string,
    lineCodes: string[],
  ): Promise<PlanLineObject | null> {
    const codes = [...new Set(lineCodes.map((code) => code.trim()))];
    if (codes.length === 0 || codes.length > MAX_LINES)
      throw badInput('lineCodes', `da 1 a ${MAX_LINES} linee d'azione`);
    if (!(await this.canRead(ctx))) throw notFound(feminine(`Edizione «${echo(edition)}»`));
    const db = await ctx.db();
    if (!(await this.repository.editionExists(db, edition)))
      throw badInput('edition', `edizione «${echo(edition)}» inesistente`);
    const rows = await this.repository.linesByCodes(db, edition, codes);
    const missing = codes.filter((code) => !rows.some((row) => row.code === code));
    if (missing.length > 0)
      throw badInput('lineCodes', `linee inesistenti nell'edizione «${echo(edition)}»: ${echoList(missing)}`);
    const due = rows
      .filter((row) => dueDateOf(row) !== null)
      .sort((a, b) =>
        dueDateOf(a)! < dueDateOf(b)! ? -1 : dueDateOf(a)! > dueDateOf(b)! ? 1 : a.code < b.code ? -1 : 1,
      );
    return due.length ? toPlanLineObject(due[0]) : null;
  }

  /** Successors (next edition) or predecessors (previous edition) of a line, batched per request. */
  async successions(
    ctx: RequestContext,
    lineId: string,
    direction: 'successors' | 'predecessors',
  ): Promise<PlanLineSuccessionObject[]> {
    const loader = requestLoader(
      ctx,
      `catalog.${direction}`,
      (db, ids: readonly string[]) =>
        direction === 'successors' ? successionsFrom(db, ids) : successionsTo(db, ids),
      [] as SuccessionRow[],
    );
    const rows = await loader.load(lineId);
    return rows.map((row) =>
      toSuccessionObject(row, direction === 'successors' ? row.toLineId : row.fromLineId),
    );
  }

  /** A line by id as the caller may read it (row-level security), or null. */
  async line(ctx: RequestContext, id: string): Promise<PlanLineObject | null> {
    const row = await rowsByIdLoader(ctx, 'catalog.line', (db, ids) =>
      this.repository.linesByIds(db, ids),
    ).load(id);
    return row ? toPlanLineObject(row) : null;
  }
}
