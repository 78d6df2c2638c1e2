import { isIPv6 } from 'node:net';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AuthenticationError, TokenVerifier, VerifiedToken } from '@rtd/identity';
import { DomainError, metrics } from '@rtd/kernel';
import { requestIdOf } from '@rtd/platform';
import { GraphqlRateLimiter, RateLimitKind } from './graphql-rate-limiter';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/** The access token of an `Authorization: Bearer ...` header, if it has that form. */
export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** A request the gate let through: its token, already verified. */
export type GatedRequest = Request & { verifiedToken?: { token: string; identity: VerifiedToken } };

const UNAUTHENTICATED_MESSAGE = 'Autenticazione richiesta: token di accesso mancante, scaduto o non valido';

/**
 * The wall in front of /graphql, ahead of Apollo (so before any GraphQL parsing or validation):
 * the address's request limit, then the bearer token (jose, cached JWKS), then the person's or
 * machine client's limit. A refused request costs a Redis round trip and at most a signature
 * check, whatever document it carries; its answer is GraphQL-shaped (`errors[0].extensions.code`
 * UNAUTHENTICATED 401, RATE_LIMITED 429 with Retry-After, SERVICE_UNAVAILABLE 503).
 */
@Injectable()
export class GraphqlGateMiddleware implements NestMiddleware {
  constructor(
    private readonly tokens: TokenVerifier,
    private readonly limiter: GraphqlRateLimiter,
    private readonly logger: Logger,
  ) {}

  async use(req: GatedRequest, res: Response, next: NextFunction): Promise<void> {
    // A preflight, or the development sandbox page (GET without a document): nothing to parse.
    if (req.method === 'OPTIONS' || isLandingPage(req)) return next();
    const requestId = (req as Request & { id?: string }).id ?? requestIdOf(req);
    if (!(await this.admit(res, 'address', clientAddress(req), requestId))) return;
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (!token)
      return this.unauthenticated(res, requestId, header ? 'malformed Authorization header' : 'no token');
    let identity: VerifiedToken;
    try {
      identity = await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError) return this.unauthenticated(res, requestId, error.reason);
      if (error instanceof DomainError) {
        metrics.gateRefused('unavailable');
        return refuse(res, 503, error.code, error.message);
      }
      throw error;
    }
    const [kind, id] =
      identity.kind === 'person'
        ? (['person', identity.subject] as const)
        : (['client', identity.clientId] as const);
    if (!(await this.admit(res, kind, id, requestId))) return;
    req.verifiedToken = { token, identity };
    next();
  }

  private async admit(res: Response, kind: RateLimitKind, id: string, requestId: string): Promise<boolean> {
    const verdict = await this.limiter.hit(kind, id);
    if (verdict.allowed) return true;
    metrics.gateRefused('rate_limited', kind);
    // Who is over the limit stays out of the log line (a subject may be a fiscal code): the kind is enough.
    this.logger.warn({ requestId, limit: kind, count: verdict.count }, 'rate limit exceeded', 'RateLimit');
    res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    refuse(
      res,
      429,
      'RATE_LIMITED',
      `Troppe richieste in poco tempo: riprovare tra ${verdict.retryAfterSeconds} secondi`,
    );
    return false;
  }

  private unauthenticated(res: Response, requestId: string, reason: string): void {
    // The reason stays in the logs: the answer is the same for a missing, expired, tampered or foreign token.
    this.logger.log({ requestId, reason }, 'token refused');
    metrics.gateRefused('unauthenticated');
    refuse(res, 401, 'UNAUTHENTICATED', UNAUTHENTICATED_MESSAGE);
  }
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

function isLandingPage(req: Request): boolean {
  return (
    req.method === 'GET' &&
    (req.headers.accept ?? '').includes('text/html') &&
    !new URL(req.originalUrl, 'http://localhost').searchParams.has('query')
  );
}

/**
 * The caller's address as the limit counts it: the socket's (or, with TRUST_PROXY_HOPS, the one
 * the proxies report); an IPv4 address inside IPv6 as IPv4, and an IPv6 address by its /64, the
 * block one subscriber usually holds.
 */
export function clientAddress(req: Request): string {
  const raw = req.ip ?? req.socket.remoteAddress ?? 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped) return mapped[1];
  if (!isIPv6(raw)) return raw;
  const [head, tail = ''] = raw.split('::');
  const left = head ? head.split(':') : [];
  const right = raw.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
