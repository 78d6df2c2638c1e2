import { Module } from '@nestjs/common';
import { ObjectivesModule } from '@rtd/objectives';
import { TenancyModule } from '@rtd/tenancy';
import { AssignmentResolver, EvidenceResolver, StatusEventResolver } from './assignments.resolver';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';

@Module({
  imports: [ObjectivesModule, TenancyModule],
  providers: [
    AssignmentsRepository,
    AssignmentsService,
    AssignmentResolver,
    EvidenceResolver,
    StatusEventResolver,
  ],
  exports: [AssignmentsService, AssignmentsRepository],
})
export class AssignmentsModule {}
