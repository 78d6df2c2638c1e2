import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorize, callerAccess, CallerAccess, on } from '@rtd/authz';
import { LineRow, linesByIds, toPlanLineObject } from '@rtd/catalog';
import type { PlanLineObject } from '@rtd/catalog';
import {
  actorSubject,
  checkExpectedVersion,
  conflict,
  feminine,
  forbidden,
  masculine,
  notFound,
  Page,
  PageArgs,
  parseId,
  prefetch,
  RequestContext,
} from '@rtd/kernel';
import { Outbox } from '@rtd/outbox';
import { addObjectiveNotice } from './objective-notice-message';
import { PUSH_RUNS_QUEUE, PushRunJob, pushRunOutboxKey } from './jobs/push-run.payload';
import { TenancyService } from '@rtd/tenancy';
import {
  CreateSharedObjectiveInput,
  ObjectiveState,
  PushRunObject,
  SharedObjectiveObject,
  TargetInput,
  UpdateSharedObjectiveInput,
} from './dto/objective.types';
import { ObjectiveReach, ObjectiveRow, ObjectivesRepository } from './objectives.repository';
import { normaliseTarget, ownTarget } from './target';
import { refuseUnreachable } from './publish-reach';
import { checkedLines, checkedTarget, cleanDescription, cleanTitle, stale } from './objective-input';
import { toObjectiveObject, toPushRunObject } from './objective-mapping';
import { objectivePage } from './objective-list';

export { toObjectiveObject } from './objective-mapping';
import {
  countLoader,
  lineIdsLoader,
  lineLoader,
  objectiveLoader,
  primeObjectives,
  reachLoader,
} from './objective-loaders';
import type { EntityManager } from 'typeorm';

/**
 * Shared objectives: the RTD office drafts them on lines of one Piano Triennale edition,
 * targets members of its consortium, publishes (fan-out through the outbox and the worker) and
 * closes them. Every change is versioned and audited in the same transaction.
 */
@Injectable()
export class ObjectivesService {
  constructor(
    private readonly repository: ObjectivesRepository,
    private readonly tenancy: TenancyService,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async create(ctx: RequestContext, input: CreateSharedObjectiveInput): Promise<SharedObjectiveObject> {
    const consortiumId = await this.authorizeCreate(ctx, input.consortiumId);
    const title = cleanTitle(input.title);
    const description = cleanDescription(input.description ?? null);
    return ctx.atomically(async (db) => {
      const lines = await this.linesOf(db, input.edition, input.lineCodes, consortiumId);
      const target = await this.target(ctx, consortiumId, input.target, lines);
      const row = await this.repository.insert(
        db,
        {
          consortiumId,
          title,
          description,
          editionCode: input.edition,
          dueDate: input.dueDate ?? null,
          target,
        },
        actorSubject(ctx.actor),
      );
      await this.repository.replaceLines(
        db,
        row,
        lines.map((line) => line.id),
      );
      await this.audit.record(db, ctx, {
        action: 'objective.create',
        entityType: 'SharedObjective',
        entityId: row.id,
        consortiumId,
        details: { title, edition: input.edition, lineCodes: lines.map((l) => l.code), target },
      });
      return toObjectiveObject(row);
    });
  }

  async update(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    input: UpdateSharedObjectiveInput,
  ): Promise<SharedObjectiveObject> {
    const current = await this.authorized(ctx, id, 'update');
    if (current.state === 'CLOSED') throw conflict('Obiettivo chiuso: non si modifica più');
    return ctx.atomically(async (db) => {
      let lines: LineRow[] | null = null;
      if (input.lineCodes != null)
        lines = await this.linesOf(db, current.editionCode, input.lineCodes, current.consortiumId);
      const previous = await this.currentLines(db, current.id);
      const applicable = lines ?? previous;
      // New lines bring their own band: the target keeps the office's choice, not the old lines' band.
      const target =
        input.target != null
          ? await this.target(ctx, current.consortiumId, input.target, applicable)
          : lines
            ? normaliseTarget(ownTarget(current.target, previous), applicable)
            : undefined;
      const row = await this.repository.update(db, current.id, checkExpectedVersion(expectedVersion), {
        title: input.title != null ? cleanTitle(input.title) : undefined,
        description: input.description !== undefined ? cleanDescription(input.description) : undefined,
        dueDate: input.dueDate !== undefined ? input.dueDate : undefined,
        target,
      });
      if (!row) throw stale(current.version, expectedVersion);
      this.rememberWritten(ctx, row);
      if (lines)
        await this.repository.replaceLines(
          db,
          row,
          lines.map((line) => line.id),
        );
      await this.audit.record(db, ctx, {
        action: 'objective.update',
        entityType: 'SharedObjective',
        entityId: row.id,
        consortiumId: row.consortiumId,
        // What changed, before and after, so that the registro names it (an office may extend a
        // deadline of a published objective: the comuni and the auditor see from when to when).
        details: {
          changed: Object.keys(input),
          version: row.version,
          title: row.title,
          ...(row.title !== current.title ? { fromTitle: current.title } : {}),
          ...(row.dueDate !== current.dueDate
            ? { fromDueDate: current.dueDate, toDueDate: row.dueDate }
            : {}),
          ...(row.description !== current.description ? { descriptionChanged: true } : {}),
          published: current.state === 'PUBLISHED',
        },
      });
      if (current.state === 'PUBLISHED' && row.dueDate !== current.dueDate)
        await addObjectiveNotice(this.outbox, db, row, 'due-date');
      return toObjectiveObject(row);
    });
  }

  /**
   * DRAFT -> PUBLISHED, or a new push of a PUBLISHED objective to members targeted since. The
   * state change, the push run and the outbox message commit together; the worker does the rest.
   */
  async publish(ctx: RequestContext, id: string): Promise<PushRunObject> {
    const current = await this.authorized(ctx, id, 'publish');
    if (current.state === 'CLOSED') throw conflict('Obiettivo chiuso: non si pubblica più');
    await refuseUnreachable(await ctx.db(), this.repository, current);
    return ctx.atomically(async (db) => {
      let objective = current;
      if (current.state === 'DRAFT') {
        const published = await this.repository.update(db, current.id, current.version, {
          state: 'PUBLISHED',
        });
        if (!published) throw conflict('Obiettivo modificato nel frattempo: riprovare');
        objective = this.rememberWritten(ctx, published);
      }
      const run = await this.repository.insertPushRun(db, objective, actorSubject(ctx.actor));
      const job: PushRunJob = {
        pushRunId: run.id,
        objectiveId: objective.id,
        consortiumId: objective.consortiumId,
      };
      await this.outbox.add(db, {
        topic: PUSH_RUNS_QUEUE,
        payload: { ...job },
        consortiumId: objective.consortiumId,
        dedupeKey: pushRunOutboxKey(run.id),
      });
      await this.audit.record(db, ctx, {
        action: 'objective.publish',
        entityType: 'SharedObjective',
        entityId: objective.id,
        consortiumId: objective.consortiumId,
        details: {
          title: current.title,
          pushRunId: run.id,
          targeted: run.targeted,
          firstPublication: current.state === 'DRAFT',
        },
      });
      return toPushRunObject(run);
    });
  }

  async close(ctx: RequestContext, id: string, expectedVersion: number): Promise<SharedObjectiveObject> {
    const current = await this.authorized(ctx, id, 'close');
    if (current.state === 'CLOSED') throw conflict('Obiettivo già chiuso');
    return ctx.atomically(async (db) => {
      const row = await this.repository.update(db, current.id, checkExpectedVersion(expectedVersion), {
        state: 'CLOSED',
      });
      if (!row) throw stale(current.version, expectedVersion);
      this.rememberWritten(ctx, row);
      await this.audit.record(db, ctx, {
        action: 'objective.close',
        entityType: 'SharedObjective',
        entityId: row.id,
        consortiumId: row.consortiumId,
        details: { title: row.title },
      });
      if (current.state === 'PUBLISHED') await addObjectiveNotice(this.outbox, db, row, 'closed');
      return toObjectiveObject(row);
    });
  }

  /**
   * Deletes a draft that was never published, by who may update it; anything published or closed
   * has assignments or history behind it and is closed instead. Audited in the same transaction.
   */
  async delete(ctx: RequestContext, id: string, expectedVersion: number): Promise<boolean> {
    const current = await this.authorized(ctx, id, 'update');
    checkExpectedVersion(expectedVersion);
    if (current.state !== 'DRAFT' || current.publishedAt !== null) {
      throw conflict(
        current.state === 'CLOSED'
          ? 'Obiettivo chiuso: si eliminano solo le bozze mai pubblicate'
          : 'Obiettivo già pubblicato: si eliminano solo le bozze mai pubblicate (chiuderlo, invece)',
      );
    }
    return ctx.atomically(async (db) => {
      if (!(await this.repository.deleteDraft(db, current.id, expectedVersion))) {
        throw stale(current.version, expectedVersion);
      }
      objectiveLoader(this.repository, ctx).clear(current.id);
      await this.audit.record(db, ctx, {
        action: 'objective.delete',
        entityType: 'SharedObjective',
        entityId: current.id,
        consortiumId: current.consortiumId,
        details: { title: current.title, version: expectedVersion },
      });
      return true;
    });
  }

  async get(ctx: RequestContext, id: string): Promise<SharedObjectiveObject> {
    return toObjectiveObject(await this.authorized(ctx, id, 'read'));
  }

  /**
   * The objective as `get` gives it (authorized), with its `lines` answered from the request's
   * loaders without their field resolver: for a list that read them (see `remember`).
   */
  async getWithLines(ctx: RequestContext, id: string): Promise<SharedObjectiveObject> {
    return prefetch(await this.get(ctx, id), { lines: () => this.lines(ctx, id) });
  }

  list(
    ctx: RequestContext,
    consortiumId: string,
    state: ObjectiveState | null,
    args: PageArgs,
  ): Promise<Page<SharedObjectiveObject>> {
    return objectivePage(this.repository, ctx, consortiumId, state, args);
  }

  async pushRun(ctx: RequestContext, id: string): Promise<PushRunObject> {
    const runId = parseId('id', id);
    const [run] = await this.repository.pushRunsByIds(await ctx.db(), [runId]);
    if (!run) throw notFound(feminine('Esecuzione di invio'));
    const { ability } = await callerAccess(ctx);
    const subject = on('SharedObjective', {
      consortiumId: run.consortiumId,
      assignedComuneIds: [],
      delegatePersonIds: [],
    });
    if (!ability.can('read', subject)) throw notFound(feminine('Esecuzione di invio'));
    return toPushRunObject(run);
  }

  /** The objective if the caller may read it (else NOT_FOUND) and do `action` on it (else FORBIDDEN). */
  async authorized(
    ctx: RequestContext,
    id: string,
    action: 'read' | 'update' | 'publish' | 'close',
  ): Promise<ObjectiveRow> {
    const row = await objectiveLoader(this.repository, ctx).load(parseId('id', id));
    if (!row) throw notFound(masculine('Obiettivo'));
    const access = await callerAccess(ctx);
    const reach = await this.reach(ctx, access, row.id);
    authorize(
      access.ability,
      action,
      'SharedObjective',
      {
        consortiumId: row.consortiumId,
        assignedComuneIds: reach.comuneIds,
        delegatePersonIds: reach.delegatePersonIds,
      },
      masculine('Obiettivo'),
    );
    return row;
  }

  /** The consortium, if the caller may see it (else NOT_FOUND) and write objectives there (else FORBIDDEN). */
  async authorizeCreate(ctx: RequestContext, consortiumId: string): Promise<string> {
    const id = parseId('consortiumId', consortiumId);
    await this.tenancy.getConsortium(ctx, id);
    const { ability } = await callerAccess(ctx);
    const subject = on('SharedObjective', { consortiumId: id, assignedComuneIds: [], delegatePersonIds: [] });
    if (!ability.can('create', subject)) throw forbidden();
    return id;
  }

  consortiumOf(ctx: RequestContext, objective: SharedObjectiveObject) {
    return this.tenancy.findConsortium(ctx, objective.consortiumId);
  }

  objectiveOf(ctx: RequestContext, objectiveId: string): Promise<SharedObjectiveObject> {
    return this.get(ctx, objectiveId);
  }

  async lines(ctx: RequestContext, objectiveId: string): Promise<PlanLineObject[]> {
    const lineIds = await lineIdsLoader(this.repository, ctx).load(objectiveId);
    const lines = await lineLoader(ctx).loadMany(lineIds);
    return lines
      .filter((line): line is LineRow => line !== null && !(line instanceof Error))
      .map(toPlanLineObject);
  }

  /**
   * What a list read in one statement already holds of its objectives (the assignments'
   * worklist: libs/assignments/src/assignments.repository.ts): the row as the caller may see
   * it, its reach among the caller's municipalities and its lines. Later `objective { ... lines }`
   * fields of the same request are then answered, and authorized, without another round trip.
   * What the request already holds (a row it wrote) is kept.
   */
  remember(
    ctx: RequestContext,
    objectives: readonly { objective: ObjectiveRow; reach: ObjectiveReach; lines: readonly LineRow[] }[],
  ): void {
    primeObjectives(this.repository, ctx, objectives);
  }

  targetedCount(ctx: RequestContext, objectiveId: string): Promise<number> {
    return countLoader(this.repository, ctx, 'targetedCounts').load(objectiveId);
  }

  assignmentCount(ctx: RequestContext, objectiveId: string): Promise<number> {
    return countLoader(this.repository, ctx, 'assignmentCounts').load(objectiveId);
  }

  /** Later fields of the same request (`objective { state }`) must see the row as written. */
  private rememberWritten(ctx: RequestContext, row: ObjectiveRow): ObjectiveRow {
    objectiveLoader(this.repository, ctx).clear(row.id).prime(row.id, row);
    return row;
  }

  private async reach(
    ctx: RequestContext,
    access: CallerAccess,
    objectiveId: string,
  ): Promise<ObjectiveReach> {
    const comuni = [...access.scope.readableComuni, ...access.scope.delegateComuni];
    if (comuni.length === 0) return { comuneIds: [], delegatePersonIds: [] };
    return reachLoader(this.repository, ctx).load(objectiveId);
  }

  /** The lines of these codes in an edition, as the consortium may use them (BAD_USER_INPUT naming the missing ones). */
  linesOf(db: EntityManager, edition: string, codes: string[], consortiumId: string) {
    return checkedLines(db, edition, codes, consortiumId);
  }

  private async currentLines(db: EntityManager, objectiveId: string) {
    const ids = (await this.repository.lineIdsOf(db, [objectiveId])).get(objectiveId) ?? [];
    return linesByIds(db, ids);
  }

  /** A target checked and normalised with the lines' bands, its comuni checked to be members. */
  target(ctx: RequestContext, consortiumId: string, input: TargetInput, lines: readonly LineRow[]) {
    return checkedTarget(this.repository, ctx, consortiumId, input, lines);
  }
}
