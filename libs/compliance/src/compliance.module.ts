import { Module } from '@nestjs/common';
import { TenancyModule } from '@rtd/tenancy';
import { ComplianceRepository } from './compliance-read-model.repository';
import { ComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';

@Module({
  imports: [TenancyModule],
  providers: [ComplianceRepository, ComplianceService, ComplianceResolver],
  exports: [ComplianceService],
})
export class ComplianceModule {}
