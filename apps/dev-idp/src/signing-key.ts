import { createHash, createPrivateKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface PrivateRsaJwk {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
  n: string;
  e: string;
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

export interface SigningKeys {
  /** The private JWKS handed to oidc-provider, which publishes only the public halves. */
  jwks: { keys: PrivateRsaJwk[] };
  /** kid of the key that signs access tokens. */
  kid: string;
}

/** A fresh RSA 2048 key; its kid is the RFC 7638 thumbprint, so it names the key, not the run. */
export function generateSigningKeys(): SigningKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = toSigningJwk(privateKey.export({ format: 'jwk' }) as Record<string, unknown>, 'generated key');
  return { jwks: { keys: [key] }, kid: key.kid };
}

/**
 * Keys from a JWKS file keep tokens verifiable across restarts (an API caching the JWKS does not
 * see a kid change). Only RSA private keys are accepted: access tokens are RS256 by contract.
 */
export function loadSigningKeys(file: string): SigningKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`DEV_IDP_JWKS_FILE ${file}: cannot read a JSON document (${(error as Error).message})`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error(`DEV_IDP_JWKS_FILE ${file}: expected a JWKS, {"keys": [ ...private RSA JWKs ]}`);
  }
  const jwks = keys.map((jwk: unknown, index) =>
    toSigningJwk(jwk, `DEV_IDP_JWKS_FILE ${file}, keys[${index}]`),
  );
  const kids = new Set(jwks.map((jwk) => jwk.kid));
  if (kids.size !== jwks.length) {
    throw new Error(`DEV_IDP_JWKS_FILE ${file}: duplicate kid`);
  }
  return { jwks: { keys: jwks }, kid: jwks[0].kid };
}

/** RFC 7638 thumbprint of an RSA key: SHA-256 over the required members in lexicographic order. */
export function rsaThumbprint(jwk: { e: string; n: string }): string {
  return createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n }))
    .digest('base64url');
}

const PRIVATE_MEMBERS = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const;

function toSigningJwk(input: unknown, label: string): PrivateRsaJwk {
  const jwk = (input ?? {}) as Record<string, unknown>;
  if (jwk.kty !== 'RSA') {
    throw new Error(`${label}: only RSA keys are supported (kty "${String(jwk.kty)}")`);
  }
  for (const member of PRIVATE_MEMBERS) {
    if (typeof jwk[member] !== 'string' || jwk[member] === '') {
      throw new Error(`${label}: not a private RSA JWK (missing "${member}")`);
    }
  }
  if (jwk.alg !== undefined && jwk.alg !== 'RS256') {
    throw new Error(`${label}: alg must be RS256 (got "${String(jwk.alg)}")`);
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    throw new Error(`${label}: use must be "sig" (got "${String(jwk.use)}")`);
  }
  const members = Object.fromEntries(PRIVATE_MEMBERS.map((m) => [m, jwk[m] as string])) as Pick<
    PrivateRsaJwk,
    (typeof PRIVATE_MEMBERS)[number]
  >;
  try {
    const key: JsonWebKey = { kty: 'RSA', ...members };
    const size = createPrivateKey({ key, format: 'jwk' }).asymmetricKeyDetails?.modulusLength;
    if (size !== undefined && size < 2048) {
      throw new Error(`modulus of ${size} bits, at least 2048 required`);
    }
  } catch (error) {
    throw new Error(`${label}: unusable RSA key (${(error as Error).message})`);
  }
  const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : rsaThumbprint(members);
  return { kty: 'RSA', kid, alg: 'RS256', use: 'sig', ...members };
}
