import { Injectable } from '@nestjs/common';
import { AssignmentObject, AssignmentRelations, AssignmentListService } from '@rtd/assignments';
import { CatalogService, PlanLineObject } from '@rtd/catalog';
import { IdentityService } from '@rtd/identity';
import { MAX_PAGE_SIZE, Page, PageArgs, RequestContext, ROLE_NAME, RoleCode } from '@rtd/kernel';
import { ObjectivesService } from '@rtd/objectives';
import { ComunePnrrObject, PnrrFundingObject, PnrrService } from '@rtd/pnrr';
import { ComuneObject, ConsortiumObject, TenancyService } from '@rtd/tenancy';
import { SchedaNarrativeRepository } from './narrative/scheda-narrative.repository';

export interface SheetAssignment {
  assignment: AssignmentObject;
  objectiveTitle: string;
  edition: string;
  /** When the RTD office closed the objective: the files say so instead of the status. */
  closedAt: Date | null;
  lines: PlanLineObject[];
  evidence: { url: string | null; description: string }[];
  /**
   * The office's last public note: the note of the decision the activity stands at (completed
   * or not applicable). A rejection's reason is the office's exchange with the comune, never
   * printed; nor a decision since reopened.
   */
  publicNote: { at: Date; note: string } | null;
  funding: PnrrFundingObject[];
}

export interface ComuneSheet {
  comune: ComuneObject;
  consortium: ConsortiumObject;
  /** null: the caller's role may not read who holds roles (viewer, delegate). */
  referents: { role: string; name: string; email: string | null }[] | null;
  assignments: SheetAssignment[];
  pnrr: ComunePnrrObject;
  /** The office's «Breve descrizione dello stato dell'arte» (null: none written yet). */
  narrative: string | null;
}

/** The office's decisions whose note is public (printed in the scheda); never REJECTED's reason. */
const PUBLIC_DECISIONS = new Set(['COMPLETED', 'NOT_APPLICABLE']);
const SHOWN_ROLES: RoleCode[] = ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'];

/**
 * What the files show, gathered through the same services as the GraphQL API and in the
 * caller's transaction: the numbers are those the API gives the same caller, and row-level
 * security narrows them the same way (a delegate's file holds only their assignments).
 */
@Injectable()
export class ExportData {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly assignments: AssignmentListService,
    private readonly relations: AssignmentRelations,
    private readonly objectives: ObjectivesService,
    private readonly identity: IdentityService,
    private readonly catalog: CatalogService,
    private readonly pnrr: PnrrService,
    private readonly narratives: SchedaNarrativeRepository,
  ) {}

  async consortium(ctx: RequestContext, consortiumId: string): Promise<ConsortiumObject> {
    return this.tenancy.getConsortium(ctx, consortiumId);
  }

  async comune(ctx: RequestContext, comuneId: string): Promise<ComuneObject> {
    return this.tenancy.getComune(ctx, comuneId);
  }

  consortiumIdOf(ctx: RequestContext, comuneId: string): Promise<string | null> {
    return this.tenancy.consortiumIdOf(ctx, comuneId);
  }

  /** Members by name. */
  async members(ctx: RequestContext, consortiumId: string): Promise<ComuneObject[]> {
    return allPages((args) => this.tenancy.members(ctx, consortiumId, args));
  }

  async comuneSheets(
    ctx: RequestContext,
    consortium: ConsortiumObject,
    comuni: ComuneObject[],
  ): Promise<ComuneSheet[]> {
    const sheets: ComuneSheet[] = [];
    for (const comune of comuni) sheets.push(await this.comuneSheet(ctx, consortium, comune));
    return sheets;
  }

  async comuneSheet(
    ctx: RequestContext,
    consortium: ConsortiumObject,
    comune: ComuneObject,
  ): Promise<ComuneSheet> {
    const [assignments, referents, pnrr, narrative] = await Promise.all([
      allPages((args) => this.assignments.list(ctx, { comuneId: comune.id }, args)),
      this.referents(ctx, comune.id),
      this.pnrr.comuneFunding(ctx, comune),
      ctx.db().then((db) => this.narratives.find(db, consortium.id, comune.id)),
    ]);
    const details = await Promise.all(assignments.map((assignment) => this.details(ctx, comune, assignment)));
    return {
      comune,
      consortium,
      referents,
      assignments: details,
      pnrr,
      narrative: narrative?.text || null,
    };
  }

  /** A comune's assignments the caller sees, with the codes of their lines (for the status import). */
  async importEntries(
    ctx: RequestContext,
    comune: ComuneObject,
  ): Promise<{ assignment: AssignmentObject; lineCodes: string[] }[]> {
    const assignments = await allPages((args) => this.assignments.list(ctx, { comuneId: comune.id }, args));
    return Promise.all(
      assignments.map(async (assignment) => ({
        assignment,
        lineCodes: (await this.objectives.lines(ctx, assignment.objectiveId)).map((line) => line.code),
      })),
    );
  }

  /** Every line of an edition, by chapter then code. */
  async editionLines(ctx: RequestContext, edition: string): Promise<PlanLineObject[]> {
    return allPages((args) => this.catalog.planLines(ctx, { edition, ...args }));
  }

  async editions(ctx: RequestContext): Promise<string[]> {
    return (await this.catalog.editions(ctx)).map((edition) => edition.code);
  }

  private async details(
    ctx: RequestContext,
    comune: ComuneObject,
    assignment: AssignmentObject,
  ): Promise<SheetAssignment> {
    const [objective, lines, evidence, history] = await Promise.all([
      this.objectives.objectiveOf(ctx, assignment.objectiveId),
      this.objectives.lines(ctx, assignment.objectiveId),
      this.relations.evidence(ctx, assignment.id),
      this.relations.history(ctx, assignment.id),
    ]);
    const funding = await this.pnrr.fundingForLines(ctx, comune.istatCode, lines);
    return {
      assignment,
      objectiveTitle: objective.title,
      edition: objective.edition,
      closedAt: objective.state === 'CLOSED' ? (objective.closedAt ?? null) : null,
      lines,
      evidence: evidence.map((e) => ({ url: e.url, description: e.description })),
      publicNote: publicNote(history, assignment.status),
      funding,
    };
  }

  private async referents(ctx: RequestContext, comuneId: string): Promise<ComuneSheet['referents']> {
    let members;
    try {
      members = await this.identity.comuneMembers(ctx, comuneId);
    } catch {
      return null; // FORBIDDEN for viewers and delegates: the sheet says so rather than failing
    }
    const shown = members.filter((m) => SHOWN_ROLES.includes(m.role as RoleCode));
    const people = await Promise.all(shown.map((m) => this.identity.personOf(ctx, m)));
    return shown
      .map((m, i) => ({
        role: ROLE_NAME[m.role as RoleCode],
        name: people[i]?.displayName ?? people[i]?.fiscalCode ?? '—',
        email: people[i]?.email ?? null,
        order: SHOWN_ROLES.indexOf(m.role as RoleCode),
      }))
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'it'))
      .map(({ role, name, email }) => ({ role, name, email }));
  }
}

/** The note of the public decision the activity stands at; null when it stands elsewhere. */
function publicNote(
  history: { at: Date; from: string | null; to: string; note: string | null }[],
  status: string,
): SheetAssignment['publicNote'] {
  if (!PUBLIC_DECISIONS.has(status)) return null;
  // The history is oldest first; the decision is the last change of status.
  const decision = history.filter((event) => event.from !== event.to).at(-1);
  return decision && decision.to === status && decision.note
    ? { at: decision.at, note: decision.note }
    : null;
}

async function allPages<T>(page: (args: PageArgs) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const result: Page<T> = await page({ first: MAX_PAGE_SIZE, after });
    items.push(...result.edges.map((edge) => edge.node));
    if (!result.pageInfo.hasNextPage) return items;
    after = result.pageInfo.endCursor;
  }
}
