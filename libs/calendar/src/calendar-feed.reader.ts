import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assignmentDeadlines } from '@rtd/assignments';
import { GrantedRole, JobContext } from '@rtd/authz';
import { activeMembershipsOf, grantedRoles } from '@rtd/identity';
import { APP_CONFIG, APP_DATA_SOURCE, withDbSession } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { objectiveDeadlines } from '@rtd/objectives';
import { calendarDocument, FeedEntries } from './calendar-document';
import { FEED_TOKEN, feedTokenHash } from './calendar-token';
import { CalendarFeedOwner, CalendarRepository } from './calendar.repository';

/** The subject of the one lookup made before the feed's owner is known. */
const LOOKUP_SUBJECT = 'system:calendar-feed';

/**
 * A feed read by its secret URL, without login (calendar applications cannot log in). The token
 * names a person (app_calendar_feed_person); their active memberships are read as themselves;
 * then, for each consortium they hold a role in, the deadlines are read under the narrow context
 * a job acting for them has there (JobContext.forRequester: their roles in that consortium, never
 * an administrator's), and the events of every consortium are put in one calendar.
 */
@Injectable()
export class CalendarFeedReader {
  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: CalendarRepository,
  ) {}

  /** The feed's iCalendar text, or null for a token that opens nothing (never why). */
  async read(token: string): Promise<string | null> {
    if (!FEED_TOKEN.test(token)) return null;
    const hash = feedTokenHash(token);
    const owner = await withDbSession(this.dataSource, { 'app.subject': LOOKUP_SUBJECT }, async (session) =>
      this.repository.ownerOf(await session.manager(), hash),
    );
    if (!owner) return null;
    const grants = await this.grantsOf(owner);
    const entries: FeedEntries = { assignments: [], objectives: [] };
    const consortia = [...new Set(grants.flatMap((g) => (g.consortiumId ? [g.consortiumId] : [])))].sort();
    for (const consortiumId of consortia) {
      const mine = grants.filter((g) => g.consortiumId === consortiumId);
      const ids = (role: GrantedRole['role']) =>
        mine.filter((g) => g.role === role && g.comuneId).map((g) => g.comuneId as string);
      const office = mine.some((g) => g.role === 'CONSORTIUM_RTD' || g.role === 'CONSORTIUM_STAFF');
      const referentComuni = ids('COMUNE_REFERENT');
      const delegateComuni = ids('COMUNE_DELEGATE');
      if (!office && referentComuni.length === 0 && delegateComuni.length === 0) continue;
      const context = JobContext.forRequester(
        this.dataSource,
        { subject: owner.subject ?? `person:${owner.personId}`, personId: owner.personId },
        consortiumId,
        grants,
      );
      await context.run(async (ctx) => {
        const db = await ctx.db();
        if (referentComuni.length > 0 || delegateComuni.length > 0)
          entries.assignments.push(
            ...(await assignmentDeadlines(db, {
              consortiumId,
              comuneIds: referentComuni,
              delegatePersonId: owner.personId,
              delegateComuneIds: delegateComuni,
            })),
          );
        if (office) entries.objectives.push(...(await objectiveDeadlines(db, consortiumId)));
      });
    }
    return calendarDocument(entries, this.config.publicUrl);
  }

  /** The owner's active roles, read as themselves (a revoked one is gone at once). */
  private grantsOf(owner: CalendarFeedOwner): Promise<GrantedRole[]> {
    const settings = {
      'app.subject': owner.subject ?? `person:${owner.personId}`,
      'app.person_id': owner.personId,
      'app.fiscal_code': owner.fiscalCode,
    };
    return withDbSession(this.dataSource, settings, async (session) =>
      grantedRoles(await activeMembershipsOf(await session.manager(), { personId: owner.personId })),
    );
  }
}
