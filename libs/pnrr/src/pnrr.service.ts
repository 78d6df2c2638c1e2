import { Injectable } from '@nestjs/common';
import { authorizeKind, callerAccess } from '@rtd/authz';
import { PlanLineObject } from '@rtd/catalog';
import { badInput, groupBy, Page, RequestContext, requestLoader } from '@rtd/kernel';
import { ObjectivesService, ObjectiveState, SharedObjectiveObject } from '@rtd/objectives';
import { ComuneObject, TenancyService } from '@rtd/tenancy';
import {
  ComunePnrrObject,
  PnrrApplicationObject,
  PnrrBodyKind,
  PnrrFundingObject,
  PnrrLineLinkObject,
  PnrrMeasureObject,
  PnrrMeasureTotalObject,
  PnrrTotalObject,
} from './dto/pnrr.objects';
import { APPLICATION_STATUS, formatEuro } from './pnrr-format';
import { ApplicationRow, LinkRow, MeasureSumRow, PnrrRepository } from './pnrr.repository';

const toApplication = (row: ApplicationRow): PnrrApplicationObject => ({
  call: {
    title: row.callTitle,
    measure: { code: row.measureCode, title: row.measureTitle, asOf: row.measureAsOf },
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    status: row.callStatus,
  },
  amount: row.amount,
  countedAmount: row.status === 'R' ? 0 : row.amount,
  status: APPLICATION_STATUS[row.status].status,
  statusLabel: APPLICATION_STATUS[row.status].label,
  statusDate: row.statusDate,
  fundedOn: row.fundedOn,
  cup: row.cup,
  bodyName: row.bodyName,
  bodyKind: row.bodyKind as PnrrBodyKind,
  asOf: row.asOf,
});

/** "finanziato dal PNRR: avviso ..., importo ..., stato ... (dati al ...)" */
export const fundingSummary = (application: PnrrApplicationObject): string =>
  `finanziato dal PNRR: avviso "${application.call.title}", importo ${formatEuro(application.amount)}, stato ${application.statusLabel}` +
  (application.status === 'WITHDRAWN' ? ' (non conteggiato)' : '') +
  (application.asOf ? ` (dati al ${italianDate(application.asOf)})` : '');

/** "2025-03-27" -> "27/03/2025" */
export const italianDate = (day: string): string => day.split('-').reverse().join('/');

const sumCounted = (applications: PnrrApplicationObject[]): number =>
  round(applications.reduce((sum, a) => sum + a.countedAmount, 0));

type Scope = { codes: readonly string[] } | { regionCode: string };

/**
 * PNRR funding is public open data: whoever may see a municipality, a consortium or a plan line
 * sees its funding; totals per region are open to every role (ability: read PnrrFunding).
 * Attribution (issue 21): an application is the comune's own when the comune made it
 * (tipologia_ente Comuni); its schools' and the other bodies' located there make up, with it,
 * the territory. Every total is of the comuni's own funding; withdrawn applications count zero.
 */
@Injectable()
export class PnrrService {
  constructor(
    private readonly repository: PnrrRepository,
    private readonly tenancy: TenancyService,
    private readonly objectives: ObjectivesService,
  ) {}

  async comuneFunding(
    ctx: RequestContext,
    comune: Pick<ComuneObject, 'istatCode'>,
  ): Promise<ComunePnrrObject> {
    const [territoryAmount, all, measures] = await Promise.all([
      this.territoryLoader(ctx).load(comune.istatCode),
      this.allApplications(ctx, comune.istatCode),
      this.measures(ctx),
    ]);
    const own = all.filter((a) => a.bodyKind === PnrrBodyKind.COMUNE);
    const territory = all.filter((a) => a.bodyKind !== PnrrBodyKind.COMUNE);
    const ownAmount = sumCounted(own);
    return {
      totalAmount: ownAmount,
      applicationsAmount: ownAmount,
      applications: own,
      ownAmount,
      territoryAmount,
      schoolsAmount: sumCounted(territory.filter((a) => a.bodyKind === PnrrBodyKind.SCHOOL)),
      otherBodiesAmount: sumCounted(territory.filter((a) => a.bodyKind === PnrrBodyKind.OTHER)),
      territoryApplications: territory,
      measures: measures.map((measure) => {
        const applications = own.filter((a) => a.call.measure.code === measure.code);
        return { measure, ownAmount: sumCounted(applications), applications };
      }),
    };
  }

  /** The comune's own applications (withdrawn included). */
  async applications(ctx: RequestContext, istatCode: string): Promise<PnrrApplicationObject[]> {
    return (await this.allApplications(ctx, istatCode)).filter((a) => a.bodyKind === PnrrBodyKind.COMUNE);
  }

  /** The seven measures with their as-of dates, once per request. */
  measures(ctx: RequestContext): Promise<PnrrMeasureObject[]> {
    return ctx.memoize('pnrr.measures', async () =>
      (await this.repository.measures(await ctx.db())).map((m) => ({
        code: m.code,
        title: m.title,
        asOf: m.asOf,
      })),
    );
  }

  async consortiumTotal(ctx: RequestContext, consortiumId: string): Promise<PnrrTotalObject> {
    const members = await this.tenancy.memberMunicipalities(ctx, consortiumId);
    const codes = members.map((m) => m.istatCode);
    const served = await this.measuresOfObjectives(ctx, consortiumId);
    return this.total(ctx, { codes }, codes.length, (sum) => ({
      comuniWithoutApplication: members
        .filter((m) => !sum?.fundedIstatCodes.includes(m.istatCode))
        .map((m) => m.name),
      servesObjectives: served.has(sum?.measureCode ?? ''),
    }));
  }

  async regionTotal(ctx: RequestContext, regionCode: string): Promise<PnrrTotalObject> {
    authorizeKind((await callerAccess(ctx)).ability, 'read', 'PnrrFunding');
    if (!/^\d{2}$/.test(regionCode) || !(await this.tenancy.regionExists(ctx, regionCode))) {
      throw badInput('regionCode', 'codice ISTAT di regione sconosciuto (due cifre, es. "03")');
    }
    const comuneCount = await this.tenancy.regionComuneCount(ctx, regionCode);
    return this.total(ctx, { regionCode }, comuneCount, () => ({
      comuniWithoutApplication: [],
      servesObjectives: false,
    }));
  }

  private async total(
    ctx: RequestContext,
    scope: Scope,
    comuneCount: number,
    extra: (
      sum: MeasureSumRow | undefined,
    ) => Pick<PnrrMeasureTotalObject, 'comuniWithoutApplication' | 'servesObjectives'>,
  ): Promise<PnrrTotalObject> {
    const db = await ctx.db();
    const [own, territoryAmount, sums, measures] = await Promise.all([
      this.repository.ownTotal(db, scope),
      this.repository.territoryTotal(db, scope),
      this.repository.ownByMeasure(db, scope),
      this.measures(ctx),
    ]);
    const byCode = new Map(sums.map((row) => [row.measureCode, row]));
    return {
      amount: round(own.amount),
      fundedComuni: own.funded,
      comuneCount,
      territoryAmount: round(territoryAmount),
      measures: measures.map((measure) => {
        const sum = byCode.get(measure.code);
        return {
          measure,
          amount: round(sum?.amount ?? 0),
          fundedComuni: sum?.fundedComuni ?? 0,
          applicationCount: sum?.applications ?? 0,
          withdrawnCount: sum?.withdrawn ?? 0,
          ...extra(sum ?? ({ measureCode: measure.code, fundedIstatCodes: [] } as unknown as MeasureSumRow)),
        };
      }),
    };
  }

  /**
   * The measures serving a line of the consortium's published or closed objectives. Every page of
   * objectives is read, and their lines are asked together so that the request's loaders read them
   * in one statement (not one per objective).
   */
  private async measuresOfObjectives(ctx: RequestContext, consortiumId: string): Promise<Set<string>> {
    const ids: string[] = [];
    for (const state of [ObjectiveState.PUBLISHED, ObjectiveState.CLOSED]) {
      let after: string | null = null;
      for (;;) {
        const page: Page<SharedObjectiveObject> = await this.objectives.list(ctx, consortiumId, state, {
          first: 100,
          after,
        });
        ids.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
    }
    const lines = (await Promise.all(ids.map((id) => this.objectives.lines(ctx, id)))).flat();
    const keys = [...new Set(lines.map((line) => `${line.edition}|${line.code}`))];
    if (keys.length === 0) return new Set();
    return new Set(await this.repository.measureCodesOfLines(await ctx.db(), keys));
  }

  private async allApplications(ctx: RequestContext, istatCode: string): Promise<PnrrApplicationObject[]> {
    const rows = await requestLoader(
      ctx,
      'pnrr.applications',
      async (db, codes: readonly string[]) =>
        groupBy(await this.repository.applicationsByIstatCodes(db, codes), (row) => row.istatCode),
      [] as ApplicationRow[],
    ).load(istatCode);
    return rows.map(toApplication);
  }

  /** The measures serving a line (curated mapping), for the line's readers. */
  lineLinks(
    ctx: RequestContext,
    line: Pick<PlanLineObject, 'edition' | 'code'>,
  ): Promise<PnrrLineLinkObject[]> {
    return requestLoader(
      ctx,
      'pnrr.lineLinks',
      async (db, keys: readonly string[]) =>
        groupBy(await this.repository.linksByLineKeys(db, keys), (row: LinkRow) => row.key),
      [] as LinkRow[],
    )
      .load(`${line.edition}|${line.code}`)
      .then((rows) =>
        rows.map((row) => ({
          measure: { code: row.measureCode, title: row.measureTitle },
          justification: row.justification,
          source: row.source,
        })),
      );
  }

  /**
   * The applications of a municipality to the measures serving some lines: what an assignment
   * on those lines shows as "finanziato dal PNRR".
   */
  async fundingForLines(
    ctx: RequestContext,
    istatCode: string,
    lines: Pick<PlanLineObject, 'edition' | 'code'>[],
  ): Promise<PnrrFundingObject[]> {
    const [applications, links] = await Promise.all([
      this.applications(ctx, istatCode),
      Promise.all(lines.map(async (line) => ({ line, links: await this.lineLinks(ctx, line) }))),
    ]);
    const linesOfMeasure = new Map<string, string[]>();
    for (const { line, links: served } of links) {
      for (const link of served) {
        linesOfMeasure.set(link.measure.code, [...(linesOfMeasure.get(link.measure.code) ?? []), line.code]);
      }
    }
    return applications
      .filter((application) => linesOfMeasure.has(application.call.measure.code))
      .map((application) => ({
        application,
        lineCodes: linesOfMeasure.get(application.call.measure.code) ?? [],
        summary: fundingSummary(application),
      }));
  }

  private territoryLoader(ctx: RequestContext) {
    return requestLoader(
      ctx,
      'pnrr.territoryAmount',
      (db, codes: readonly string[]) => this.repository.territoryAmountsByIstatCodes(db, codes),
      null as number | null,
    );
  }
}

const round = (amount: number): number => Math.round(amount * 100) / 100;
