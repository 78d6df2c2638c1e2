import { Where } from '@rtd/kernel';
import { planLineJson } from '@rtd/catalog';
import type { LineRow } from '@rtd/catalog';
import type { ObjectiveRow } from '@rtd/objectives';

/**
 * What of a worklist's rows a document asks for (AssignmentsRepository.page builds only that):
 * each flag is a variant of the one prepared statement, so there are at most a dozen of them on
 * a connection, each with its generic plan. `full`: the objectives and their lines with every
 * field (descriptions, targets, line texts...); without it, only their short fields
 * (OBJECTIVE_SHORT_FIELDS, LINE_SHORT_FIELDS), and the rows must not prime the request's loaders.
 */
export interface WorklistSelection {
  objective: boolean;
  lines: boolean;
  evidence: boolean;
  full: boolean;
}

/** Everything a worklist may show (a caller that does not know what is asked). */
export const WHOLE_WORKLIST: WorklistSelection = { objective: true, lines: true, evidence: true, full: true };

/** The objective's columns a short row holds: all but its description and target. */
export type ShortObjectiveRow = Omit<ObjectiveRow, 'description' | 'target'>;
/** The line's columns a short row holds. */
export type ShortLineRow = Pick<LineRow, 'id' | 'editionCode' | 'code' | 'chapter' | 'isLocal'>;

/** An objective's fields (GraphQL) a short row answers: the others need `full`. */
export const OBJECTIVE_SHORT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'title',
  'edition',
  'dueDate',
  'state',
  'version',
  'createdAt',
  'publishedAt',
  'closedAt',
  // Resolved from the id, the consortium or the carried-from id, which a short row holds.
  'consortium',
  'lines',
  'targetedCount',
  'assignmentCount',
  'carriedFrom',
  'carriedTo',
]);

/** A plan line's fields (GraphQL) a short row answers (PlanLineObject from ShortLineRow). */
export const LINE_SHORT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'edition',
  'code',
  'chapter',
  'local',
]);

const SHORT_OBJECTIVE_JSON = `json_build_object('id', o.id, 'consortiumId', o.consortium_id, 'title', o.title,
  'editionCode', o.edition_code, 'dueDate', o.due_date, 'state', o.state, 'version', o.version,
  'createdAt', o.created_at, 'publishedAt', o.published_at, 'closedAt', o.closed_at,
  'carriedFromId', o.carried_from_id)`;

const FULL_OBJECTIVE_JSON = `json_build_object('id', o.id, 'consortiumId', o.consortium_id, 'title', o.title,
  'description', o.description, 'editionCode', o.edition_code, 'dueDate', o.due_date,
  'target', o.target, 'state', o.state, 'version', o.version, 'createdAt', o.created_at,
  'publishedAt', o.published_at, 'closedAt', o.closed_at, 'carriedFromId', o.carried_from_id)`;

// The page's objectives' lines, in one pass (GROUP BY): correlated, the planner ran a
// subquery per row of the page, a good part of the statement's time.
const FULL_LINES = `SELECT sol.objective_id, json_agg(${planLineJson('l', 'ch')} ORDER BY sol.position) AS lines
   FROM objective_ids i JOIN shared_objective_line sol ON sol.objective_id = i.id
   JOIN plan_line l ON l.id = sol.plan_line_id
   JOIN plan_chapter ch ON ch.edition_code = l.edition_code AND ch.number = l.chapter
  GROUP BY sol.objective_id`;

const SHORT_LINES = `SELECT sol.objective_id, json_agg(json_build_object('id', l.id, 'editionCode', l.edition_code,
     'code', l.code, 'chapter', l.chapter, 'isLocal', l.is_local) ORDER BY sol.position) AS lines
   FROM objective_ids i JOIN shared_objective_line sol ON sol.objective_id = i.id
   JOIN plan_line l ON l.id = sol.plan_line_id
  GROUP BY sol.objective_id`;

const EVIDENCE = `(SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'url', e.url,
     'description', e.description, 'addedAt', e.added_at,
     'addedByPersonId', e.added_by_person_id, 'assignmentId', e.assignment_id,
     'fileName', e.file_name, 'contentType', e.content_type, 'size', e.size_bytes,
     'sha256', e.sha256, 'removedAt', NULL, 'removedByPersonId', NULL)
     ORDER BY e.added_at, e.id), '[]'::json)
   FROM evidence e WHERE e.assignment_id = p.id AND e.removed_at IS NULL)`;

/**
 * The relations' part of the worklist statement, after the CTE `page` (the page's rows, `o` their
 * objective): the columns the CTE adds, the CTEs after it and the columns the statement selects
 * (`objective`, `lines`, `reach`, `evidence`; NULL when not asked). `reachComuni`: the placeholder
 * of the caller's municipalities. Each table a statement names costs the InitPlans of its
 * policies (verifying the signed settings, about 0.1 ms each): a short selection takes its
 * objective from the page's own join and reads no reach (the list service derives it from the
 * row, enough to authorize); a full one reads the objectives and their reach once more, as
 * ObjectivesService would, since they prime the request's loaders.
 */
export function worklistRelations(select: WorklistSelection, reachComuni: string) {
  const evidence = `${select.evidence ? EVIDENCE : 'NULL::json'} AS evidence`;
  if (!select.objective) {
    return {
      pageColumns: '',
      ctes: '',
      columns: `NULL::json AS lines, NULL::json AS reach, ${evidence}`,
      join: '',
    };
  }
  // Every CTE materialized: each runs once for the page, then joins (inlined, the planner looped
  // over the page's rows for each).
  const objectiveIds = `, objective_ids AS MATERIALIZED (SELECT DISTINCT "objectiveId" AS id FROM page)`;
  const lines = select.lines ? `, lines AS MATERIALIZED (${select.full ? FULL_LINES : SHORT_LINES})` : '';
  if (!select.full) {
    return {
      pageColumns: `, ${SHORT_OBJECTIVE_JSON} AS objective`,
      ctes: select.lines ? objectiveIds + lines : '',
      columns: `${select.lines ? `coalesce(ln.lines, '[]'::json)` : 'NULL::json'} AS lines, NULL::json AS reach, ${evidence}`,
      join: select.lines ? `LEFT JOIN lines ln ON ln.objective_id = p."objectiveId"` : '',
    };
  }
  return {
    pageColumns: '',
    ctes: `${objectiveIds}, reach AS MATERIALIZED (
         -- One pass over the caller's municipalities' assignments of the page's objectives.
         SELECT x.objective_id, array_agg(x.comune_id) AS comune_ids,
                array_agg(x.delegate_person_id) FILTER (WHERE x.delegate_person_id IS NOT NULL) AS delegate_person_ids
           FROM assignment x
          WHERE x.comune_id = ANY(${reachComuni}::uuid[]) AND x.objective_id IN (SELECT id FROM objective_ids)
          GROUP BY x.objective_id
       )${lines}, objectives AS MATERIALIZED (
         SELECT o.id, ${FULL_OBJECTIVE_JSON} AS objective,
                ${select.lines ? `coalesce(ln.lines, '[]'::json)` : 'NULL::json'} AS lines,
                json_build_object('comuneIds', coalesce(r.comune_ids, '{}'),
                  'delegatePersonIds', coalesce(r.delegate_person_ids, '{}')) AS reach
           FROM objective_ids i JOIN shared_objective o ON o.id = i.id LEFT JOIN reach r ON r.objective_id = o.id
           ${select.lines ? 'LEFT JOIN lines ln ON ln.objective_id = o.id' : ''}
       )`,
    columns: `ob.objective, ob.lines, ob.reach, ${evidence}`,
    join: `LEFT JOIN objectives ob ON ob.id = p."objectiveId"`,
  };
}

/** The placeholder of the caller's municipalities (the objectives' reach), only if needed. */
export function reachParam(where: Where, select: WorklistSelection, comuni: string[]): string {
  return select.objective && select.full ? where.param(comuni) : '';
}
