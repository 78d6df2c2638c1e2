import { Injectable } from '@nestjs/common';
import { badInput, RequestContext } from '@rtd/kernel';
import { ComuneObject, ConsortiumObject } from '@rtd/tenancy';
import { ExportKindEnum } from './dto/export.types';
import { ComuneSheet, ExportData } from './export-data';
import { renderMonitoring } from './monitoring/monitoring-xlsx';
import { renderScheda } from './scheda/scheda-pdf';

export const CONTENT_TYPE = {
  SCHEDA_COMUNE_PDF: 'application/pdf',
  MONITORING_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CONSORTIUM_REPORT_PDF: 'application/pdf',
  CONSORTIUM_REPORT_XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The two files a comune's people and its office ask for; the periodic report is the consortium's. */
export type ComuneFileKind = ExportKindEnum.SCHEDA_COMUNE_PDF | ExportKindEnum.MONITORING_XLSX;

/** What one scheda or monitoring sheet shows: one comune, or every member of the consortium. */
export interface ComuneFileScope {
  consortium: ConsortiumObject;
  comune: ComuneObject | null;
}

export interface BuiltFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  /** The edition a monitoring sheet shows (null for the scheda). */
  edition: string | null;
}

export const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * The scheda per comune (PDF) and the monitoring sheet (XLSX): the data read through the same
 * services as the API, in the transaction of whoever the context names (the worker acts as the
 * requester, JobContext.forRequester), then rendered in memory.
 */
@Injectable()
export class ComuneFiles {
  constructor(private readonly data: ExportData) {}

  /** The consortium and (null: all its members) the comune of a job, as the context may read them. */
  async scope(ctx: RequestContext, consortiumId: string, comuneId: string | null): Promise<ComuneFileScope> {
    const consortium = await this.data.consortium(ctx, consortiumId);
    return { consortium, comune: comuneId ? await this.data.comune(ctx, comuneId) : null };
  }

  /** The comuni of the file, by name: the one asked for, or every member of the consortium. */
  async comuni(ctx: RequestContext, scope: ComuneFileScope): Promise<ComuneObject[]> {
    return scope.comune ? [scope.comune] : this.data.members(ctx, scope.consortium.id);
  }

  sheet(ctx: RequestContext, consortium: ConsortiumObject, comune: ComuneObject): Promise<ComuneSheet> {
    return this.data.comuneSheet(ctx, consortium, comune);
  }

  /** The edition asked for, refused (BAD_USER_INPUT naming `edition`) unless the catalogue has it. */
  async checkEdition(ctx: RequestContext, asked: string): Promise<string> {
    const editions = await this.data.editions(ctx);
    if (!editions.includes(asked))
      throw badInput('edition', `edizione sconosciuta; disponibili: ${editions.join(', ')}`);
    return asked;
  }

  /**
   * The editions of the monitoring sheet: the one asked for; without one, every edition the
   * activities use (none left out: a comune may have 2022-2024 and 2024-2026 activities), else
   * the latest.
   */
  async editionsOf(ctx: RequestContext, asked: string | null, sheets: ComuneSheet[]): Promise<string[]> {
    if (asked !== null) return [await this.checkEdition(ctx, asked)];
    const used = new Set<string>();
    for (const sheet of sheets) for (const a of sheet.assignments) used.add(a.edition);
    if (used.size > 0) return [...used].sort();
    const editions = await this.data.editions(ctx);
    return [[...editions].sort().at(-1) ?? '2024-2026'];
  }

  /** The scheda of these sheets, as one PDF. */
  async scheda(scope: ComuneFileScope, sheets: ComuneSheet[], today: string): Promise<BuiltFile> {
    return {
      fileName: `${scope.comune ? 'scheda-comune' : 'schede-comuni'}-${this.name(scope)}.pdf`,
      contentType: CONTENT_TYPE.SCHEDA_COMUNE_PDF,
      content: await renderScheda(sheets, today),
      edition: null,
    };
  }

  /** The monitoring sheet of these sheets against every line of each edition, one sheet per edition. */
  async monitoring(
    ctx: RequestContext,
    scope: ComuneFileScope,
    sheets: ComuneSheet[],
    editions: string[],
    today: string,
  ): Promise<BuiltFile> {
    const withLines = [];
    for (const edition of editions)
      withLines.push({ edition, lines: await this.data.editionLines(ctx, edition) });
    return {
      fileName: `monitoraggio-${this.name(scope)}-${editions.join('_')}.xlsx`,
      contentType: CONTENT_TYPE.MONITORING_XLSX,
      content: await renderMonitoring(sheets, withLines, today),
      // The job's edition: the one it holds; several are named in the file and its name.
      edition: editions.length === 1 ? editions[0] : null,
    };
  }

  private name(scope: ComuneFileScope): string {
    return scope.comune
      ? `${slug(scope.comune.name)}-${scope.comune.istatCode}`
      : slug(scope.consortium.name);
  }
}
