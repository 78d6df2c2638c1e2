import { Global, Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail';

/**
 * Writing the audit trail: AuditTrail, global, since every domain records its changes in the
 * change's own transaction. The bottom of the graph: it imports no domain. Reading the trail (the
 * `auditLog` query, which names municipalities and people) is libs/audit-log, above tenancy.
 */
@Global()
@Module({
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
