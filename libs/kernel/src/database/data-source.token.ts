/**
 * The injection token of the application's pool (a TypeORM DataSource connected as `rtd_app`,
 * with its context key bound), provided by DatabaseModule in libs/platform. Declared here so that
 * a domain's jobs inject it without importing the platform, which imports domains.
 */
export const APP_DATA_SOURCE = Symbol('APP_DATA_SOURCE');

/**
 * The pool of the read replica (DATABASE_REPLICA_URL), as `rtd_app` with the same context key, or
 * null when none is configured. Provided by ReplicaDatabaseModule in libs/platform, API only.
 */
export const APP_REPLICA_DATA_SOURCE = Symbol('APP_REPLICA_DATA_SOURCE');
