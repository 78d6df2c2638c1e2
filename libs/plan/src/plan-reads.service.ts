import { Injectable } from '@nestjs/common';
import { callerAccess } from '@rtd/authz';
import { groupBy, RequestContext, requestLoader } from '@rtd/kernel';
import {
  PianoCoverageObject,
  PianoInterventoObject,
  PianoLineRefObject,
  PianoVersionObject,
} from './dto/plan.types';
import { InterventoRow, PlanRepository } from './plan.repository';
import { subject, toInterventoObject } from './plan.mapping';

/** What the Piano's pages read beside the schede: their lines, comuni, coverage of an edition, and the schede of an objective. */
@Injectable()
export class PlanReadsService {
  constructor(private readonly repository: PlanRepository) {}

  async lines(ctx: RequestContext, interventoId: string): Promise<PianoLineRefObject[]> {
    const loader = requestLoader(
      ctx,
      'plan.lines',
      async (db, ids: readonly string[]) =>
        groupBy(await this.repository.linesOf(db, ids), (l) => l.interventoId),
      [] as PianoLineRefObject[],
    );
    return loader.load(interventoId);
  }

  /** Names of the member comuni in a scheda's scope. */
  async comuni(
    ctx: RequestContext,
    intervento: PianoInterventoObject,
  ): Promise<{ id: string; name: string }[]> {
    if (!intervento.comuneIds?.length) return [];
    const names = await this.repository.memberNames(
      await ctx.db(),
      intervento.consortiumId,
      intervento.comuneIds,
    );
    return intervento.comuneIds.filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! }));
  }

  /**
   * Which of the edition's lines addressed to comuni the version's schede serve, and which none
   * does: directly (the scheda is linked to the line) or through the catalogue's line-to-line
   * mapping (linked to its predecessor or successor in the adjacent edition).
   */
  async coverage(
    ctx: RequestContext,
    version: PianoVersionObject,
    edition: string,
  ): Promise<PianoCoverageObject> {
    const db = await ctx.db();
    const schede = await this.repository.interventi(db, version.consortiumId, version.id);
    const active = schede.filter((s) => s.horizon !== 'REMOVED').map((s) => s.id);
    const links = await this.repository.linesOf(db, active);
    const mapped = groupBy(await this.repository.mappedLinks(db, edition, active), (l) => l.code);
    const codeOf = new Map(schede.map((s) => [s.id, s.code]));
    const byLine = groupBy(
      links.filter((l) => l.edition === edition),
      (l) => l.code,
    );
    const lines = (await this.repository.comuniLines(db, edition)).map((l) => ({
      ...l,
      interventoCodes: [
        ...new Set((byLine.get(l.code) ?? []).map((x) => codeOf.get(x.interventoId)!)),
      ].sort(),
      mappedInterventoCodes: [
        ...new Set((mapped.get(l.code) ?? []).map((x) => codeOf.get(x.interventoId)!)),
      ].sort(),
    }));
    return {
      edition,
      totalLines: lines.length,
      coveredCount: lines.filter((l) => l.interventoCodes.length + l.mappedInterventoCodes.length > 0).length,
      lines,
    };
  }

  /** The schede a shared objective carries out (for the Attività page of its comuni). */
  async interventiOfObjective(ctx: RequestContext, objectiveId: string): Promise<PianoInterventoObject[]> {
    const { ability } = await callerAccess(ctx);
    const db = await ctx.db();
    const rows = await this.repository.interventiOfObjective(db, objectiveId);
    const visible: InterventoRow[] = [];
    for (const row of rows) {
      const version = await this.repository.version(db, row.versionId);
      if (version && ability.can('read', subject(version))) visible.push(row);
    }
    // One per scheda: the newest version's.
    const seen = new Set<string>();
    return visible.filter((r) => !seen.has(r.lineageId) && seen.add(r.lineageId)).map(toInterventoObject);
  }
}
