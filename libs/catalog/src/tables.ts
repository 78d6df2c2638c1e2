import type { TableOwnership } from '@rtd/kernel';

/** The tables of the catalog: the three-year plan's editions, chapters and lines. */
export const CATALOG_TABLES: TableOwnership = {
  library: 'catalog',
  owns: ['plan_edition', 'plan_chapter', 'plan_line', 'plan_line_succession'],
  sharedWith: {
    // The fan-out and the targeting preview decide in one statement which members a line reaches
    // (lineReachesComuneSql in libs/catalog/src/facts/applicability.ts).
    plan_line: ['demo', 'assignments', 'objectives', 'plan'],
    // The worklist's one statement (AssignmentsRepository.page) returns each objective's lines
    // as CatalogRepository.linesByIds does, chapter title included.
    plan_chapter: ['assignments', 'plan'],
    // The Piano's coverage of an edition through the line-to-line mapping (PlanRepository.mappedLinks).
    plan_line_succession: ['plan'],
  },
};
