import { Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EvidenceService, MAX_FILE_BYTES, tooLarge } from '@rtd/assignments';
import { EvidenceLinks, LinkCheck } from '@rtd/exports';
import { DomainError, ErrorCode, RequestContext } from '@rtd/kernel';
import { RequestContextFactory } from '../graphql/request-context.factory';
import { limitOf } from './download.controller';
import { clientAddress } from './graphql-gate.middleware';
import { GraphqlRateLimiter, RateLimitKind, rateLimitedMessage } from './graphql-rate-limiter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_COMPLEX: 400,
  SERVICE_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
};

/** A body read up to the limit: the bytes, or `tooLarge` (read to its end and dropped). */
type Body = { bytes: Buffer } | { tooLarge: true };

/**
 * Evidence files over HTTP (docs/evidence-files.md), the two halves GraphQL does not carry:
 *
 * - POST /uploads/evidence/<assignment>?name=&description=&replaces=&expires=&signature= with the
 *   file as the raw body (any content type but JSON or a form) and the bearer token of the person
 *   the URL was signed for (createEvidenceUpload): 201 and `{ evidence }`, or an error as GraphQL
 *   words it, `{ errors: [{ message, extensions: { code, field } }] }`, and nothing stored.
 * - GET /downloads/evidence/<id>?expires=&signature=: the file, as an attachment, never sniffed.
 *
 * Both count against the request limits, as /graphql and the exports' downloads do.
 */
@Controller()
export class EvidenceFilesController {
  private readonly logger = new Logger(EvidenceFilesController.name);

  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly links: EvidenceLinks,
    private readonly evidence: EvidenceService,
    private readonly limiter: GraphqlRateLimiter,
  ) {}

  @Post('uploads/evidence/:assignmentId')
  async upload(
    @Param('assignmentId') assignmentId: string,
    @Query() query: Record<string, string | undefined>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (!(await this.admit(res, 'address', clientAddress(req)))) return void req.resume();
    if (req.readableEnded || (req as { _body?: boolean })._body) {
      return refuse(
        res,
        415,
        'BAD_USER_INPUT',
        'Campo "file": inviare il file così com\'è nel corpo della richiesta (application/octet-stream)',
        'file',
      );
    }
    const ctx = await this.contexts.create(req);
    let outcome: 'commit' | 'rollback' = 'rollback';
    try {
      if (ctx.authenticationFailure) {
        req.resume();
        res.setHeader('WWW-Authenticate', 'Bearer');
        return refuse(
          res,
          401,
          'UNAUTHENTICATED',
          'Autenticazione richiesta: accedere di nuovo e ricaricare il file',
        );
      }
      if (!(await this.admit(res, ...limitOf(ctx.actor)))) return void req.resume();
      const terms = {
        assignmentId,
        fileName: query.name ?? '',
        description: query.description ?? null,
        replacesId: query.replaces ?? null,
      };
      const check: LinkCheck = UUID.test(assignmentId)
        ? this.links.checkUpload(ctx, terms, query.expires ?? '', query.signature ?? '')
        : { ok: false, reason: 'invalid' };
      if (!check.ok) {
        req.resume();
        return refuse(
          res,
          check.reason === 'expired' ? 410 : 403,
          'FORBIDDEN',
          check.reason === 'expired'
            ? 'Indirizzo di caricamento scaduto: ripetere il caricamento'
            : 'Indirizzo di caricamento non valido per questo utente',
        );
      }
      const body = await readBody(req, MAX_FILE_BYTES);
      if ('tooLarge' in body) {
        const error = tooLarge();
        return refuse(res, 413, error.code, error.message, error.field);
      }
      const created = await this.evidence.addFile(ctx, terms, body.bytes);
      outcome = 'commit';
      res.status(201).json({ evidence: created });
    } catch (error) {
      this.answerError(res, req, error);
    } finally {
      await finish(ctx, outcome);
    }
  }

  @Get('downloads/evidence/:id')
  async download(
    @Param('id') id: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    if (!(await this.admit(res, 'address', clientAddress(req)))) return;
    const ctx = await this.contexts.create(req);
    try {
      if (ctx.authenticationFailure) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return refuse(
          res,
          401,
          'UNAUTHENTICATED',
          'Autenticazione richiesta: accedere di nuovo e scaricare il file',
        );
      }
      if (!(await this.admit(res, ...limitOf(ctx.actor)))) return;
      const check: LinkCheck = UUID.test(id)
        ? this.links.checkDownload(ctx, id, expires ?? '', signature ?? '')
        : { ok: false, reason: 'invalid' };
      if (!check.ok) {
        return refuse(
          res,
          check.reason === 'expired' ? 410 : 403,
          'FORBIDDEN',
          check.reason === 'expired'
            ? 'Collegamento scaduto: richiedere di nuovo il file'
            : 'Collegamento non valido per questo utente',
        );
      }
      const file = await this.evidence.file(ctx, id);
      if (!file) return refuse(res, 404, 'NOT_FOUND', 'File non trovato o rimosso');
      const text = file.contentType.startsWith('text/');
      res.setHeader('Content-Type', text ? `${file.contentType}; charset=utf-8` : file.contentType);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      );
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
      res.setHeader('Content-Length', String(file.content.length));
      res.status(200).end(file.content);
    } catch (error) {
      this.answerError(res, req, error);
    } finally {
      await finish(ctx, 'commit');
    }
  }

  /** Counts the request against `kind`'s limit; over it, answers 429 and returns false. */
  private async admit(res: Response, kind: RateLimitKind, id: string): Promise<boolean> {
    const verdict = await this.limiter.hit(kind, id);
    if (verdict.allowed) return true;
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    refuse(res, 429, 'RATE_LIMITED', rateLimitedMessage(verdict.retryAfterSeconds));
    return false;
  }

  private answerError(res: Response, req: Request, error: unknown): void {
    if (!req.readableEnded) req.resume();
    if (error instanceof DomainError)
      return refuse(res, STATUS[error.code], error.code, error.message, error.field);
    this.logger.error(error instanceof Error ? error.stack : String(error));
    refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'Errore interno: riprovare più tardi');
  }
}

function refuse(res: Response, status: number, code: string, message: string, field?: string): void {
  if (res.headersSent) return;
  res.status(status).json({ errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] });
}

async function finish(ctx: RequestContext, outcome: 'commit' | 'rollback'): Promise<void> {
  await ctx.finish(outcome).catch(() => ctx.finish('rollback'));
}

/**
 * The request's body, up to `limit` bytes. Past the limit, it is read on and dropped (so the
 * client reads the answer rather than a reset connection), and the connection closed past twice.
 */
function readBody(req: Request, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (over) {
        chunks.length = 0;
        if (size > 2 * limit) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? { tooLarge: true } : { bytes: Buffer.concat(chunks, size) }));
    req.on('error', (error) => (over ? resolve({ tooLarge: true }) : reject(error)));
    req.on('close', () => over && resolve({ tooLarge: true }));
  });
}
