import { DomainError, metrics, secondsSince } from '@rtd/kernel';
import type { StatusImportReportObject } from './status-import.types';

/**
 * rtd_import_duration_seconds of one bulk status import: a dry run that found no error is
 * `checked`, an apply that wrote is `applied`, any refusal (row errors, bad file, rights) is
 * `refused`, anything unexpected `failed`.
 */
export async function measuredImport(
  dryRun: boolean,
  work: () => Promise<StatusImportReportObject>,
): Promise<StatusImportReportObject> {
  const mode = dryRun ? 'dry_run' : 'apply';
  const start = performance.now();
  try {
    const report = await work();
    const outcome = report.applied ? 'applied' : report.errors.length > 0 ? 'refused' : 'checked';
    metrics.importRan(mode, outcome, secondsSince(start));
    return report;
  } catch (error) {
    metrics.importRan(mode, error instanceof DomainError ? 'refused' : 'failed', secondsSince(start));
    throw error;
  }
}
