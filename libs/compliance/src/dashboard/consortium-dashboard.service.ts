import { Injectable } from '@nestjs/common';
import { todayInRome } from '@rtd/dates';
import { badInput, parseId, RequestContext } from '@rtd/kernel';
import { ComplianceRepository } from '../compliance-read-model.repository';
import { completionRate, ComplianceService } from '../compliance.service';
import { ComplianceBucket } from '../compliance.types';
import {
  ConsortiumDashboard,
  ConsortiumDashboardFilter,
  DashboardAssignmentPage,
  DashboardComuneOrder,
  DashboardComuneRow,
  DashboardObjective,
} from './consortium-dashboard.types';
import {
  CellRow,
  DashboardFilterValues,
  DashboardRepository,
  ItemRow,
  Page,
} from './dashboard-read-model.repository';

/** How far ahead "Prossime scadenze" looks. */
export const DEADLINE_DAYS = 60;
/** The largest page of comuni, deadlines or criticità one answer holds. */
export const MAX_DASHBOARD_PAGE = 100;

export interface DashboardArgs {
  consortiumId: string;
  filter?: ConsortiumDashboardFilter | null;
  since?: string | null;
  comuniFirst: number;
  comuniOffset: number;
  comuniOrder: DashboardComuneOrder;
  deadlinesFirst: number;
  deadlinesOffset: number;
  criticitaFirst: number;
  criticitaOffset: number;
  laggardsFirst: number;
}

const EMPTY_COUNTS = {
  total: 0,
  notStarted: 0,
  inProgress: 0,
  submitted: 0,
  completed: 0,
  rejected: 0,
  notApplicable: 0,
  overdue: 0,
};
const FIELD_OF = {
  NOT_STARTED: 'notStarted',
  IN_PROGRESS: 'inProgress',
  SUBMITTED: 'submitted',
  COMPLETED: 'completed',
  REJECTED: 'rejected',
  NOT_APPLICABLE: 'notApplicable',
} as const;

/** The counts of some cells, shaped as complianceSummary's buckets (same definitions). */
export function bucketOf(key: string, label: string, cells: readonly CellRow[]): ComplianceBucket {
  const counts = { ...EMPTY_COUNTS };
  for (const cell of cells) {
    counts.total++;
    counts[FIELD_OF[cell.status]]++;
    if (cell.overdue) counts.overdue++;
  }
  return { key, label, edition: null, ...counts, completionRate: completionRate(counts) };
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * The Cruscotto of a consortium, served whole: figures, the comune × objective matrix (a page of
 * comuni, every objective), the next deadlines and the open criticità, so that the browser counts
 * nothing. The counts use complianceSummary's definitions (completionRate, overdueSql) over the
 * same assignments; the matrix needs each assignment's status, which the rollup does not keep per
 * comune and objective, so the answer counts its own cells (about 4,000 rows for 50 comuni) and
 * figures and matrix come from one read. `version` is compliance_version (bumped by triggers in
 * the transaction of every change of assignments, objectives and their labels) and today's date:
 * a refresh that sends it back as `since` costs one lookup when nothing moved.
 */
@Injectable()
export class ConsortiumDashboardService {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly versions: ComplianceRepository,
    private readonly repository: DashboardRepository,
  ) {}

  async dashboard(ctx: RequestContext, args: DashboardArgs): Promise<ConsortiumDashboard> {
    const consortiumId = parseId('consortiumId', args.consortiumId);
    const filter = checkFilter(args.filter);
    const pages = checkPages(args);
    const consortiumName = await this.compliance.checkConsortium(ctx, consortiumId);
    const db = await ctx.db();
    const today = todayInRome();
    const version = `${await this.versions.versionOf(db, [consortiumId])}@${today}`;
    const head = { consortiumId, version, today, deadlineDays: DEADLINE_DAYS };
    if (args.since === version) {
      return {
        ...head,
        changed: false,
        figures: null,
        objectives: null,
        comuni: null,
        deadlines: null,
        criticita: null,
        laggards: null,
        options: null,
      };
    }
    const [cells, objectives, members, deadlines, criticita] = [
      await this.repository.cells(db, consortiumId, filter),
      await this.repository.objectives(db, consortiumId),
      await this.repository.comuni(db, consortiumId),
      await this.repository.deadlines(db, consortiumId, filter, today, DEADLINE_DAYS, pages.deadlines),
      await this.repository.criticita(db, consortiumId, filter, today, pages.criticita),
    ];

    const byObjective = group(cells, (c) => c.objectiveId);
    const columns: DashboardObjective[] = objectives
      .filter((o) => byObjective.has(o.id))
      .sort((a, b) => a.title.localeCompare(b.title, 'it') || a.id.localeCompare(b.id))
      .map((o) => ({
        ...o,
        chapters: o.chapters.map(Number).sort((x, y) => x - y),
        lineCodes: [...o.lineCodes].sort(),
        counts: bucketOf(o.id, o.title, byObjective.get(o.id)!),
      }));

    const byComune = group(cells, (c) => c.comuneId);
    const rows = members
      .filter((c) => !filter.provinceCode || c.provinceCode === filter.provinceCode)
      .map((c) => ({ comune: c, counts: bucketOf(c.istatCode, c.name, byComune.get(c.id) ?? []) }));
    const sign = args.comuniOrder === DashboardComuneOrder.COMPLETION_DESC ? -1 : 1;
    if (args.comuniOrder !== DashboardComuneOrder.NAME) {
      // Comuni with nothing to count go last either way.
      rows.sort(
        (a, b) =>
          Number(a.counts.total === 0) - Number(b.counts.total === 0) ||
          sign * (a.counts.completionRate - b.counts.completionRate),
      );
    }
    const laggards = rows
      .filter((r) => r.counts.total > 0)
      .sort(
        (a, b) =>
          a.counts.completionRate - b.counts.completionRate ||
          b.counts.overdue - a.counts.overdue ||
          a.comune.name.localeCompare(b.comune.name, 'it'),
      )
      .slice(0, pages.laggards.first)
      .map(({ comune, counts }) => ({ ...comune, counts }));
    const page = rows.slice(pages.comuni.offset, pages.comuni.offset + pages.comuni.first);
    const comuneRows: DashboardComuneRow[] = page.map(({ comune, counts }) => {
      const own = new Map((byComune.get(comune.id) ?? []).map((c) => [c.objectiveId, c]));
      const cellsInOrder = columns.map((o) => own.get(o.id) ?? null);
      return {
        ...comune,
        counts,
        statuses: cellsInOrder.map((c) => c?.status ?? null),
        overdue: cellsInOrder.map((c) => c?.overdue ?? null),
        assignmentIds: cellsInOrder.map((c) => c?.id ?? null),
      };
    });

    const provinces = new Map(members.map((c) => [c.provinceCode, c.provinceName]));
    return {
      ...head,
      changed: true,
      figures: bucketOf(consortiumId, consortiumName, cells),
      objectives: columns,
      comuni: { totalCount: rows.length, offset: pages.comuni.offset, rows: comuneRows },
      deadlines: pageOf(deadlines, pages.deadlines),
      criticita: pageOf(criticita, pages.criticita),
      laggards,
      options: {
        editions: [...new Set(objectives.map((o) => o.edition))].sort(),
        chapters: [...new Set(objectives.flatMap((o) => o.chapters.map(Number)))].sort((a, b) => a - b),
        provinces: [...provinces]
          .map(([value, label]) => ({ value, label }))
          .sort((a, b) => a.label.localeCompare(b.label, 'it')),
        objectives: objectives
          .map((o) => ({ value: o.id, label: o.title }))
          .sort((a, b) => a.label.localeCompare(b.label, 'it')),
      },
    };
  }
}

function pageOf(rows: ItemRow[], page: Page): DashboardAssignmentPage {
  return {
    totalCount: rows[0]?.totalCount ?? 0,
    offset: page.offset,
    items: rows.map(({ totalCount: _total, ...item }) => item),
  };
}

const EDITION = /^\d{4}-\d{4}$/;
const PROVINCE = /^\d{3}$/;

function checkFilter(filter: ConsortiumDashboardFilter | null | undefined): DashboardFilterValues {
  const edition = filter?.edition?.trim() || null;
  if (edition !== null && !EDITION.test(edition)) {
    throw badInput('filter.edition', 'edizione del Piano nella forma "2024-2026"');
  }
  const chapter = filter?.chapter ?? null;
  if (chapter !== null && (!Number.isInteger(chapter) || chapter < 0 || chapter > 99)) {
    throw badInput('filter.chapter', 'numero di capitolo da 0 a 99');
  }
  const provinceCode = filter?.provinceCode?.trim() || null;
  if (provinceCode !== null && !PROVINCE.test(provinceCode)) {
    throw badInput('filter.provinceCode', 'codice ISTAT di provincia di 3 cifre, ad esempio "019"');
  }
  const objectiveId = filter?.objectiveId ? parseId('filter.objectiveId', filter.objectiveId) : null;
  return { edition, chapter, provinceCode, objectiveId };
}

type Paged = 'comuni' | 'deadlines' | 'criticita' | 'laggards';

function checkPages(args: DashboardArgs): Record<Paged, Page> {
  const one = (name: Paged): Page => {
    const first = args[`${name}First`];
    const offset = name === 'laggards' ? 0 : args[`${name}Offset`];
    if (!Number.isInteger(first) || first < 1 || first > MAX_DASHBOARD_PAGE) {
      throw badInput(`${name}First`, `da 1 a ${MAX_DASHBOARD_PAGE}`);
    }
    if (!Number.isInteger(offset) || offset < 0) throw badInput(`${name}Offset`, 'zero o più');
    return { first, offset };
  };
  return {
    comuni: one('comuni'),
    deadlines: one('deadlines'),
    criticita: one('criticita'),
    laggards: one('laggards'),
  };
}
