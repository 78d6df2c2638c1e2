import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { checkDownload, ExportsService } from '@rtd/exports';
import { actorSubject, Actor } from '@rtd/kernel';
import { RequestContextFactory } from '../graphql/request-context.factory';
import { clientAddress } from './graphql-gate.middleware';
import { GraphqlRateLimiter, RateLimitKind, rateLimitedMessage } from './graphql-rate-limiter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GET /downloads/<job>?expires=&signature=: the file of an export job, for the person who asked
 * for it and only while the link lives. The link alone is not enough: the request carries that
 * person's bearer token, and the signature covers their subject, so another person's session
 * is refused (403) as is an expired link (410). The rights are checked again at each download:
 * a person whose role was revoked since the link was issued is refused (403).
 * Downloads count against the same request limits as /graphql: the address's before the token
 * is read, then the person's or machine client's (429 with Retry-After over either).
 */
@Controller('downloads')
export class DownloadController {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly exports: ExportsService,
    private readonly limiter: GraphqlRateLimiter,
  ) {}

  /** Counts the request against `kind`'s limit; over it, answers 429 and returns false. */
  private async admit(res: Response, kind: RateLimitKind, id: string): Promise<boolean> {
    const verdict = await this.limiter.hit(kind, id);
    if (verdict.allowed) return true;
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    res.status(429).json({ error: rateLimitedMessage(verdict.retryAfterSeconds) });
    return false;
  }

  @Get(':id')
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
        res.status(401).json({ error: 'Autenticazione richiesta: accedere di nuovo e scaricare il file' });
        return;
      }
      if (!(await this.admit(res, ...limitOf(ctx.actor)))) return;
      const check = UUID.test(id)
        ? checkDownload(
            this.exports.linkSettings(),
            id,
            expires ?? '',
            signature ?? '',
            actorSubject(ctx.actor),
          )
        : ({ ok: false, reason: 'invalid' } as const);
      if (!check.ok) {
        res.status(check.reason === 'expired' ? 410 : 403).json({
          error:
            check.reason === 'expired'
              ? 'Collegamento scaduto: richiedere di nuovo il file'
              : 'Collegamento non valido per questo utente',
        });
        return;
      }
      const file = await this.exports.file(ctx, id);
      if (file === 'forbidden') {
        res
          .status(403)
          .json({ error: 'Non è più consentito scaricare questo file: i ruoli attuali non lo permettono' });
        return;
      }
      if (!file) {
        res.status(404).json({ error: 'File non trovato' });
        return;
      }
      res.setHeader('Content-Type', file.contentType);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      );
      res.setHeader('Content-Length', String(file.content.length));
      res.status(200).end(file.content);
    } finally {
      await ctx.finish('commit').catch(() => ctx.finish('rollback'));
    }
  }
}

/** The limit a caller's downloads count against: the same key as their GraphQL requests. */
export function limitOf(actor: Actor): [RateLimitKind, string] {
  if (actor.kind === 'client') return ['client', actor.clientId];
  return ['person', actorSubject(actor)];
}
