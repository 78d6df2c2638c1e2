import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorize, callerAccess } from '@rtd/authz';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, conflict, forbidden, masculine, RequestContext } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { feedToken, feedTokenHash, newNonce } from './calendar-token';
import { CalendarFeedRow, CalendarRepository } from './calendar.repository';
import { CalendarFeedObject } from './dto/calendar-feed.object';

const FEED = masculine('Calendario');

/**
 * The caller's own calendar feed: its secret URL (created on first ask) and its replacement.
 * Reading the feed itself, without login, is CalendarFeedReader's.
 */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: CalendarRepository,
    private readonly audit: AuditTrail,
  ) {}

  async feed(ctx: RequestContext): Promise<CalendarFeedObject> {
    const personId = await this.person(ctx, 'read');
    const db = await ctx.db();
    const current = (await this.repository.feedOf(db, personId)) ?? (await this.create(db, personId));
    if (this.hashOf(personId, current.nonce).equals(current.tokenHash)) return this.toObject(current);
    // The server's link key changed since (DOWNLOAD_LINK_SECRET): the stored hash no longer matches
    // any URL we can show, so the feed gets a new one.
    return this.regenerate(ctx, 'key-changed');
  }

  async regenerate(
    ctx: RequestContext,
    reason: 'asked' | 'key-changed' = 'asked',
  ): Promise<CalendarFeedObject> {
    const personId = await this.person(ctx, 'update');
    return ctx.atomically(async (db) => {
      const nonce = newNonce();
      const hash = this.hashOf(personId, nonce);
      const row =
        (await this.repository.replace(db, personId, nonce, hash)) ??
        (await this.repository.insert(db, personId, nonce, hash));
      if (!row) throw conflict('Calendario modificato nel frattempo: riprovare');
      await this.audit.record(db, ctx, {
        action: 'calendar.regenerate',
        entityType: 'CalendarFeed',
        entityId: personId,
        consortiumId: null,
        details: { reason },
      });
      return this.toObject(row);
    });
  }

  private async create(db: EntityManager, personId: string): Promise<CalendarFeedRow> {
    const nonce = newNonce();
    const created = await this.repository.insert(db, personId, nonce, this.hashOf(personId, nonce));
    const row = created ?? (await this.repository.feedOf(db, personId));
    if (!row) throw conflict('Calendario modificato nel frattempo: riprovare');
    return row;
  }

  /** The caller's person id: a calendar is a person's (a machine client has none). */
  private async person(ctx: RequestContext, action: 'read' | 'update'): Promise<string> {
    const access = await callerAccess(ctx);
    const personId = access.scope.personId;
    if (!personId || ctx.actor.kind !== 'person')
      throw forbidden('Il calendario è personale: solo una persona ne ha uno');
    authorize(access.ability, action, 'CalendarFeed', { personId }, FEED);
    return personId;
  }

  private hashOf(personId: string, nonce: Buffer): Buffer {
    return feedTokenHash(feedToken(this.config.downloadLinkSecret, personId, nonce));
  }

  private toObject(row: CalendarFeedRow): CalendarFeedObject {
    const token = feedToken(this.config.downloadLinkSecret, row.personId, row.nonce);
    return {
      url: `${this.config.publicUrl}/calendar/${token}.ics`,
      createdAt: row.createdAt,
      regeneratedAt: row.regeneratedAt,
    };
  }
}
