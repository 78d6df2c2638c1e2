import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { callerAccess, on } from '@rtd/authz';
import { actorSubject, badInput, forbidden, parseId, RequestContext, requestLoader } from '@rtd/kernel';
import { TenancyService } from '../tenancy.service';
import { ConsortiumSettingsRepository, ConsortiumSettingsRow } from './consortium-settings.repository';
import { ConsortiumSettingsObject, UpdateConsortiumSettingsInput } from './consortium-settings.types';

/**
 * The settings a consortium's RTD decides. Its office (RTD, staff, auditor) reads them; the RTD
 * alone changes them (the ability's `update` on `Consortium`, and row-level security), with an
 * audit entry in the same transaction.
 */
@Injectable()
export class ConsortiumSettingsService {
  constructor(
    private readonly repository: ConsortiumSettingsRepository,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditTrail,
  ) {}

  /** The settings, for the consortium's office (RTD, staff, auditor); null for anyone else. */
  async get(ctx: RequestContext, consortiumId: string): Promise<ConsortiumSettingsObject | null> {
    const id = parseId('consortiumId', consortiumId);
    await this.tenancy.getConsortium(ctx, id);
    const { ability, scope } = await callerAccess(ctx);
    // The consortium's office reads them (row-level security shows a comune's people no row).
    if (!scope.fullConsortia.has(id)) return null;
    const row = await this.loader(ctx).load(id);
    return {
      consortiumId: id,
      officeReportsForComuni: row?.officeReportsForComuni ?? false,
      canUpdate: ability.can('update', on('Consortium', { id })),
    };
  }

  /**
   * Whether the office of this consortium may enter the comuni's reports on their behalf. Read as
   * the caller: a caller outside the consortium's office reads no row, hence false.
   */
  async officeReportsForComuni(ctx: RequestContext, consortiumId: string): Promise<boolean> {
    return (await this.loader(ctx).load(consortiumId))?.officeReportsForComuni ?? false;
  }

  async update(ctx: RequestContext, input: UpdateConsortiumSettingsInput): Promise<ConsortiumSettingsObject> {
    const id = parseId('consortiumId', input.consortiumId);
    if (typeof input.officeReportsForComuni !== 'boolean')
      throw badInput('officeReportsForComuni', 'sì o no');
    await this.tenancy.getConsortium(ctx, id);
    const { ability } = await callerAccess(ctx);
    if (!ability.can('update', on('Consortium', { id })))
      throw forbidden('Le impostazioni del consorzio le cambia il RTD');
    await ctx.atomically(async (db) => {
      await this.repository.upsert(db, id, input.officeReportsForComuni, actorSubject(ctx.actor));
      await this.audit.record(db, ctx, {
        action: 'consortium.updateSettings',
        entityType: 'Consortium',
        entityId: id,
        consortiumId: id,
        comuneId: null,
        details: { officeReportsForComuni: input.officeReportsForComuni },
      });
    });
    this.loader(ctx).clear(id);
    return { consortiumId: id, officeReportsForComuni: input.officeReportsForComuni, canUpdate: true };
  }

  private loader(ctx: RequestContext) {
    return requestLoader(
      ctx,
      'tenancy.consortiumSettings',
      async (db, ids: readonly string[]) =>
        new Map(
          (await this.repository.byConsortia(db, ids)).map((r): [string, ConsortiumSettingsRow] => [
            r.consortiumId,
            r,
          ]),
        ),
      null as ConsortiumSettingsRow | null,
    );
  }
}
