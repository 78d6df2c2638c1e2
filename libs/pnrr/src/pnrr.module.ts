import { Module } from '@nestjs/common';
import { AssignmentsModule } from '@rtd/assignments';
import { ObjectivesModule } from '@rtd/objectives';
import { TenancyModule } from '@rtd/tenancy';
import { PnrrRepository } from './pnrr.repository';
import {
  AssignmentPnrrResolver,
  ComunePnrrResolver,
  ConsortiumPnrrResolver,
  PlanLinePnrrResolver,
  PnrrResolver,
} from './pnrr.resolver';
import { PnrrService } from './pnrr.service';

@Module({
  imports: [TenancyModule, AssignmentsModule, ObjectivesModule],
  providers: [
    PnrrRepository,
    PnrrService,
    PnrrResolver,
    ComunePnrrResolver,
    ConsortiumPnrrResolver,
    PlanLinePnrrResolver,
    AssignmentPnrrResolver,
  ],
  exports: [PnrrService],
})
export class PnrrModule {}
