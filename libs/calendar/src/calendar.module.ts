import { Module } from '@nestjs/common';
import { AuditModule } from '@rtd/audit';
import { CalendarFeedReader } from './calendar-feed.reader';
import { CalendarRepository } from './calendar.repository';
import { CalendarResolver } from './calendar.resolver';
import { CalendarService } from './calendar.service';

/**
 * Each person's private calendar feed (issue 22, docs/calendar.md): the URL over GraphQL, the
 * feed itself (CalendarFeedReader) served by the API's /calendar route. Needs APP_CONFIG and
 * APP_DATA_SOURCE, which the application's global modules provide.
 */
@Module({
  imports: [AuditModule],
  providers: [CalendarRepository, CalendarService, CalendarFeedReader, CalendarResolver],
  exports: [CalendarService, CalendarFeedReader],
})
export class CalendarModule {}
