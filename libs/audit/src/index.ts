// audit-trail first: other domains' services import AuditTrail while this module may still be loading.
export * from './audit-trail';
export * from './audit.module';
export * from './audit-log.service';
export * from './dto/audit-entry.object';
export * from './tables';
export * from './personal-data';
