import { ReferenceAndCatalog1764000000000 } from './1764000000000-reference-and-catalog';
import { IdentityObjectivesWorkflow1764000001000 } from './1764000001000-identity-objectives-workflow';
import { RowLevelSecurity1764000002000 } from './1764000002000-row-level-security';
import { RegionalObservers1764000003000 } from './1764000003000-regional-observers';
import { MailDelivery1764000004000 } from './1764000004000-mail-delivery';
import { ComplianceVersions1764000005000 } from './1764000005000-compliance-versions';
import { ComplianceSnapshots1764000006000 } from './1764000006000-compliance-snapshots';
import { CorrelatedPolicies1764000007000 } from './1764000007000-correlated-policies';
import { MembershipReaders1764000008000 } from './1764000008000-membership-readers-row-level-security';
import { SignedTenantContext1764000009000 } from './1764000009000-signed-tenant-context';
import { ConsortiumLocalLines1764000010000 } from './1764000010000-consortium-local-lines';
import { ComplianceLabelVersions1764000011000 } from './1764000011000-compliance-label-versions';
import { PnrrFunding1764000012000 } from './1764000012000-pnrr-funding';
import { ExportJobs1764000013000 } from './1764000013000-export-jobs';
import { PlanLineInUse1764000014700 } from './1764000014700-plan-line-in-use';
import { JobConsortiumListing1764000016000 } from './1764000016000-job-consortium-listing';
import { ConsortiumReport1764000017000 } from './1764000017000-consortium-report';
import { ReportSchedule1764000018000 } from './1764000018000-report-schedule';
import { ExportFilesInWorker1764000019000 } from './1764000019000-export-files-in-worker';
import { ComplianceRollup1764000020000 } from './1764000020000-compliance-rollup';
import { PlannerFriendlyPolicies1764000021000 } from './1764000021000-planner-friendly-policies';
import { CatalogueFacts1764000030000 } from './1764000030000-catalogue-facts';
import { DiscreetEnrolment1764000090000 } from './1764000090000-discreet-enrolment';
import { ExportBacklog1764000090001 } from './1764000090001-export-backlog';
import { SecondWallGaps1764000090002 } from './1764000090002-second-wall-gaps';
import { OutboxRequestId1764000100000 } from './1764000100000-outbox-request-id';
import { PersonalData1764000101000 } from './1764000101000-personal-data';
import { Retention1764000102000 } from './1764000102000-retention';
import { PnrrAttribution1764000200000 } from './1764000200000-pnrr-attribution';
import { EvidenceFiles1764000215000 } from './1764000215000-evidence-files';
import { StatusEventIssues1764000220000 } from './1764000220000-status-event-issues';
import { PeriodicReport1764000230000 } from './1764000230000-periodic-report';
import { ConsortiumPlan1764000240000 } from './1764000240000-consortium-plan';
import { NotificationPreferences1764000250000 } from './1764000250000-notification-preferences';
import { CalendarFeeds1764000255000 } from './1764000255000-calendar-feeds';
import { PianoDocument1764000260000 } from './1764000260000-piano-document';
import { OfficeReportsForComuni1764000265000 } from './1764000265000-office-reports-for-comuni';
import { SchedaNarrative1764000270000 } from './1764000270000-scheda-narrative';
import { RegionExport1764000280000 } from './1764000280000-region-export';
import { VerifiedContextOnce1764000285000 } from './1764000285000-verified-context-once';
import { PersonalDataSettings1764000290000 } from './1764000290000-personal-data-settings';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const ALL_MIGRATIONS = [
  ReferenceAndCatalog1764000000000,
  IdentityObjectivesWorkflow1764000001000,
  RowLevelSecurity1764000002000,
  RegionalObservers1764000003000,
  MailDelivery1764000004000,
  ComplianceVersions1764000005000,
  ComplianceSnapshots1764000006000,
  CorrelatedPolicies1764000007000,
  MembershipReaders1764000008000,
  SignedTenantContext1764000009000,
  ConsortiumLocalLines1764000010000,
  ComplianceLabelVersions1764000011000,
  PnrrFunding1764000012000,
  ExportJobs1764000013000,
  PlanLineInUse1764000014700,
  JobConsortiumListing1764000016000,
  ConsortiumReport1764000017000,
  ReportSchedule1764000018000,
  ExportFilesInWorker1764000019000,
  ComplianceRollup1764000020000,
  PlannerFriendlyPolicies1764000021000,
  CatalogueFacts1764000030000,
  DiscreetEnrolment1764000090000,
  ExportBacklog1764000090001,
  SecondWallGaps1764000090002,
  OutboxRequestId1764000100000,
  PersonalData1764000101000,
  Retention1764000102000,
  PnrrAttribution1764000200000,
  EvidenceFiles1764000215000,
  StatusEventIssues1764000220000,
  PeriodicReport1764000230000,
  ConsortiumPlan1764000240000,
  NotificationPreferences1764000250000,
  CalendarFeeds1764000255000,
  PianoDocument1764000260000,
  OfficeReportsForComuni1764000265000,
  SchedaNarrative1764000270000,
  RegionExport1764000280000,
  VerifiedContextOnce1764000285000,
  PersonalDataSettings1764000290000,
];
