import { Module } from '@nestjs/common';
import { AuditModule } from '@rtd/audit';
import { ObjectivesModule } from '@rtd/objectives';
import { IndicatorsService } from './indicators.service';
import { PlanRepository } from './plan.repository';
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
    PlanService,
    IndicatorsService,
    PianoVersionResolver,
    PianoInterventoResolver,
    PianoIndicatorResolver,
    AssignmentPianoResolver,
  ],
  exports: [PlanService, IndicatorsService, PlanRepository],
})
export class PlanModule {}
