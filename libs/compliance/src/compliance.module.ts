import { Module } from '@nestjs/common';
import { TenancyModule } from '@rtd/tenancy';
import { ComplianceRepository } from './compliance-read-model.repository';
import { ComplianceResolver } from './compliance.resolver';
import { ComplianceService } from './compliance.service';
import { ConsortiumDashboardResolver } from './dashboard/consortium-dashboard.resolver';
import { ConsortiumDashboardService } from './dashboard/consortium-dashboard.service';
import { DashboardRepository } from './dashboard/dashboard-read-model.repository';

@Module({
  imports: [TenancyModule],
  providers: [
    ComplianceRepository,
    ComplianceService,
    ComplianceResolver,
    DashboardRepository,
    ConsortiumDashboardService,
    ConsortiumDashboardResolver,
  ],
  exports: [ComplianceService, ConsortiumDashboardService],
})
export class ComplianceModule {}
