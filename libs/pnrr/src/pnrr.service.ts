import { Injectable } from '@nestjs/common';
import { authorizeKind, callerAccess } from '@rtd/authz';
import { PlanLineObject } from '@rtd/catalog';
import { badInput, groupBy, RequestContext, requestLoader } from '@rtd/kernel';
import { ComuneObject, TenancyService } from '@rtd/tenancy';
import {
  ComunePnrrObject,
  PnrrApplicationObject,
  PnrrFundingObject,
  PnrrLineLinkObject,
  PnrrTotalObject,
} from './dto/pnrr.objects';
import { APPLICATION_STATUS, formatEuro } from './pnrr-format';
import { ApplicationRow, LinkRow, PnrrRepository } from './pnrr.repository';

const toApplication = (row: ApplicationRow): PnrrApplicationObject => ({
  call: {
    title: row.callTitle,
    measure: { code: row.measureCode, title: row.measureTitle },
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    status: row.callStatus,
  },
  amount: row.amount,
  status: APPLICATION_STATUS[row.status].status,
  statusLabel: APPLICATION_STATUS[row.status].label,
  statusDate: row.statusDate,
  fundedOn: row.fundedOn,
  cup: row.cup,
});

/** "finanziato dal PNRR: avviso ..., importo ..., stato ..." */
export const fundingSummary = (application: PnrrApplicationObject): string =>
  `finanziato dal PNRR: avviso "${application.call.title}", importo ${formatEuro(application.amount)}, stato ${application.statusLabel}`;

/**
 * PNRR funding is public open data: whoever may see a municipality, a consortium or a plan line
 * sees its funding; totals per region are open to every role (ability: read PnrrFunding).
 */
@Injectable()
export class PnrrService {
  constructor(
    private readonly repository: PnrrRepository,
    private readonly tenancy: TenancyService,
  ) {}

  async comuneFunding(
    ctx: RequestContext,
    comune: Pick<ComuneObject, 'istatCode'>,
  ): Promise<ComunePnrrObject> {
    const [totalAmount, applications] = await Promise.all([
      this.amountLoader(ctx).load(comune.istatCode),
      this.applications(ctx, comune.istatCode),
    ]);
    return {
      totalAmount,
      applications,
      applicationsAmount: round(
        applications.filter((a) => a.statusLabel !== 'rinunciata').reduce((sum, a) => sum + a.amount, 0),
      ),
    };
  }

  async applications(ctx: RequestContext, istatCode: string): Promise<PnrrApplicationObject[]> {
    const rows = await requestLoader(
      ctx,
      'pnrr.applications',
      async (db, codes: readonly string[]) =>
        groupBy(await this.repository.applicationsByIstatCodes(db, codes), (row) => row.istatCode),
      [] as ApplicationRow[],
    ).load(istatCode);
    return rows.map(toApplication);
  }

  async consortiumTotal(ctx: RequestContext, consortiumId: string): Promise<PnrrTotalObject> {
    const codes = await this.tenancy.memberIstatCodes(ctx, consortiumId);
    const total = await this.repository.totalOf(await ctx.db(), codes);
    return { amount: round(total.amount), fundedComuni: total.funded, comuneCount: codes.length };
  }

  async regionTotal(ctx: RequestContext, regionCode: string): Promise<PnrrTotalObject> {
    authorizeKind((await callerAccess(ctx)).ability, 'read', 'PnrrFunding');
    if (!/^\d{2}$/.test(regionCode) || !(await this.tenancy.regionExists(ctx, regionCode))) {
      throw badInput('regionCode', 'codice ISTAT di regione sconosciuto (due cifre, es. "03")');
    }
    const [total, comuneCount] = await Promise.all([
      this.repository.regionTotal(await ctx.db(), regionCode),
      this.tenancy.regionComuneCount(ctx, regionCode),
    ]);
    return { amount: round(total.amount), fundedComuni: total.funded, comuneCount };
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

  private amountLoader(ctx: RequestContext) {
    return requestLoader(
      ctx,
      'pnrr.amount',
      (db, codes: readonly string[]) => this.repository.amountsByIstatCodes(db, codes),
      null as number | null,
    );
  }
}

const round = (amount: number): number => Math.round(amount * 100) / 100;
