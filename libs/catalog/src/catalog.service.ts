import { Injectable } from '@nestjs/common';
import {
  badInput,
  decodeCursor,
  echo,
  feminine,
  foldForSearch,
  notFound,
  Page,
  pageSize,
  RequestContext,
  toPage,
} from '@rtd/kernel';
import { callerAccess } from '@rtd/authz';
import { CatalogRepository, LineRow } from './catalog.repository';
import { PlanEditionObject } from './dto/plan-edition.object';
import { DeadlineKindEnum, PlanLineObject } from './dto/plan-line.object';

export interface PlanLinesArgs {
  edition: string;
  chapter?: number | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

export const toPlanLineObject = (row: LineRow): PlanLineObject => ({
  id: row.id,
  edition: row.editionCode,
  code: row.code,
  chapter: row.chapter,
  chapterTitle: row.chapterTitle,
  objectiveCodes: row.objectiveCodes,
  text: row.text,
  deadlineKind: row.deadlineKind as DeadlineKindEnum,
  deadline: row.deadline,
  minPopulation: row.minPopulation,
  local: row.isLocal,
});

const MAX_SEARCH_LENGTH = 200;

/** The Piano Triennale catalogue: readable by every role. */
@Injectable()
export class CatalogService {
  constructor(private readonly repository: CatalogRepository) {}

  async editions(ctx: RequestContext): Promise<PlanEditionObject[]> {
    if (!(await this.canRead(ctx))) return [];
    return this.repository.editions(await ctx.db());
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
}
