import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import {
  editionExists,
  linesByIds,
  currentEditionFrom,
  dueDateOf,
  FollowedLine,
  followToEdition,
  LineRow,
} from '@rtd/catalog';
import {
  actorSubject,
  badInput,
  conflict,
  DomainError,
  echo,
  RequestContext,
  requestLoader,
} from '@rtd/kernel';
import { EntityManager } from 'typeorm';
import { CarryForwardPreviewObject, SharedObjectiveObject } from './dto/objective.types';
import { ObjectiveRow, ObjectivesRepository } from './objectives.repository';
import { ObjectivesService, toObjectiveObject } from './objectives.service';
import { LineBand, normaliseTarget, ownTarget, StoredTarget } from './target';

interface CarryPlan {
  objective: ObjectiveRow;
  toEdition: string;
  followed: FollowedLine[];
  /** The successor lines, each once, in the order of the objective's lines. */
  successors: LineRow[];
}

/** The office's own target on the new lines; where its population filter contradicts their band, the lines decide. */
function carriedTarget(
  stored: StoredTarget,
  oldLines: readonly LineBand[],
  newLines: readonly LineBand[],
): StoredTarget {
  const own = ownTarget(stored, oldLines);
  try {
    return normaliseTarget(own, newLines);
  } catch {
    const all = !(own.comuneIds || own.provinceCodes);
    return normaliseTarget({ ...own, all, minPopulation: null, maxPopulation: null }, newLines);
  }
}

/**
 * Carrying an objective forward: a new draft on the successor lines of its lines in a later
 * edition (the current one unless told), linked to the old objective, which keeps its state,
 * assignments and history. The line-to-line mapping of the catalogue decides the successors.
 */
@Injectable()
export class CarryForwardService {
  constructor(
    private readonly objectives: ObjectivesService,
    private readonly repository: ObjectivesRepository,
    private readonly audit: AuditTrail,
  ) {}

  private async plan(ctx: RequestContext, id: string, toEdition: string | null): Promise<CarryPlan> {
    const objective = await this.objectives.authorized(ctx, id, 'read');
    await this.objectives.authorizeCreate(ctx, objective.consortiumId);
    const db = await ctx.db();
    const edition = toEdition?.trim() || (await currentEditionFrom(db, objective.editionCode));
    if (!(await editionExists(db, edition)))
      throw badInput('toEdition', `edizione «${echo(edition)}» inesistente`);
    if (edition === objective.editionCode) {
      throw toEdition
        ? badInput('toEdition', "è già l'edizione dell'obiettivo")
        : conflict(`L'obiettivo è già sull'edizione ${edition}: nessuna edizione più recente la sostituisce`);
    }
    const lineIds = (await this.repository.lineIdsOf(db, [objective.id])).get(objective.id) ?? [];
    const followed = await followToEdition(db, lineIds, edition);
    const order = [...new Set(followed.flatMap((f) => f.lineIds))];
    const rows = await linesByIds(db, order);
    const successors = order
      .map((lineId) => rows.find((row) => row.id === lineId))
      .filter(
        (row): row is LineRow =>
          row !== undefined && (!row.isLocal || row.ownerConsortiumId === objective.consortiumId),
      );
    return { objective, toEdition: edition, followed, successors };
  }

  /** The objective if the caller may read it, else null (a link to it is simply not shown). */
  async findReadable(ctx: RequestContext, id: string): Promise<SharedObjectiveObject | null> {
    try {
      return await this.objectives.get(ctx, id);
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'))
        return null;
      throw error;
    }
  }

  /** The objectives carried forward from this one that the caller may read. */
  async carriedTo(ctx: RequestContext, objectiveId: string): Promise<SharedObjectiveObject[]> {
    const rows = await requestLoader(
      ctx,
      'objectives.carriedTo',
      (db, ids: readonly string[]) => this.repository.carriedFrom(db, ids),
      [] as ObjectiveRow[],
    ).load(objectiveId);
    const readable = await Promise.all(rows.map((row) => this.findReadable(ctx, row.id)));
    return readable.filter((o): o is SharedObjectiveObject => o !== null);
  }

  async preview(
    ctx: RequestContext,
    id: string,
    toEdition: string | null,
  ): Promise<CarryForwardPreviewObject> {
    const plan = await this.plan(ctx, id, toEdition);
    return {
      toEdition: plan.toEdition,
      successorCount: plan.successors.length,
      lines: plan.followed.map((f) => ({
        fromLineId: f.lineId,
        toLineIds: f.lineIds.filter((lineId) => plan.successors.some((s) => s.id === lineId)),
        droppedNote:
          f.lineIds.length === 0
            ? (f.dropped?.note ?? `nessuna corrispondenza nell'edizione ${plan.toEdition}`)
            : null,
      })),
    };
  }

  async carryForward(
    ctx: RequestContext,
    id: string,
    toEdition: string | null,
  ): Promise<SharedObjectiveObject> {
    const plan = await this.plan(ctx, id, toEdition);
    const { objective, successors } = plan;
    if (successors.length === 0) {
      throw conflict(
        `Nessuna linea di «${objective.title}» ha un seguito nell'edizione ${plan.toEdition}: ${plan.followed
          .map((f) => f.dropped?.note)
          .filter(Boolean)
          .join(' ')}`.trim(),
      );
    }
    return ctx.atomically(async (db) => this.write(db, ctx, plan));
  }

  private async write(
    db: EntityManager,
    ctx: RequestContext,
    plan: CarryPlan,
  ): Promise<SharedObjectiveObject> {
    const { objective, successors } = plan;
    const oldLines = await linesByIds(
      db,
      plan.followed.map((f) => f.lineId),
    );
    const target = carriedTarget(objective.target, oldLines, successors);
    const dueDates = successors
      .map(dueDateOf)
      .filter((d): d is string => d !== null)
      .sort();
    const row = await this.repository.insert(
      db,
      {
        consortiumId: objective.consortiumId,
        title: objective.title,
        description: objective.description,
        editionCode: plan.toEdition,
        dueDate: dueDates[0] ?? null,
        target,
        carriedFromId: objective.id,
      },
      actorSubject(ctx.actor),
    );
    await this.repository.replaceLines(
      db,
      row,
      successors.map((line) => line.id),
    );
    const mapping = Object.fromEntries(
      plan.followed.map((f) => [
        oldLines.find((l) => l.id === f.lineId)?.code ?? f.lineId,
        successors.filter((s) => f.lineIds.includes(s.id)).map((s) => s.code),
      ]),
    );
    const details = {
      from: objective.id,
      to: row.id,
      fromEdition: objective.editionCode,
      toEdition: plan.toEdition,
      mapping,
    };
    await this.audit.record(db, ctx, {
      action: 'objective.carryForward',
      entityType: 'SharedObjective',
      entityId: row.id,
      consortiumId: row.consortiumId,
      details,
    });
    await this.audit.record(db, ctx, {
      action: 'objective.carriedForward',
      entityType: 'SharedObjective',
      entityId: objective.id,
      consortiumId: objective.consortiumId,
      details,
    });
    return toObjectiveObject(row);
  }
}
