import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorize, callerAccess } from '@rtd/authz';
import {
  actorSubject,
  badInput,
  conflict,
  feminine,
  groupBy,
  masculine,
  notFound,
  parseId,
  RequestContext,
} from '@rtd/kernel';
import { ObjectivesService, SharedObjectiveObject } from '@rtd/objectives';
import { EntityManager } from 'typeorm';
import {
  ApprovePianoVersionInput,
  CreatePianoVersionInput,
  InterventoInput,
  PianoInterventoObject,
  PianoVersionObject,
} from './dto/plan.types';
import { EMPTY_INTERVENTO, mergeIntervento, PIANO_LIMITS } from './plan-rules';
import { InterventoFields, InterventoRow, PlanRepository, VersionRow } from './plan.repository';
import { changedFields, subject, toInterventoObject, toVersionObject } from './plan.mapping';

export { subject, toInterventoObject, toVersionObject } from './plan.mapping';

const PIANO = masculine('Piano');
const SCHEDA = feminine('Scheda intervento');
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

const FROZEN =
  'Versione del Piano già approvata: non si modifica più. Per aggiornarla, crea una nuova versione';

/**
 * The consortium's own Piano: versions, schede intervento and their lines. The office (RTD and
 * staff) writes a DRAFT; approval records the date and the act and freezes it; publication makes
 * it readable to the region. Every change writes its history row and audit entry in one savepoint.
 */
@Injectable()
export class PlanService {
  constructor(
    private readonly repository: PlanRepository,
    private readonly objectives: ObjectivesService,
    private readonly audit: AuditTrail,
  ) {}

  async versions(ctx: RequestContext, consortiumId: string): Promise<PianoVersionObject[]> {
    const id = parseId('consortiumId', consortiumId);
    const { ability } = await callerAccess(ctx);
    const rows = await this.repository.versions(await ctx.db(), id);
    return rows.filter((row) => ability.can('read', subject(row))).map(toVersionObject);
  }

  /** The newest version the caller reads (an observer: the newest published), or null. */
  async current(ctx: RequestContext, consortiumId: string): Promise<PianoVersionObject | null> {
    return (await this.versions(ctx, consortiumId))[0] ?? null;
  }

  async version(ctx: RequestContext, id: string): Promise<PianoVersionObject> {
    return toVersionObject(await this.authorizedVersion(ctx, parseId('id', id), 'read'));
  }

  /** The first Piano, or the yearly update: a new DRAFT copied from the newest version. */
  async createVersion(ctx: RequestContext, input: CreatePianoVersionInput): Promise<PianoVersionObject> {
    const consortiumId = parseId('consortiumId', input.consortiumId);
    const { ability } = await callerAccess(ctx);
    authorize(ability, 'create', 'Piano', { consortiumId, state: 'DRAFT' }, PIANO);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100)
      throw badInput('year', "l'anno dell'aggiornamento, per esempio 2026");
    const title =
      (input.title ?? '').trim() || `Piano triennale per la transizione al digitale ${input.year}`;
    if (title.length > 300) throw badInput('title', 'al massimo 300 caratteri');
    return ctx.atomically(async (db) => {
      const existing = await this.repository.versions(db, consortiumId);
      if (existing.some((v) => v.state === 'DRAFT'))
        throw conflict('Esiste già una bozza del Piano: modificala o approvala prima di crearne un’altra');
      const last = existing[0] ?? null;
      const row = await this.repository.insertVersion(
        db,
        { consortiumId, year: input.year, title, copiedFromId: last?.id ?? null },
        actorSubject(ctx.actor),
      );
      if (last) await this.repository.copyContent(db, consortiumId, last.id, row.id);
      await this.record(db, ctx, row, 'PianoVersion', row.id, 'piano.version.create', {
        number: row.number,
        year: row.year,
        title,
        copiedFrom: last?.number ?? null,
      });
      return toVersionObject(row);
    });
  }

  async updateVersion(
    ctx: RequestContext,
    id: string,
    input: { title?: string | null; year?: number | null },
  ): Promise<PianoVersionObject> {
    const current = await this.editableVersion(ctx, parseId('id', id));
    const title = input.title == null ? current.title : input.title.trim();
    if (!title || title.length > 300) throw badInput('title', 'obbligatorio, al massimo 300 caratteri');
    const year = input.year ?? current.year;
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw badInput('year', "l'anno dell'aggiornamento, per esempio 2026");
    return ctx.atomically(async (db) => {
      const row = await this.repository.updateVersion(db, current, { title, year });
      await this.record(db, ctx, row, 'PianoVersion', row.id, 'piano.version.update', { title, year });
      return toVersionObject(row);
    });
  }

  /** Records the mayors' approval (date and act): the version is frozen from now on. */
  async approve(
    ctx: RequestContext,
    id: string,
    input: ApprovePianoVersionInput,
  ): Promise<PianoVersionObject> {
    const versionId = parseId('id', id);
    const current = await this.authorizedVersion(ctx, versionId, 'approve');
    if (current.state !== 'DRAFT') throw conflict('Versione del Piano già approvata');
    if (!DATE.test(input.approvedOn ?? '') || Number.isNaN(Date.parse(input.approvedOn)))
      throw badInput('approvedOn', "la data dell'approvazione, AAAA-MM-GG");
    const act = (input.approvalAct ?? '').trim();
    if (act.length < 3 || act.length > 500)
      throw badInput(
        'approvalAct',
        'l’atto di approvazione, per esempio "Conferenza dei Sindaci, verbale n. 3"',
      );
    return ctx.atomically(async (db) => {
      const locked = (await this.repository.version(db, versionId, true))!;
      if (locked.state !== 'DRAFT') throw conflict('Versione del Piano già approvata');
      const schede = await this.repository.interventi(db, locked.consortiumId, locked.id);
      if (schede.length === 0)
        throw conflict('Il Piano non ha ancora schede intervento: non si approva vuoto');
      const row = await this.repository.updateVersion(db, locked, {
        state: 'APPROVED',
        approvedOn: input.approvedOn,
        approvalAct: act,
      });
      await this.record(db, ctx, row, 'PianoVersion', row.id, 'piano.version.approve', {
        approvedOn: input.approvedOn,
        approvalAct: act,
        schede: schede.length,
      });
      return toVersionObject(row);
    });
  }

  /** Publishes an approved version (Amministrazione trasparente): the region reads it from now on. */
  async publish(ctx: RequestContext, id: string): Promise<PianoVersionObject> {
    const versionId = parseId('id', id);
    const current = await this.authorizedVersion(ctx, versionId, 'publish');
    if (current.state === 'DRAFT') throw conflict('Il Piano si pubblica dopo la sua approvazione');
    if (current.state === 'PUBLISHED') throw conflict('Versione del Piano già pubblicata');
    return ctx.atomically(async (db) => {
      const row = await this.repository.updateVersion(db, current, { state: 'PUBLISHED', publish: true });
      await this.record(db, ctx, row, 'PianoVersion', row.id, 'piano.version.publish', {});
      return toVersionObject(row);
    });
  }

  async interventi(ctx: RequestContext, version: PianoVersionObject): Promise<PianoInterventoObject[]> {
    const rows = await this.repository.interventi(await ctx.db(), version.consortiumId, version.id);
    return rows.map(toInterventoObject);
  }

  async intervento(ctx: RequestContext, id: string): Promise<PianoInterventoObject> {
    const { row } = await this.authorizedIntervento(ctx, parseId('id', id), 'read');
    return toInterventoObject(row);
  }

  /** The scheda's row and its version, when the caller may `action` on that version. */
  async authorizedIntervento(
    ctx: RequestContext,
    id: string,
    action: 'read' | 'update',
  ): Promise<{ row: InterventoRow; version: VersionRow }> {
    const row = await this.repository.intervento(await ctx.db(), id);
    if (!row) throw notFound(SCHEDA);
    const version = await this.authorizedVersion(ctx, row.versionId, action, SCHEDA);
    if (action === 'update' && version.state !== 'DRAFT') throw conflict(FROZEN);
    return { row, version };
  }

  async createIntervento(
    ctx: RequestContext,
    versionId: string,
    input: InterventoInput,
  ): Promise<PianoInterventoObject> {
    const version = await this.editableVersion(ctx, parseId('versionId', versionId));
    const fields = mergeIntervento(EMPTY_INTERVENTO, input);
    return ctx.atomically(async (db) => {
      await this.checkScope(db, version.consortiumId, fields);
      await this.checkCodeFree(db, version, fields.code, null);
      if (
        (await this.repository.interventi(db, version.consortiumId, version.id)).length >=
        PIANO_LIMITS.interventi
      )
        throw conflict(`Il Piano ha già ${PIANO_LIMITS.interventi} schede: il massimo per una versione`);
      const lines = await this.checkLines(db, input.lines ?? []);
      const row = await this.repository.insertIntervento(db, version.consortiumId, version.id, fields);
      await this.repository.replaceLines(db, row, lines);
      await this.record(db, ctx, version, 'PianoIntervento', row.id, 'piano.intervento.create', {
        code: row.code,
        title: row.title,
        lines: lines.map((l) => `${l.edition}:${l.code}`),
      });
      return toInterventoObject(row);
    });
  }

  async updateIntervento(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | null,
    input: InterventoInput,
  ): Promise<PianoInterventoObject> {
    const { row: current, version } = await this.authorizedIntervento(ctx, parseId('id', id), 'update');
    if (expectedVersion != null && expectedVersion !== current.version)
      throw conflict('La scheda è stata modificata da qualcun altro: ricarica la pagina');
    const fields = mergeIntervento(current, input);
    return ctx.atomically(async (db) => {
      await this.checkScope(db, version.consortiumId, fields);
      if (fields.code !== current.code) await this.checkCodeFree(db, version, fields.code, current.id);
      const row = await this.repository.updateIntervento(db, current, fields);
      let lines: { edition: string; code: string }[] | null = null;
      if (input.lines != null) {
        lines = await this.checkLines(db, input.lines);
        await this.repository.replaceLines(db, row, lines);
      }
      await this.record(db, ctx, version, 'PianoIntervento', row.id, 'piano.intervento.update', {
        ...changedFields(current, fields),
        ...(lines ? { lines: lines.map((l) => `${l.edition}:${l.code}`) } : {}),
      });
      return toInterventoObject(row);
    });
  }

  async deleteIntervento(ctx: RequestContext, id: string): Promise<boolean> {
    const { row, version } = await this.authorizedIntervento(ctx, parseId('id', id), 'update');
    return ctx.atomically(async (db) => {
      await this.repository.deleteIntervento(db, row);
      await this.record(db, ctx, version, 'PianoIntervento', row.id, 'piano.intervento.delete', {
        code: row.code,
        title: row.title,
      });
      return true;
    });
  }

  /** The lines of a scheda (batched per request). */
  /**
   * Creates the shared objective that pushes the scheda's work to the comuni (its lines of one
   * edition, its comuni or the whole consortium), and links it to the scheda.
   */
  async createObjective(
    ctx: RequestContext,
    interventoId: string,
    input: { edition?: string | null; dueDate?: string | null },
  ): Promise<SharedObjectiveObject> {
    const { row, version } = await this.authorizedIntervento(
      ctx,
      parseId('interventoId', interventoId),
      'read',
    );
    const { ability } = await callerAccess(ctx);
    authorize(ability, 'update', 'Piano', { consortiumId: row.consortiumId, state: 'DRAFT' }, SCHEDA);
    if (row.sharedObjectiveId) throw conflict('La scheda ha già il suo obiettivo condiviso');
    const links = await this.repository.linesOf(await ctx.db(), [row.id]);
    const editions = [...new Set(links.map((l) => l.edition))];
    const edition = input.edition ?? (editions.length === 1 ? editions[0] : null);
    if (!edition)
      throw badInput(
        'edition',
        "l'edizione del Piano Triennale delle linee dell'obiettivo (la scheda ne ha più d'una)",
      );
    const lineCodes = links.filter((l) => l.edition === edition).map((l) => l.code);
    if (lineCodes.length === 0)
      throw badInput(
        'edition',
        'la scheda non ha linee del Piano Triennale in questa edizione: collegala prima a una linea',
      );
    const objective = await this.objectives.create(ctx, {
      consortiumId: row.consortiumId,
      title: `${row.code} ${row.title}`.slice(0, 200),
      description: row.description ?? row.expectedResults ?? null,
      edition,
      lineCodes,
      dueDate: input.dueDate ?? null,
      target: row.comuneIds?.length ? { comuneIds: row.comuneIds } : { all: true },
    });
    await ctx.atomically(async (db) => {
      await this.repository.linkObjective(db, row, objective.id);
      await this.record(db, ctx, version, 'PianoIntervento', row.id, 'piano.intervento.objective', {
        code: row.code,
        sharedObjectiveId: objective.id,
      });
    });
    return objective;
  }

  async history(ctx: RequestContext, version: PianoVersionObject) {
    const { ability } = await callerAccess(ctx);
    if (!ability.can('read', subject({ consortiumId: version.consortiumId, state: 'DRAFT' }))) return [];
    return this.repository.history(await ctx.db(), version.consortiumId, version.id);
  }

  /** May the caller change this version now (a DRAFT, and RTD or staff)? For the pages. */
  async canEdit(ctx: RequestContext, version: PianoVersionObject): Promise<boolean> {
    const { ability } = await callerAccess(ctx);
    return version.state === 'DRAFT' && ability.can('update', subject(version));
  }

  async authorizedVersion(
    ctx: RequestContext,
    id: string,
    action: 'read' | 'update' | 'approve' | 'publish',
    what = PIANO,
  ): Promise<VersionRow> {
    const row = await this.repository.version(await ctx.db(), id);
    if (!row) throw notFound(what);
    const { ability } = await callerAccess(ctx);
    authorize(ability, action, 'Piano', { consortiumId: row.consortiumId, state: row.state }, what);
    return row;
  }

  private async editableVersion(ctx: RequestContext, id: string): Promise<VersionRow> {
    const row = await this.authorizedVersion(ctx, id, 'update');
    if (row.state !== 'DRAFT') throw conflict(FROZEN);
    return row;
  }

  private async checkScope(db: EntityManager, consortiumId: string, fields: InterventoFields): Promise<void> {
    if (!fields.comuneIds) return;
    fields.comuneIds.forEach((id, i) => parseId(`comuneIds[${i}]`, id));
    const names = await this.repository.memberNames(db, consortiumId, fields.comuneIds);
    const missing = fields.comuneIds.findIndex((id) => !names.has(id));
    if (missing >= 0) throw badInput(`comuneIds[${missing}]`, 'non è un Comune del consorzio');
  }

  private async checkCodeFree(db: EntityManager, version: VersionRow, code: string, except: string | null) {
    const schede = await this.repository.interventi(db, version.consortiumId, version.id);
    if (schede.some((s) => s.code === code && s.id !== except))
      throw badInput('code', `il codice ${code} è già di un'altra scheda di questa versione`);
  }

  private async checkLines(
    db: EntityManager,
    lines: { edition: string; code: string }[],
  ): Promise<{ edition: string; code: string }[]> {
    if (lines.length > PIANO_LIMITS.lines) throw badInput('lines', `al massimo ${PIANO_LIMITS.lines} linee`);
    const byEdition = groupBy(lines, (l) => l.edition.trim());
    const out: { edition: string; code: string }[] = [];
    for (const [edition, group] of byEdition) {
      const codes = [...new Set(group.map((l) => l.code.trim()))];
      const found = new Set(await this.repository.existingLines(db, edition, codes));
      const missing = codes.find((c) => !found.has(c));
      if (missing)
        throw badInput('lines', `la linea ${missing} non è nell'edizione ${edition} del Piano Triennale`);
      out.push(...codes.map((code) => ({ edition, code })));
    }
    return out;
  }

  /** The history row and the audit entry of a change, in the change's savepoint. */
  async record(
    db: EntityManager,
    ctx: RequestContext,
    version: Pick<VersionRow, 'id' | 'consortiumId'>,
    entityType: string,
    entityId: string,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.repository.appendHistory(
      db,
      {
        consortiumId: version.consortiumId,
        versionId: version.id,
        entityType,
        entityId,
        action,
        changes: details,
      },
      actorSubject(ctx.actor),
    );
    await this.audit.record(db, ctx, {
      action,
      entityType,
      entityId,
      consortiumId: version.consortiumId,
      details: { ...details, pianoVersionId: version.id },
    });
  }
}
