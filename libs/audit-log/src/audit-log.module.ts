import { Module } from '@nestjs/common';
import { TenancyModule } from '@rtd/tenancy';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';

/**
 * Reading the audit trail (the `auditLog` query) for the office and the operator. It sits above
 * tenancy, whose municipalities it names; the trail itself is written by libs/audit (AuditTrail),
 * which owns the table and lets this library read it (libs/audit/src/tables.ts).
 */
@Module({
  imports: [TenancyModule],
  providers: [AuditLogRepository, AuditLogService, AuditLogResolver],
})
export class AuditLogModule {}
