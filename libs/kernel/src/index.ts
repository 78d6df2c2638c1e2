export * from './config/app-config';
export * from './config/config.module';
export * from './errors';
export * from './context/actor';
export * from './context/request-context';
export * from './context/ctx.decorator';
export * from './database/pg-types';
export * from './database/data-source.factory';
export * from './database/db-session';
export * from './database/db-context';
export * from './database/where';
export * from './database/table-ownership';
export * from './pagination/connection';
export * from './pagination/pagination.objects';
export * from './graphql/date.scalar';
export * from './graphql/ids';
export * from './text/normalize';
export * from './dataloader/request-loader';
export * from './jobs/queue-names';
export * from './text/italian-names';
/**
 * @deprecated Dates live in @rtd/dates. Kept only for apps/worker's job files, which the jobs
 * change (issue 13, point 2) moves into their domains: remove at that merge.
 */
export { todayInRome } from '@rtd/dates';
export * from './tables';
