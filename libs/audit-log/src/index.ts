export * from './audit-log.module';
export * from './audit-log.service';
export * from './dto/audit-entry.object';
export * from './tables';
