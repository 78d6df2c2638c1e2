import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorize, callerAccess, on } from '@rtd/authz';
import { actorSubject, badInput, feminine, notFound, parseId, RequestContext } from '@rtd/kernel';
import { ExportData } from '../export-data';
import { SchedaNarrativeRepository } from './scheda-narrative.repository';
import { ComuneStateOfTheArtObject, SetComuneStateOfTheArtInput } from './scheda-narrative.types';

/** At most (scheda_narrative's check). */
export const MAX_NARRATIVE = 4000;

const NARRATIVE = feminine('Descrizione dello stato dell’arte');

/**
 * The «Breve descrizione dello stato dell'arte» of each comune's scheda: read by whoever may
 * export the comune's scheda (the office, the comune's people), written by the consortium's RTD
 * and staff, with an audit entry in the same transaction.
 */
@Injectable()
export class SchedaNarrativeService {
  constructor(
    private readonly data: ExportData,
    private readonly repository: SchedaNarrativeRepository,
    private readonly audit: AuditTrail,
  ) {}

  async get(ctx: RequestContext, comuneId: string): Promise<ComuneStateOfTheArtObject> {
    const { consortiumId, comuneId: id } = await this.scope(ctx, comuneId);
    const { ability } = await callerAccess(ctx);
    authorize(ability, 'read', 'SchedaNarrative', { consortiumId, comuneId: id }, NARRATIVE);
    const row = await this.repository.find(await ctx.db(), consortiumId, id);
    return {
      comuneId: id,
      text: row?.text || null,
      updatedAt: row?.updatedAt ?? null,
      canEdit: ability.can('update', on('SchedaNarrative', { consortiumId, comuneId: id })),
    };
  }

  async set(ctx: RequestContext, input: SetComuneStateOfTheArtInput): Promise<ComuneStateOfTheArtObject> {
    const { consortiumId, comuneId } = await this.scope(ctx, input.comuneId);
    const { ability } = await callerAccess(ctx);
    authorize(ability, 'update', 'SchedaNarrative', { consortiumId, comuneId }, NARRATIVE);
    const text = (input.text ?? '').replace(/\r\n/g, '\n').trim();
    if (text.length > MAX_NARRATIVE) throw badInput('text', `al massimo ${MAX_NARRATIVE} caratteri`);
    const saved = await ctx.atomically(async (db) => {
      const row = await this.repository.save(db, {
        consortiumId,
        comuneId,
        text,
        updatedBy: actorSubject(ctx.actor),
      });
      await this.audit.record(db, ctx, {
        action: 'scheda.narrative',
        entityType: 'SchedaNarrative',
        entityId: comuneId,
        consortiumId,
        comuneId,
        details: { length: text.length },
      });
      return row;
    });
    return { comuneId, text: saved.text || null, updatedAt: saved.updatedAt, canEdit: true };
  }

  /** The comune (NOT_FOUND unless the caller sees it) and its consortium (NOT_FOUND without one). */
  private async scope(ctx: RequestContext, comuneId: string) {
    const comune = await this.data.comune(ctx, parseId('comuneId', comuneId));
    const consortiumId = await this.data.consortiumIdOf(ctx, comune.id);
    if (!consortiumId) throw notFound(NARRATIVE);
    return { consortiumId, comuneId: comune.id };
  }
}
