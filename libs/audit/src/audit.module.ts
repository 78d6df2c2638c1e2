import { forwardRef, Global, Module } from '@nestjs/common';
import { TenancyModule } from '@rtd/tenancy';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';
import { AuditTrail } from './audit-trail';

/**
 * Writing the audit trail (AuditTrail, global: every domain records its changes) and reading it
 * (the `auditLog` query). Tenancy both writes entries and names their municipalities, hence forwardRef.
 */
@Global()
@Module({
  imports: [forwardRef(() => TenancyModule)],
  providers: [AuditTrail, AuditLogRepository, AuditLogService, AuditLogResolver],
  exports: [AuditTrail],
})
export class AuditModule {}
