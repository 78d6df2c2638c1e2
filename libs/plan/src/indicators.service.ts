import { Injectable } from '@nestjs/common';
import { authorize, callerAccess } from '@rtd/authz';
import {
  actorSubject,
  badInput,
  conflict,
  groupBy,
  masculine,
  notFound,
  parseId,
  RequestContext,
  requestLoader,
} from '@rtd/kernel';
import {
  IndicatorInput,
  IndicatorPeriodObject,
  IndicatorValueObject,
  PianoIndicatorObject,
  RecordIndicatorValueInput,
} from './dto/plan.types';
import {
  aggregate,
  checkPeriod,
  checkValue,
  EMPTY_INDICATOR,
  mergeIndicator,
  onTarget,
  PIANO_LIMITS,
} from './plan-rules';
import { IndicatorRepository } from './indicator.repository';
import { IndicatorRow, PlanRepository, ValueRow, VersionRow } from './plan.repository';
import { PlanService } from './plan.service';

const INDICATORE = masculine('Indicatore');

export const toIndicatorObject = (row: IndicatorRow): PianoIndicatorObject => ({
  ...(row as unknown as PianoIndicatorObject),
  targets: row.targets ?? [],
});

const toValueObject = (row: ValueRow): IndicatorValueObject => ({
  id: row.id,
  period: row.period,
  value: row.value,
  comuneId: row.comuneId,
  comuneName: row.comuneName,
  note: row.note,
  recordedAt: row.recordedAt,
  recordedBy: row.recordedBy,
});

/**
 * Indicators of the schede and their values per period: written in a DRAFT by the office; values
 * recorded at any time (monitoring goes on after approval) by the office, or by each comune's
 * referent for its comune, append-only; aggregated per period against the year's target.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly repository: PlanRepository,
    private readonly indicatorRows: IndicatorRepository,
    private readonly plan: PlanService,
  ) {}

  async ofIntervento(ctx: RequestContext, interventoId: string): Promise<PianoIndicatorObject[]> {
    const loader = requestLoader(
      ctx,
      'plan.indicators',
      async (db, ids: readonly string[]) =>
        groupBy(await this.indicatorRows.indicators(db, ids), (x) => x.interventoId),
      [] as IndicatorRow[],
    );
    return (await loader.load(interventoId)).map(toIndicatorObject);
  }

  async get(ctx: RequestContext, id: string): Promise<{ row: IndicatorRow; version: VersionRow }> {
    const row = await this.indicatorRows.indicator(await ctx.db(), parseId('indicatorId', id));
    if (!row) throw notFound(INDICATORE);
    const version = await this.plan.authorizedVersion(ctx, row.versionId, 'read', INDICATORE);
    return { row, version };
  }

  async create(
    ctx: RequestContext,
    interventoId: string,
    input: IndicatorInput,
  ): Promise<PianoIndicatorObject> {
    const { row: intervento, version } = await this.plan.authorizedIntervento(
      ctx,
      parseId('interventoId', interventoId),
      'update',
    );
    const fields = mergeIndicator(EMPTY_INDICATOR, input);
    return ctx.atomically(async (db) => {
      if ((await this.indicatorRows.indicators(db, [intervento.id])).length >= PIANO_LIMITS.indicators)
        throw conflict(`La scheda ha già ${PIANO_LIMITS.indicators} indicatori: il massimo`);
      const row = await this.indicatorRows.insertIndicator(db, intervento, fields);
      await this.plan.record(db, ctx, version, 'PianoIndicator', row.id, 'piano.indicator.create', {
        intervento: intervento.code,
        name: row.name,
      });
      return toIndicatorObject(row);
    });
  }

  async update(ctx: RequestContext, id: string, input: IndicatorInput): Promise<PianoIndicatorObject> {
    const { row: current, version } = await this.editable(ctx, id);
    const fields = mergeIndicator(current, input);
    return ctx.atomically(async (db) => {
      const row = await this.indicatorRows.updateIndicator(db, current, fields);
      await this.plan.record(db, ctx, version, 'PianoIndicator', row.id, 'piano.indicator.update', {
        name: row.name,
        ...input,
      });
      return toIndicatorObject(row);
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<boolean> {
    const { row, version } = await this.editable(ctx, id);
    return ctx.atomically(async (db) => {
      await this.indicatorRows.deleteIndicator(db, row);
      await this.plan.record(db, ctx, version, 'PianoIndicator', row.id, 'piano.indicator.delete', {
        name: row.name,
      });
      return true;
    });
  }

  /** The indicator and its version, when the caller may change it (a draft, RTD or staff). */
  private async editable(
    ctx: RequestContext,
    id: string,
  ): Promise<{ row: IndicatorRow; version: VersionRow }> {
    const { row } = await this.get(ctx, id);
    const { version } = await this.plan.authorizedIntervento(ctx, row.interventoId, 'update');
    return { row, version };
  }

  /** A value for one period: the office's, or a comune's (by its referent or the office). */
  async record(ctx: RequestContext, input: RecordIndicatorValueInput): Promise<IndicatorValueObject> {
    const { row, version } = await this.get(ctx, input.indicatorId);
    const comuneId = input.comuneId ? parseId('comuneId', input.comuneId) : null;
    const { ability } = await callerAccess(ctx);
    authorize(
      ability,
      'report',
      'PianoIndicatorValue',
      { consortiumId: row.consortiumId, comuneId },
      INDICATORE,
    );
    if (row.measuredBy === 'COMUNE' && !comuneId)
      throw badInput('comuneId', 'indicatore misurato da ciascun Comune: indica il Comune');
    if (row.measuredBy === 'OFFICE' && comuneId)
      throw badInput('comuneId', "indicatore misurato dall'ufficio associato: non si indica un Comune");
    const period = checkPeriod(row.frequency, input.period);
    const value = checkValue('value', row.kind, input.value);
    const note = input.note?.trim() || null;
    if (note && note.length > 2000) throw badInput('note', 'al massimo 2.000 caratteri');
    return ctx.atomically(async (db) => {
      if (comuneId) {
        const names = await this.repository.memberNames(db, row.consortiumId, [comuneId]);
        if (!names.has(comuneId)) throw badInput('comuneId', 'non è un Comune del consorzio');
      }
      const id = await this.indicatorRows.insertValue(
        db,
        { consortiumId: row.consortiumId, lineageId: row.lineageId, comuneId, period, value, note },
        actorSubject(ctx.actor),
      );
      await this.plan.record(db, ctx, version, 'PianoIndicator', row.id, 'piano.indicator.value', {
        name: row.name,
        period,
        value,
        comuneId,
      });
      const [saved] = (
        await this.indicatorRows.values(db, row.consortiumId, [row.lineageId], false, comuneId)
      ).filter((v) => v.id === id);
      if (!saved) throw conflict('Valore non registrato');
      return toValueObject(saved);
    });
  }

  /** Current values (newest of each period and comune), or the whole history, newest first. */
  async values(
    ctx: RequestContext,
    indicator: PianoIndicatorObject,
    history: boolean,
    comuneId: string | null,
  ): Promise<IndicatorValueObject[]> {
    const rows = await this.indicatorRows.values(
      await ctx.db(),
      indicator.consortiumId,
      [indicator.lineageId],
      !history,
      comuneId ? parseId('comuneId', comuneId) : null,
    );
    return rows.map(toValueObject);
  }

  /** The consortium's value per period (sum, mean or share of "sì") against the year's target. */
  async periods(ctx: RequestContext, indicator: PianoIndicatorObject): Promise<IndicatorPeriodObject[]> {
    const rows = await this.indicatorRows.values(
      await ctx.db(),
      indicator.consortiumId,
      [indicator.lineageId],
      true,
    );
    return periodsOf(indicator, rows);
  }
}

export function periodsOf(
  indicator: Pick<PianoIndicatorObject, 'aggregation' | 'direction' | 'targets'>,
  rows: Pick<ValueRow, 'period' | 'value'>[],
): IndicatorPeriodObject[] {
  const byPeriod = groupBy(rows, (r) => r.period);
  return [...byPeriod.keys()]
    .sort()
    .slice(-PIANO_LIMITS.periods)
    .map((period) => {
      const values = byPeriod.get(period)!.map((r) => r.value);
      const value = aggregate(indicator.aggregation, values);
      const year = Number(period.slice(0, 4));
      const target = indicator.targets.find((t) => t.year === year)?.value ?? null;
      return {
        period,
        value,
        count: values.length,
        target,
        onTarget: onTarget(indicator.direction, value, target),
      };
    });
}
