import { on } from '@rtd/authz';
import { PianoInterventoObject, PianoState, PianoVersionObject } from './dto/plan.types';
import { totalCost } from './plan-rules';
import { InterventoFields, InterventoRow, VersionRow } from './plan.repository';

/** Rows of the Piano's tables as GraphQL objects, the CASL subject of a version, and what a change changed. */

export const toVersionObject = (row: VersionRow): PianoVersionObject => ({
  id: row.id,
  consortiumId: row.consortiumId,
  number: row.number,
  year: row.year,
  title: row.title,
  state: row.state as PianoState,
  approvedOn: row.approvedOn,
  approvalAct: row.approvalAct,
  publishedAt: row.publishedAt,
  createdAt: row.createdAt,
  copiedFromId: row.copiedFromId,
  version: row.version,
});

export const toInterventoObject = (row: InterventoRow): PianoInterventoObject => ({
  ...(row as unknown as PianoInterventoObject),
  totalCost: totalCost(row.costs),
  lines: [],
});

export const subject = (row: { consortiumId: string; state: string }) =>
  on('Piano', { consortiumId: row.consortiumId, state: row.state as VersionRow['state'] });

export function changedFields(before: InterventoFields, after: InterventoFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof InterventoFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  return out;
}
