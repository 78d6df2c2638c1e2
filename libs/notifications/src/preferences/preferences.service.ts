import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { callerAccess, JobContext } from '@rtd/authz';
import { APP_DATA_SOURCE, badInput, forbidden, RequestContext } from '@rtd/kernel';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { Delivery, KIND_RULES, NOTIFICATION_KINDS, NotificationKind } from './notification-kinds';
import { NotificationPreferenceObject } from './notification-preference.types';
import { PreferencesRepository } from './preferences.repository';
import { checkUnsubscribeToken, TokenCheck } from './unsubscribe-link';

/** The system subject of the one-click unsubscribe (no login: the signed token is the right). */
export const UNSUBSCRIBE_SUBJECT = 'system:unsubscribe';

/** Each person's choices of how to receive each kind of mail (the "Notifiche" page). */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly repository: PreferencesRepository,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  private async personOf(ctx: RequestContext): Promise<string> {
    const { scope } = await callerAccess(ctx);
    if (!scope.personId) throw forbidden('Le preferenze di notifica sono delle persone, non dei client');
    return scope.personId;
  }

  /** The kinds the caller's roles receive (every kind for someone with none of those roles). */
  async list(ctx: RequestContext): Promise<NotificationPreferenceObject[]> {
    const personId = await this.personOf(ctx);
    const { scope } = await callerAccess(ctx);
    const audiences = new Set<string>();
    if (scope.managedConsortia.size > 0) audiences.add('office');
    if (scope.referentComuni.size > 0) audiences.add('referents').add('comune');
    if (scope.delegateComuni.size > 0) audiences.add('comune');
    const kinds = NOTIFICATION_KINDS.filter(
      (kind) => audiences.size === 0 || audiences.has(KIND_RULES[kind].audience),
    );
    const chosen = await this.repository.chosenBy(await ctx.db(), personId);
    return kinds.map((kind) => toObject(kind, chosen.get(kind)));
  }

  async set(
    ctx: RequestContext,
    kind: NotificationKind,
    delivery: Delivery,
  ): Promise<NotificationPreferenceObject> {
    const personId = await this.personOf(ctx);
    if (!KIND_RULES[kind].allowed.includes(delivery))
      throw badInput('delivery', `per «${KIND_RULES[kind].label}» non è disponibile questa scelta`);
    await ctx.atomically((db) => this.repository.choose(db, personId, kind, delivery));
    return toObject(kind, delivery);
  }

  /** Checks a one-click unsubscribe token (RFC 8058), without changing anything. */
  check(token: string): TokenCheck {
    return checkUnsubscribeToken(this.config.unsubscribeLinkSecret, token);
  }

  /** Turns the token's kind off for its person; the token is the only right it needs. */
  async unsubscribe(token: string): Promise<TokenCheck> {
    const check = this.check(token);
    if (!check.ok) return check;
    await JobContext.forJob(this.dataSource, UNSUBSCRIBE_SUBJECT, { consortiumId: null }).run(async (ctx) =>
      this.repository.choose(await ctx.db(), check.token.personId, check.token.kind, 'OFF'),
    );
    return check;
  }
}

function toObject(kind: NotificationKind, chosen: Delivery | undefined): NotificationPreferenceObject {
  const rules = KIND_RULES[kind];
  return {
    kind,
    label: rules.label,
    description: rules.description,
    delivery: chosen ?? rules.default,
    allowedDeliveries: [...rules.allowed],
    chosen: chosen !== undefined,
  };
}
