import { Module } from '@nestjs/common';
import { AssignmentsModule } from '@rtd/assignments';
import { CatalogModule } from '@rtd/catalog';
import { IdentityModule } from '@rtd/identity';
import { ObjectivesModule } from '@rtd/objectives';
import { OutboxModule } from '@rtd/outbox';
import { PlanModule } from '@rtd/plan';
import { PnrrModule } from '@rtd/pnrr';
import { TenancyModule } from '@rtd/tenancy';
import { ComuneFiles } from './comune-files';
import { ExportsConfigModule } from './exports.config';
import { EvidenceLinks } from './evidence/evidence-links';
import { EvidenceLinksResolver } from './evidence/evidence-links.resolver';
import { ExportData } from './export-data';
import { ExportJobsRepository } from './export-jobs.repository';
import { ExportsResolver } from './exports.resolver';
import { ExportsService } from './exports.service';
import { StatusImportService } from './import/status-import.service';
import { ReportScheduleRepository } from './schedule/report-schedule.repository';
import { ReportScheduleResolver } from './schedule/report-schedule.resolver';
import { ReportScheduleService } from './schedule/report-schedule.service';
import { SchedaNarrativeRepository } from './narrative/scheda-narrative.repository';
import { SchedaNarrativeResolver } from './narrative/scheda-narrative.resolver';
import { SchedaNarrativeService } from './narrative/scheda-narrative.service';
import { PianoDocumentService } from './piano/piano-document.service';
import { RegionExportRequests } from './region/region-export.requests';

@Module({
  imports: [
    TenancyModule,
    AssignmentsModule,
    ObjectivesModule,
    IdentityModule,
    CatalogModule,
    PnrrModule,
    PlanModule,
    OutboxModule,
    ExportsConfigModule,
  ],
  providers: [
    ExportData,
    ComuneFiles,
    ExportJobsRepository,
    ExportsService,
    StatusImportService,
    ExportsResolver,
    ReportScheduleRepository,
    ReportScheduleService,
    ReportScheduleResolver,
    EvidenceLinks,
    EvidenceLinksResolver,
    PianoDocumentService,
    RegionExportRequests,
    SchedaNarrativeRepository,
    SchedaNarrativeService,
    SchedaNarrativeResolver,
  ],
  exports: [
    EvidenceLinks,
    ExportsService,
    ExportData,
    ComuneFiles,
    ExportJobsRepository,
    ReportScheduleService,
    ReportScheduleRepository,
    PianoDocumentService,
    SchedaNarrativeRepository,
  ],
})
export class ExportsModule {}
