import { Injectable } from '@nestjs/common';
import { RequestContext } from '@rtd/kernel';
import { IndicatorsService, PlanReadsService, PlanService } from '@rtd/plan';
import { TenancyService } from '@rtd/tenancy';
import { PianoDocument } from './piano-document';

/**
 * Gathers a version of the consortium's Piano as the caller reads it (the same services and
 * row-level security as the API), for pianoPdf and pianoDocx. What the worker's job will call.
 */
@Injectable()
export class PianoDocumentService {
  constructor(
    private readonly plan: PlanService,
    private readonly reads: PlanReadsService,
    private readonly indicators: IndicatorsService,
    private readonly tenancy: TenancyService,
  ) {}

  async gather(ctx: RequestContext, versionId: string): Promise<PianoDocument> {
    const version = await this.plan.version(ctx, versionId);
    const consortium = await this.tenancy.getConsortium(ctx, version.consortiumId);
    const schede = await this.plan.interventi(ctx, version);
    return {
      consortiumName: consortium.name,
      title: version.title,
      number: version.number,
      year: version.year,
      state: version.state,
      approvedOn: version.approvedOn,
      approvalAct: version.approvalAct,
      schede: await Promise.all(
        schede.map(async (s) => ({
          ...s,
          lines: await this.reads.lines(ctx, s.id),
          indicators: await Promise.all(
            (await this.indicators.ofIntervento(ctx, s.id)).map(async (x) => ({
              ...x,
              periods: await this.indicators.periods(ctx, x),
            })),
          ),
        })),
      ),
    };
  }
}
