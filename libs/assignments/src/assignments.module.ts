import { AssignmentListService } from './assignment-list.service';
import { PushRunAssignmentsService } from './push-run-assignments';
import { AssignmentRelations } from './assignment-relations.service';
import { Module } from '@nestjs/common';
import { ObjectivesModule } from '@rtd/objectives';
import { TenancyModule } from '@rtd/tenancy';
import { AssignmentResolver, EvidenceResolver, StatusEventResolver } from './assignments.resolver';
import { AssignmentRemindersRepository } from './assignment-reminders.repository';
import { AssignmentRemindersResolver } from './assignment-reminders.resolver';
import { AssignmentRemindersService } from './assignment-reminders.service';
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
    AssignmentListService,
    PushRunAssignmentsService,
    AssignmentRelations,
    AssignmentResolver,
    AssignmentRemindersRepository,
    AssignmentRemindersService,
    AssignmentRemindersResolver,
    EvidenceResolver,
    StatusEventResolver,
    EvidenceRepository,
    EvidenceService,
    { provide: EVIDENCE_STORAGE, useClass: PostgresEvidenceStorage },
  ],
  exports: [
    AssignmentsService,
    AssignmentListService,
    PushRunAssignmentsService,
    AssignmentRelations,
    AssignmentsRepository,
    EvidenceService,
  ],
})
export class AssignmentsModule {}
