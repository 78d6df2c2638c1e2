import { AssignmentRelations } from './assignment-relations.service';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@rtd/audit';
import { callerAccess } from '@rtd/authz';
import {
  actorSubject,
  badInput,
  conflict,
  DomainError,
  feminine,
  notFound,
  parseId,
  RequestContext,
} from '@rtd/kernel';
import { AssignmentRow, EvidenceRow } from './assignments.repository';
import { AssignmentsService } from './assignments.service';
import { EvidenceKind, EvidenceObject } from './dto/assignment.types';
import {
  cleanFileName,
  inspectFile,
  MAX_BYTES_PER_ASSIGNMENT,
  MAX_FILE_BYTES,
  MAX_FILES_PER_ASSIGNMENT,
} from './evidence-content';
import { EVIDENCE_STORAGE } from './evidence-storage';
import type { EvidenceStorage } from './evidence-storage';
import { EvidenceActor, EvidenceRepository } from './evidence.repository';
import { checkObjectiveOpen, nextStatus } from './workflow';

const MAX_DESCRIPTION = 2000;
/** All evidence (links, notes, files) of one assignment, as AssignmentsService.addEvidence counts it. */
const MAX_EVIDENCE_PER_ASSIGNMENT = 200;

/** What an upload will store, fixed when its URL is signed (createEvidenceUpload). */
export interface EvidenceUploadRequest {
  assignmentId: string;
  fileName: string;
  description: string | null;
  replacesId: string | null;
}

/** A stored file, as the download route serves it. */
export interface EvidenceFile {
  fileName: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

const toEvidenceObject = (row: EvidenceRow): EvidenceObject => ({ ...row, kind: row.kind as EvidenceKind });

const labelOf = (e: EvidenceRow) => {
  const text = e.fileName ?? e.url ?? e.description;
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};

/**
 * Evidence files (upload, download) and the removal or replacement of any evidence: who may
 * report on the assignment (its comune's referent, its delegate), while the report is open
 * (workflow.ts, 'evidence'). A removal keeps the row, marked with who removed it and when, writes
 * a history event and an audit entry in the same statement, and deletes a file's bytes.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly relations: AssignmentRelations,
    private readonly repository: EvidenceRepository,
    private readonly audit: AuditTrail,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  /** Checks what an upload will store, before its URL is signed; the upload checks it all again. */
  async prepareUpload(
    ctx: RequestContext,
    input: { assignmentId: string; fileName: string; description: string | null; replacesId: string | null },
  ): Promise<EvidenceUploadRequest> {
    const row = await this.reportable(ctx, input.assignmentId, 'assignmentId');
    const fileName = cleanFileName(input.fileName);
    const description = cleanDescription(input.description);
    const replacesId = input.replacesId ? parseId('replacesEvidenceId', input.replacesId) : null;
    if (replacesId) await this.current(ctx, row, replacesId, 'replacesEvidenceId');
    return { assignmentId: row.id, fileName, description, replacesId };
  }

  /**
   * Stores an uploaded file as evidence of the assignment (and removes the evidence it replaces),
   * or refuses it with nothing stored: an empty file, over 20 MB, a type not accepted (decided from
   * the bytes), over the assignment's bounds (20 files, 100 MB), a report not open.
   */
  async addFile(
    ctx: RequestContext,
    upload: EvidenceUploadRequest,
    content: Buffer,
  ): Promise<EvidenceObject> {
    const row = await this.reportable(ctx, upload.assignmentId, 'assignmentId');
    const facts = await inspectFile(upload.fileName, content);
    const actor = await this.actor(ctx);
    return ctx.atomically(async (db) => {
      const usage = await this.repository.lockAndMeasure(db, row.id);
      const replaced = upload.replacesId
        ? await this.current(ctx, row, upload.replacesId, 'replacesEvidenceId', db)
        : null;
      const freedFiles = replaced?.kind === EvidenceKind.FILE ? 1 : 0;
      const freedBytes = replaced?.size ?? 0;
      if (!replaced && usage.evidence >= MAX_EVIDENCE_PER_ASSIGNMENT) {
        throw badInput('assignmentId', `al massimo ${MAX_EVIDENCE_PER_ASSIGNMENT} evidenze per assegnazione`);
      }
      if (usage.files - freedFiles >= MAX_FILES_PER_ASSIGNMENT) {
        throw badInput(
          'file',
          `al massimo ${MAX_FILES_PER_ASSIGNMENT} file per assegnazione: rimuoverne uno`,
        );
      }
      if (usage.bytes - freedBytes + facts.sizeBytes > MAX_BYTES_PER_ASSIGNMENT) {
        throw badInput(
          'file',
          `i file di un'assegnazione non superano insieme i 100 MB: rimuoverne qualcuno`,
        );
      }
      const description = upload.description ?? facts.fileName;
      const created = await this.repository.insertFile(db, row, facts, description, actor);
      await this.storage.put(
        db,
        {
          evidenceId: created.id,
          consortiumId: row.consortiumId,
          comuneId: row.comuneId,
          assignmentId: row.id,
        },
        content,
      );
      await this.audit.record(db, ctx, {
        action: 'assignment.addEvidence',
        entityType: 'Assignment',
        entityId: row.id,
        consortiumId: row.consortiumId,
        comuneId: row.comuneId,
        details: { evidenceId: created.id, kind: EvidenceKind.FILE, ...facts },
      });
      if (replaced) await this.removeWithin(ctx, db, row, replaced, created);
      return toEvidenceObject(created);
    });
  }

  /** Removes a current evidence (link, note or file): kept as removed, history and audit written. */
  async remove(ctx: RequestContext, evidenceId: string): Promise<EvidenceObject> {
    const { evidence, row } = await this.evidenceToChange(ctx, evidenceId);
    return ctx.atomically(async (db) =>
      toEvidenceObject(await this.removeWithin(ctx, db, row, evidence, null)),
    );
  }

  /** Replaces a current evidence by a link or a note (a file: createEvidenceUpload with replacesEvidenceId). */
  async replace(
    ctx: RequestContext,
    evidenceId: string,
    kind: EvidenceKind,
    url: string | null,
    description: string,
  ): Promise<EvidenceObject> {
    const { evidence, row } = await this.evidenceToChange(ctx, evidenceId);
    if (kind === EvidenceKind.FILE) throw badInput('kind', 'un file si carica con createEvidenceUpload');
    return ctx.atomically(async (db) => {
      const created = await this.assignments.addEvidence(ctx, row.id, kind, url, description);
      await this.removeWithin(ctx, db, row, evidence, created as EvidenceRow);
      return created;
    });
  }

  /**
   * The file of a current FILE evidence, for a caller who may read its assignment (the office,
   * the comune, the delegate); null when there is none (removed, a link, not visible).
   */
  async file(ctx: RequestContext, evidenceId: string): Promise<EvidenceFile | null> {
    const db = await ctx.db();
    const evidence = await this.repository.byId(db, evidenceId);
    if (!evidence || evidence.kind !== EvidenceKind.FILE || evidence.removedAt) return null;
    await this.assignments.get(ctx, evidence.assignmentId);
    const content = await this.storage.get(db, evidence.id, evidence.assignmentId);
    if (!content) return null;
    return {
      fileName: evidence.fileName!,
      contentType: evidence.contentType!,
      sha256: evidence.sha256!,
      content,
    };
  }

  removedEvidence(ctx: RequestContext, assignmentId: string): Promise<EvidenceObject[]> {
    return this.relations.evidence(ctx, assignmentId, true);
  }

  /** The largest file an upload accepts, as createEvidenceUpload announces it. */
  readonly maxFileBytes = MAX_FILE_BYTES;

  // --- internals ---

  private async removeWithin(
    ctx: RequestContext,
    db: EntityManager,
    row: AssignmentRow,
    evidence: EvidenceRow,
    replacement: EvidenceRow | null,
  ): Promise<EvidenceRow> {
    const audit = await this.audit.prepare(ctx, {
      action: 'assignment.removeEvidence',
      entityType: 'Assignment',
      entityId: row.id,
      consortiumId: row.consortiumId,
      comuneId: row.comuneId,
      details: {
        evidenceId: evidence.id,
        kind: evidence.kind,
        description: evidence.description,
        ...(evidence.url ? { url: evidence.url } : {}),
        ...(evidence.fileName
          ? { fileName: evidence.fileName, sha256: evidence.sha256, size: evidence.size }
          : {}),
        ...(replacement ? { replacedBy: replacement.id } : {}),
      },
    });
    const note = replacement
      ? `Evidenza sostituita: «${labelOf(evidence)}» con «${labelOf(replacement)}»`
      : `Evidenza rimossa: «${labelOf(evidence)}»`;
    const removed = await this.repository.removeRecorded(
      db,
      row,
      evidence.id,
      replacement?.id ?? null,
      note,
      await this.actor(ctx),
      audit,
    );
    if (!removed) throw conflict("L'evidenza è già stata rimossa: ricaricare la pagina");
    // The bytes go with the removal: a file put there by mistake (personal data, say) leaves the
    // service; its name, size and SHA-256 stay with the removed evidence for the office.
    if (removed.kind === EvidenceKind.FILE) await this.storage.delete(db, removed.id, row.id);
    this.relations.forgetEvidence(ctx, row.id);
    return removed;
  }

  private async evidenceToChange(
    ctx: RequestContext,
    evidenceId: string,
  ): Promise<{ evidence: EvidenceRow; row: AssignmentRow }> {
    const id = parseId('id', evidenceId);
    const evidence = await this.repository.byId(await ctx.db(), id);
    if (!evidence) throw new DomainError('NOT_FOUND', notFound(feminine('Evidenza')).message, 'id');
    const row = await this.reportable(ctx, evidence.assignmentId, 'id');
    if (evidence.removedAt) throw conflict("L'evidenza è già stata rimossa: ricaricare la pagina");
    return { evidence, row };
  }

  /** A current evidence of this assignment, or NOT_FOUND / CONFLICT on `field`. */
  private async current(
    ctx: RequestContext,
    row: AssignmentRow,
    evidenceId: string,
    field: string,
    db?: EntityManager,
  ): Promise<EvidenceRow> {
    const evidence = await this.repository.byId(db ?? (await ctx.db()), evidenceId);
    if (!evidence || evidence.assignmentId !== row.id) {
      throw new DomainError('NOT_FOUND', notFound(feminine('Evidenza')).message, field);
    }
    if (evidence.removedAt)
      throw conflict("L'evidenza da sostituire è già stata rimossa: ricaricare la pagina");
    return evidence;
  }

  /** The assignment, if the caller reports on it (the comune's side) and its report is open. */
  private async reportable(ctx: RequestContext, assignmentId: string, field: string): Promise<AssignmentRow> {
    let acting;
    try {
      acting = await this.assignments.actingSide(ctx, assignmentId, field);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND' && !error.field) {
        throw new DomainError('NOT_FOUND', error.message, field);
      }
      throw error;
    }
    checkObjectiveOpen(acting.row.objectiveState);
    nextStatus(acting.row.status, acting.side, { kind: 'evidence' });
    return acting.row;
  }

  private async actor(ctx: RequestContext): Promise<EvidenceActor> {
    const { scope } = await callerAccess(ctx);
    return { subject: actorSubject(ctx.actor), personId: scope.personId, requestId: ctx.requestId };
  }
}

function cleanDescription(value: string | null): string | null {
  if (value === null) return null;
  const text = value.trim();
  if (text.length > MAX_DESCRIPTION) throw badInput('description', `al massimo ${MAX_DESCRIPTION} caratteri`);
  return text || null;
}
