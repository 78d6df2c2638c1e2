import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { APP_CONFIG, DomainError } from '@rtd/kernel';
import type { AppConfig } from '@rtd/kernel';
import { fiscalCodeProblem } from './fiscal-code';
import { mailAddress } from './mail-address';

/** Who a valid access token speaks for. */
export type VerifiedIdentity =
  | {
      kind: 'person';
      subject: string;
      fiscalCode: string;
      givenName: string | null;
      familyName: string | null;
      email: string | null;
    }
  | { kind: 'client'; subject: string; clientId: string };

/** A verified identity and when its token expires (epoch ms). */
export type VerifiedToken = VerifiedIdentity & { expiresAt: number };

/** Asymmetric algorithms only: `none` and HMAC (a key the client might share) are never accepted. */
const ALGORITHMS = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 30;
const SPID_FISCAL_NUMBER = /^TINIT-([A-Z0-9]{16})$/;
/** A verified token is believed again without its signature check for this long at most (and never past its expiry). */
const VERIFIED_TTL_MS = 5 * 60_000;
/** Tokens remembered at once; the oldest is forgotten first. */
const MAX_VERIFIED = 5_000;

export class AuthenticationError extends DomainError {
  constructor(readonly reason: string) {
    // The reason goes to the logs; the caller only learns that the token was not accepted.
    super('UNAUTHENTICATED', 'Autenticazione richiesta: token di accesso mancante, scaduto o non valido');
  }
}

/**
 * Checks access tokens of the configured issuer with `jose`: discovery once, then a remote
 * JWKS that jose caches and refetches (rate-limited) when an unknown `kid` shows up, so a key
 * rotation at the provider needs no restart. Works the same with Keycloak and the dev-idp.
 */
@Injectable()
export class TokenVerifier {
  private keys: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;
  /**
   * Tokens this process has verified, by their exact text, until they expire or for 5 minutes:
   * the signature check (RS256) was the costliest step of admitting a request. A token changed
   * by one character is another key, so it is checked in full; a token past its `exp` is checked
   * again, and refused.
   */
  private readonly verified = new Map<string, { identity: VerifiedToken; until: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verify(token: string): Promise<VerifiedToken> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.identity;
    if (known) this.verified.delete(token);
    const identity = await this.check(token);
    const until = Math.min(identity.expiresAt, now + VERIFIED_TTL_MS);
    if (until > now) {
      if (this.verified.size >= MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { identity, until });
    }
    return identity;
  }

  private async check(token: string): Promise<VerifiedToken> {
    const keys = await this.jwks();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.config.oidcIssuer,
        audience: this.config.oidcAudience,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWKSTimeout) throw providerUnavailable(error);
      throw new AuthenticationError(
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      );
    }
    return { ...identityOf(payload), expiresAt: Number(payload.exp) * 1000 };
  }

  private jwks(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = null; // try discovery again on the next request
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    const issuer = this.config.oidcIssuer.replace(/\/$/, '');
    let jwksUri: string;
    try {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
      if (metadata.issuer !== this.config.oidcIssuer && metadata.issuer !== issuer) {
        throw new Error(`the provider calls itself ${metadata.issuer}, not ${this.config.oidcIssuer}`);
      }
      if (!metadata.jwks_uri) throw new Error('no jwks_uri in the discovery document');
      jwksUri = metadata.jwks_uri;
    } catch (error) {
      throw providerUnavailable(error);
    }
    return createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }
}

function providerUnavailable(cause: unknown): DomainError {
  const error = new DomainError(
    'SERVICE_UNAVAILABLE',
    'Il servizio di autenticazione non risponde: riprovare tra poco',
  );
  (error as { cause?: unknown }).cause = cause;
  return error;
}

function identityOf(payload: JWTPayload): VerifiedIdentity {
  const subject = String(payload.sub);
  const text = (name: string): string | null => {
    const value = payload[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : null;
  };
  const fiscalNumber = text('fiscal_number');
  if (fiscalNumber !== null) {
    const match = SPID_FISCAL_NUMBER.exec(fiscalNumber.toUpperCase());
    if (!match || fiscalCodeProblem(match[1]) !== null) {
      throw new AuthenticationError(`fiscal_number "${fiscalNumber}" is not a valid TINIT- fiscal code`);
    }
    return {
      kind: 'person',
      subject,
      fiscalCode: match[1],
      givenName: text('given_name'),
      familyName: text('family_name'),
      // The provider's claim is taken only when it is an address mail servers take.
      email: mailAddress(text('email')),
    };
  }
  // Client-credentials tokens: oidc-provider and Keycloak 26 put the client in `client_id`, older Keycloak in `azp`.
  // A person's token always has fiscal_number: without it, only a service account qualifies
  // (oidc-provider sets sub = client id; Keycloak names the account service-account-<client id>).
  const clientId = text('client_id') ?? text('azp');
  const serviceAccount =
    clientId !== null &&
    (subject === clientId || text('preferred_username') === `service-account-${clientId}`);
  if (!serviceAccount)
    throw new AuthenticationError('token names neither a person (fiscal_number) nor a client');
  return { kind: 'client', subject, clientId: clientId! };
}
