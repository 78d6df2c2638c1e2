export * from './calendar.module';
export * from './calendar.service';
export * from './calendar-feed.reader';
export * from './calendar-document';
export * from './calendar-token';
export * from './dto/calendar-feed.object';
export * from './tables';
export * from './personal-data';
