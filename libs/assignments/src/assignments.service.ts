import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@rtd/audit';
import { authorize, callerAccess, on } from '@rtd/authz';
import {
  actorSubject,
  badInput,
  checkExpectedVersion,
  conflict,
  feminine,
  FIRST_WRITE,
  forbidden,
  notFound,
  parseId,
  RequestContext,
} from '@rtd/kernel';
import { activeDelegateOf, fiscalCodeProblem, normalizeFiscalCode } from '@rtd/identity';
import { ObjectivesService } from '@rtd/objectives';
import { Outbox } from '@rtd/outbox';
import { ConsortiumSettingsService, TenancyService } from '@rtd/tenancy';
import { AssignmentRow, AssignmentsRepository } from './assignments.repository';
import {
  AssignmentObject,
  EvidenceKind,
  EvidenceObject,
  ReviewDecision,
  UpdateAssignmentInput,
} from './dto/assignment.types';
import {
  allowedActions,
  AssignmentAction,
  AssignmentStatus,
  checkObjectiveOpen,
  nextStatus,
  Side,
  WorkflowAction,
} from './workflow';
import { REVIEW_DECISION_TOPIC, ReviewDecisionMessage, SubmissionMessage } from './review-decision-message';
import {
  COMUNE_WORDS,
  COMUNE_WORDS_UNLESS_ALLOWED,
  isOfficeOwnUpdate,
  onBehalfDetails,
  onBehalfNote,
  OnBehalfSource,
} from './on-behalf';
import { checkProgress, checkUrl, cleanText } from './assignment-input';
import { assignmentLoader } from './assignment-list.service';

const MAX_NOTE = 2000;
const MAX_ISSUES = 10_000;
const MAX_DESCRIPTION = 2000;
const MAX_EVIDENCE_PER_ASSIGNMENT = 200;

export const toAssignmentObject = (row: AssignmentRow): AssignmentObject => ({ ...row });

/**
 * The reporting workflow: a municipality reports status, progress, issues and evidence on its
 * assignments, the RTD office reviews. Every change checks the version it was made against,
 * goes through the state machine (workflow.ts), and writes history and audit with it.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly repository: AssignmentsRepository,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly objectives: ObjectivesService,
    private readonly settings: ConsortiumSettingsService,
  ) {}

  async get(ctx: RequestContext, id: string): Promise<AssignmentObject> {
    return toAssignmentObject(await this.authorized(ctx, id, 'read'));
  }

  async update(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    input: UpdateAssignmentInput,
    source?: OnBehalfSource,
  ): Promise<AssignmentObject> {
    const acting = await this.actingSide(ctx, id);
    const { row } = acting;
    checkObjectiveOpen(row.objectiveState);
    const onBehalf =
      source && acting.side === 'office' && !isOfficeOwnUpdate(row.status, input)
        ? await this.onBehalf(ctx, row, source)
        : null;
    const side: Side = onBehalf ? 'municipality' : acting.side;
    if (side === 'office' && (input.progress != null || input.issues !== undefined)) {
      // Progress and criticità are the comune's words; the office only reopens, or decides in review.
      throw forbidden(source ? COMUNE_WORDS_UNLESS_ALLOWED : COMUNE_WORDS);
    }
    checkProgress(input.progress);
    const issues = input.issues === undefined ? undefined : cleanText('issues', input.issues, MAX_ISSUES);
    const status = nextStatus(row.status, side, { kind: 'update', to: input.status ?? null });
    const progress = input.progress ?? (status === 'NOT_STARTED' ? 0 : row.progress);
    return this.transition(ctx, row, expectedVersion, {
      status,
      progress,
      issues,
      note: onBehalf ? onBehalfNote(onBehalf) : cleanText('note', input.note ?? null, MAX_NOTE),
      action: 'assignment.update',
      onBehalf,
    });
  }

  /** Sends the report as the comune gave it (no silent 100%), with its pending edits, in one action. */
  async submit(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    note: string | null,
    report: { progress?: number | null; issues?: string | null } = {},
    source?: OnBehalfSource,
  ) {
    const acting = await this.actingSide(ctx, id);
    const { row } = acting;
    checkObjectiveOpen(row.objectiveState);
    const onBehalf = source && acting.side === 'office' ? await this.onBehalf(ctx, row, source) : null;
    const side: Side = onBehalf ? 'municipality' : acting.side;
    checkProgress(report.progress);
    // undefined keeps the saved criticità; null or an empty text clears it.
    const issues = report.issues === undefined ? undefined : cleanText('issues', report.issues, MAX_ISSUES);
    const status = nextStatus(row.status, side, { kind: 'submit' });
    return this.transition(ctx, row, expectedVersion, {
      status,
      progress: report.progress ?? row.progress,
      issues,
      note: onBehalf ? onBehalfNote(onBehalf) : cleanText('note', note, MAX_NOTE),
      action: 'assignment.submit',
      onBehalf,
    });
  }

  async review(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    decision: ReviewDecision,
    reason: string | null,
  ): Promise<AssignmentObject> {
    const row = await this.authorized(ctx, id, 'review');
    checkObjectiveOpen(row.objectiveState);
    const action: WorkflowAction = { kind: decision === ReviewDecision.APPROVE ? 'approve' : 'reject' };
    const cleanReason = cleanText('reason', reason, MAX_NOTE);
    if (action.kind === 'reject' && !cleanReason) throw badInput('reason', 'obbligatoria per respingere');
    const status = nextStatus(row.status, 'office', action);
    return this.transition(ctx, row, expectedVersion, {
      status,
      progress: status === 'COMPLETED' ? 100 : row.progress,
      note: cleanReason,
      action: 'assignment.review',
      details: { decision },
      notifyDecision: true,
    });
  }

  async markNotApplicable(ctx: RequestContext, id: string, expectedVersion: number, reason: string) {
    const row = await this.authorized(ctx, id, 'review');
    checkObjectiveOpen(row.objectiveState);
    const cleanReason = cleanText('reason', reason, MAX_NOTE);
    if (!cleanReason) throw badInput('reason', 'obbligatoria');
    const status = nextStatus(row.status, 'office', { kind: 'notApplicable' });
    return this.transition(ctx, row, expectedVersion, {
      status,
      progress: row.progress,
      note: cleanReason,
      action: 'assignment.markNotApplicable',
    });
  }

  async addEvidence(
    ctx: RequestContext,
    assignmentId: string,
    kind: EvidenceKind,
    url: string | null,
    description: string,
  ): Promise<EvidenceObject> {
    const { row, side } = await this.actingSide(ctx, assignmentId, 'assignmentId');
    checkObjectiveOpen(row.objectiveState);
    nextStatus(row.status, side, { kind: 'evidence' });
    const text = cleanText('description', description, MAX_DESCRIPTION);
    if (!text) throw badInput('description', 'obbligatoria');
    if (kind === EvidenceKind.FILE) {
      throw badInput('kind', 'un file si carica con createEvidenceUpload (docs/evidence-files.md)');
    }
    const link = kind === EvidenceKind.URL ? checkUrl(url) : null;
    if (kind === EvidenceKind.NOTE && url) throw badInput('url', 'una nota non ha URL: usare kind URL');
    const { scope } = await callerAccess(ctx);
    return ctx.atomically(async (db) => {
      // Counted under the assignment's row lock: concurrent additions cannot both see room for one.
      if ((await this.repository.lockAndCountEvidence(db, row.id)) >= MAX_EVIDENCE_PER_ASSIGNMENT) {
        throw badInput('assignmentId', `al massimo ${MAX_EVIDENCE_PER_ASSIGNMENT} evidenze per assegnazione`);
      }
      const created = await this.repository.addEvidence(
        db,
        row,
        { kind, url: link, description: text },
        { subject: actorSubject(ctx.actor), personId: scope.personId },
      );
      await this.audit.record(db, ctx, {
        action: 'assignment.addEvidence',
        entityType: 'Assignment',
        entityId: row.id,
        consortiumId: row.consortiumId,
        comuneId: row.comuneId,
        details: { evidenceId: created.id, kind },
      });
      return created;
    });
  }

  async delegate(ctx: RequestContext, id: string, fiscalCode: string | null): Promise<AssignmentObject> {
    const row = await this.authorized(ctx, id, 'delegate');
    checkObjectiveOpen(row.objectiveState);
    let delegateId: string | null = null;
    const db = await ctx.db();
    if (fiscalCode) {
      const code = normalizeFiscalCode(fiscalCode);
      if (fiscalCodeProblem(code)) throw badInput('fiscalCode', 'codice fiscale non valido');
      delegateId = await activeDelegateOf(db, code, row.comuneId);
      if (!delegateId) {
        throw badInput(
          'fiscalCode',
          'la persona non è COMUNE_DELEGATE di questo comune: assegnarle prima il ruolo',
        );
      }
    }
    return this.transition(ctx, row, row.version, {
      status: row.status,
      progress: row.progress,
      delegatePersonId: delegateId,
      note: delegateId ? 'Assegnazione delegata' : 'Delega revocata',
      action: 'assignment.delegate',
      details: { delegatePersonId: delegateId },
    });
  }

  /** The moves this caller may make now: the screen shows these and no others. */
  async allowedActions(ctx: RequestContext, assignment: AssignmentObject): Promise<AssignmentAction[]> {
    const { ability } = await callerAccess(ctx);
    const subject = on('Assignment', {
      consortiumId: assignment.consortiumId,
      comuneId: assignment.comuneId,
      delegatePersonId: assignment.delegatePersonId,
    });
    const side: Side | null = ability.can('report', subject)
      ? 'municipality'
      : ability.can('review', subject)
        ? 'office'
        : null;
    return allowedActions(
      assignment.status,
      side,
      ability.can('delegate', subject),
      assignment.objectiveState,
    );
  }

  /**
   * Forgets the rows this request cached for these ids. A change made in a savepoint that was
   * then rolled back (a dry run) left them cached as changed: later operations of the same
   * request must read what the database holds.
   */
  forgetCached(ctx: RequestContext, ids: readonly string[]): void {
    const loader = this.loader(ctx);
    for (const id of ids) loader.clear(id);
  }

  // --- internals ---

  private loader(ctx: RequestContext) {
    return assignmentLoader(this.repository, ctx);
  }

  private async authorized(
    ctx: RequestContext,
    id: string,
    action: 'read' | 'report' | 'review' | 'delegate',
    field = 'id',
  ): Promise<AssignmentRow> {
    const row = await this.loader(ctx).load(parseId(field, id));
    if (!row) throw notFound(feminine('Assegnazione'));
    const { ability } = await callerAccess(ctx);
    authorize(
      ability,
      action,
      'Assignment',
      { consortiumId: row.consortiumId, comuneId: row.comuneId, delegatePersonId: row.delegatePersonId },
      feminine('Assegnazione'),
    );
    return row;
  }

  /** The municipality reports; the RTD office, which may not report, acts as the office. */
  async actingSide(
    ctx: RequestContext,
    id: string,
    field = 'id',
  ): Promise<{ row: AssignmentRow; side: Side }> {
    const row = await this.authorized(ctx, id, 'read', field);
    const { ability } = await callerAccess(ctx);
    const subject = on('Assignment', {
      consortiumId: row.consortiumId,
      comuneId: row.comuneId,
      delegatePersonId: row.delegatePersonId,
    });
    if (ability.can('report', subject)) return { row, side: 'municipality' };
    if (ability.can('review', subject)) return { row, side: 'office' };
    throw forbidden();
  }

  /**
   * The source, when the office may enter this comune's report on its behalf (its RTD allows it),
   * else null: the office then acts as itself, and the state machine refuses the comune's moves.
   */
  private async onBehalf(
    ctx: RequestContext,
    row: AssignmentRow,
    source: OnBehalfSource,
  ): Promise<OnBehalfSource | null> {
    return (await this.settings.officeReportsForComuni(ctx, row.consortiumId)) ? source : null;
  }

  private async transition(
    ctx: RequestContext,
    row: AssignmentRow,
    expectedVersion: number,
    change: {
      status: AssignmentStatus;
      progress: number;
      issues?: string | null;
      delegatePersonId?: string | null;
      note: string | null;
      action: string;
      details?: Record<string, unknown>;
      /** The decision is e-mailed to the municipality, through the outbox, once. */
      notifyDecision?: boolean;
      /** Entered by the office on the comune's behalf (a consortium-wide import). */
      onBehalf?: OnBehalfSource | null;
    },
  ): Promise<AssignmentObject> {
    checkExpectedVersion(expectedVersion);
    const { scope } = await callerAccess(ctx);
    const audit = await this.audit.prepare(ctx, {
      action: change.action,
      entityType: 'Assignment',
      entityId: row.id,
      consortiumId: row.consortiumId,
      comuneId: row.comuneId,
      details: {
        from: row.status,
        to: change.status,
        progress: change.progress,
        ...change.details,
        ...(change.onBehalf ? onBehalfDetails(change.onBehalf) : {}),
      },
    });
    return ctx.atomically(async (db) => {
      const updated = await this.repository.changeRecorded(
        db,
        row,
        expectedVersion,
        change,
        { note: change.note, onBehalfOfComune: Boolean(change.onBehalf) },
        { subject: actorSubject(ctx.actor), personId: scope.personId, requestId: ctx.requestId },
        audit,
      );
      if (!updated) {
        throw conflict(
          `Versione ${expectedVersion} superata: l'assegnazione è stata modificata nel frattempo. Ricaricare e riprovare.`,
        );
      }
      if (change.notifyDecision || change.action === 'assignment.submit') {
        // The decision to the comune, a submission to the office's reviewers (issue 22): mailed
        // through the outbox, once, by the notifications domain.
        const kind = change.notifyDecision ? 'review' : 'submitted';
        const job: ReviewDecisionMessage | SubmissionMessage = {
          kind: change.notifyDecision ? 'review-decision' : 'submitted',
          assignmentId: row.id,
          version: updated.version,
          consortiumId: row.consortiumId,
        };
        await this.outbox.add(db, {
          topic: REVIEW_DECISION_TOPIC,
          payload: job,
          consortiumId: row.consortiumId,
          dedupeKey: `mail:${kind}:${row.id}:v${updated.version}`,
        });
      }
      this.loader(ctx).clear(row.id).prime(row.id, updated);
      return toAssignmentObject(updated);
    }, FIRST_WRITE);
  }
}
