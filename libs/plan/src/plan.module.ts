import { Module } from '@nestjs/common';
import { AuditModule } from '@rtd/audit';
import { ObjectivesModule } from '@rtd/objectives';
import { IndicatorsService } from './indicators.service';
import { IndicatorRepository } from './indicator.repository';
import { PlanRepository } from './plan.repository';
import { PlanReadsService } from './plan-reads.service';
import {
  AssignmentPianoResolver,
  PianoIndicatorResolver,
  PianoInterventoResolver,
  PianoVersionResolver,
} from './plan.resolver';
import { PlanService } from './plan.service';

@Module({
  imports: [AuditModule, ObjectivesModule],
  providers: [
    PlanRepository,
    IndicatorRepository,
    PlanService,
    PlanReadsService,
    IndicatorsService,
    PianoVersionResolver,
    PianoInterventoResolver,
    PianoIndicatorResolver,
    AssignmentPianoResolver,
  ],
  exports: [PlanService, PlanReadsService, IndicatorsService, PlanRepository],
})
export class PlanModule {}
