import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@rtd/kernel';
import { ExportJobObject, ExportRequestInput } from './dto/export.types';
import { ExportsService } from './exports.service';
import { measuredImport } from './import/import-metrics';
import { StatusImportService } from './import/status-import.service';
import { StatusImportInput, StatusImportReportObject } from './import/status-import.types';

@Resolver(() => ExportJobObject)
export class ExportsResolver {
  constructor(
    private readonly exports: ExportsService,
    private readonly imports: StatusImportService,
  ) {}

  @Mutation(() => StatusImportReportObject, {
    description:
      'Bulk status import from a monitoring sheet (XLSX) or CSV: a dry run lists row by row what would change and every error; an apply writes all of it, through the same rules as updateAssignment, or nothing',
  })
  importStatuses(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => StatusImportInput }) input: StatusImportInput,
  ): Promise<StatusImportReportObject> {
    return measuredImport(input.dryRun, () => this.imports.import(ctx, input));
  }

  @Mutation(() => ExportJobObject, {
    description:
      'Asks for a scheda per comune (PDF) or a monitoring sheet (XLSX) of one comune or of a whole consortium, or for the periodic report of a consortium: checks the rights and the input, then returns the QUEUED job the worker builds; poll exportJob for its progress and, once COMPLETED, its short-lived download link',
  })
  requestExport(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => ExportRequestInput }) input: ExportRequestInput,
  ): Promise<ExportJobObject> {
    return this.exports.request(ctx, input);
  }

  @Query(() => ExportJobObject, {
    nullable: true,
    description:
      "The caller's own export job (or a report of their consortium): state, progress and, once COMPLETED, a fresh download link; FORBIDDEN if the caller may no longer export its scope",
  })
  exportJob(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ExportJobObject> {
    return this.exports.job(ctx, id);
  }
}
