import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CallerAccess } from '@rtd/authz';
import {
  AccessCache,
  AccessLoader,
  AuthenticationError,
  identitySettings,
  TokenVerifier,
  VerifiedIdentity,
  VerifiedToken,
} from '@rtd/identity';
import { Actor, ANONYMOUS, DbSession, RequestContext } from '@rtd/kernel';
import { APP_DATA_SOURCE, APP_REPLICA_DATA_SOURCE, requestIdOf } from '@rtd/platform';
import { bearerToken, GatedRequest } from '../http/graphql-gate.middleware';

/**
 * Builds the RequestContext of one GraphQL request: the caller from its access token, the
 * request id the logs carry, and a lazily opened transaction whose first statements resolve the
 * caller's memberships into the SET LOCAL settings of row-level security.
 */
@Injectable()
export class RequestContextFactory {
  constructor(
    @Inject(APP_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(APP_REPLICA_DATA_SOURCE) private readonly replica: DataSource | null,
    private readonly tokens: TokenVerifier,
    private readonly access: AccessLoader,
    private readonly cache: AccessCache,
  ) {}

  async create(req: GatedRequest): Promise<RequestContext> {
    const requestId = (req as Request & { id?: string }).id ?? requestIdOf(req);
    const verified = req.verifiedToken ?? (await this.verify(req));
    if (typeof verified === 'string') return this.refused(requestId, verified);
    const { token, identity } = verified;
    const base = identitySettings(identity, requestId);
    const cached = this.cache.get(token);
    if (cached) {
      const session = new DbSession(this.dataSource, { ...base, ...cached.settings });
      return new RequestContext(
        requestId,
        actorOf(identity),
        session,
        () => Promise.resolve(cached.access),
        null,
        this.replica,
      );
    }
    // Taken before the memberships are read: if a grant or revoke commits meanwhile, what this
    // request read may be stale, and the cache refuses to keep it.
    const generation = this.cache.generation();
    let access: CallerAccess | undefined;
    const applied: Record<string, string> = {};
    const session = new DbSession(this.dataSource, base, async (db, apply) => {
      access = await this.access.load(db, identity, async (settings) => {
        Object.assign(applied, settings);
        await apply(settings);
      });
      this.cache.set(token, access, applied, identity.expiresAt, generation);
    });
    return new RequestContext(
      requestId,
      actorOf(identity),
      session,
      async () => {
        await session.manager();
        return access;
      },
      null,
      this.replica,
    );
  }

  /**
   * The gate (GraphqlGateMiddleware) verified the token before Apollo parsed anything; this only
   * runs if the gate was not mounted, and refuses the same way. A string is the refusal's reason.
   */
  private async verify(req: Request): Promise<{ token: string; identity: VerifiedToken } | string> {
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (!token) return header ? 'malformed Authorization header' : 'no token';
    try {
      return { token, identity: await this.tokens.verify(token) };
    } catch (error) {
      if (error instanceof AuthenticationError) return error.reason;
      throw error;
    }
  }

  private refused(requestId: string, reason: string): RequestContext {
    return new RequestContext(
      requestId,
      ANONYMOUS,
      new DbSession(this.dataSource, {}),
      () => Promise.resolve(null),
      reason,
    );
  }
}

function actorOf(identity: VerifiedIdentity): Actor {
  return identity.kind === 'person'
    ? {
        kind: 'person',
        subject: identity.subject,
        fiscalCode: identity.fiscalCode,
        displayName: [identity.givenName, identity.familyName].filter(Boolean).join(' ') || null,
      }
    : {
        kind: 'client',
        subject: identity.subject,
        clientId: identity.clientId,
        displayName: identity.clientId,
      };
}
