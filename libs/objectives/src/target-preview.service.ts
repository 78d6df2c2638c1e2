import { Injectable } from '@nestjs/common';
import { editionExists, LineRow } from '@rtd/catalog';
import { badInput, echo, RequestContext } from '@rtd/kernel';
import { TenancyService } from '@rtd/tenancy';
import { TargetInput, TargetPreviewObject } from './dto/objective.types';
import { ObjectivesRepository } from './objectives.repository';
import { ObjectivesService } from './objectives.service';
import { explainExclusions } from './target-explanation';

const byName = (a: { name: string; istatCode: string }, b: { name: string; istatCode: string }) =>
  a.name.localeCompare(b.name, 'it') || a.istatCode.localeCompare(b.istatCode);

/**
 * The objective editor's preview of a target: the members it would reach now (selected by the
 * fan-out's own SQL, lines' kinds of body and population bands included), those it leaves out with
 * the reasons, and the lines' conditions no data decides.
 */
@Injectable()
export class TargetPreviewService {
  constructor(
    private readonly objectives: ObjectivesService,
    private readonly repository: ObjectivesRepository,
    private readonly tenancy: TenancyService,
  ) {}

  async preview(
    ctx: RequestContext,
    consortiumId: string,
    input: TargetInput,
    lineCodes: string[] | null,
    edition: string | null,
  ): Promise<TargetPreviewObject> {
    const id = await this.objectives.authorizeCreate(ctx, consortiumId);
    const db = await ctx.db();
    let lines: LineRow[] = [];
    if (lineCodes && lineCodes.length > 0) {
      if (!edition) throw badInput('edition', "obbligatoria quando si indicano le linee d'azione");
      lines = await this.objectives.linesOf(db, edition, lineCodes, id);
    } else if (edition && !(await editionExists(db, edition))) {
      throw badInput('edition', `edizione «${echo(edition)}» inesistente`);
    }
    const target = await this.objectives.target(ctx, id, input, lines);
    const reached = await this.repository.targetedMembers(
      db,
      id,
      target,
      lines.map((line) => line.id),
    );
    const excluded = explainExclusions(
      await this.repository.membersFacts(db, id),
      new Set(reached),
      lines,
      input,
    );
    const [comuni, excludedComuni] = await Promise.all([
      Promise.all(reached.map((memberId) => this.tenancy.getComune(ctx, memberId))),
      Promise.all(
        excluded.map(async (e) => ({
          comune: await this.tenancy.getComune(ctx, e.member.id),
          reasons: e.reasons,
        })),
      ),
    ]);
    comuni.sort(byName);
    excludedComuni.sort((a, b) => byName(a.comune, b.comune));
    return {
      count: comuni.length,
      comuni,
      excluded: excludedComuni,
      conditions: lines.flatMap((line) => line.conditions.map((text) => ({ lineCode: line.code, text }))),
    };
  }
}
