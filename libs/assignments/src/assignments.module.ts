import { Module } from '@nestjs/common';
import { ObjectivesModule } from '@rtd/objectives';
import { TenancyModule } from '@rtd/tenancy';
import { AssignmentResolver, EvidenceResolver, StatusEventResolver } from './assignments.resolver';
import { AssignmentsRepository } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { EVIDENCE_STORAGE, PostgresEvidenceStorage } from './evidence-storage';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [ObjectivesModule, TenancyModule],
  providers: [
    AssignmentsRepository,
    AssignmentsService,
    AssignmentResolver,
    EvidenceResolver,
    StatusEventResolver,
    EvidenceRepository,
    EvidenceService,
    { provide: EVIDENCE_STORAGE, useClass: PostgresEvidenceStorage },
  ],
  exports: [AssignmentsService, AssignmentsRepository, EvidenceService],
})
export class AssignmentsModule {}
