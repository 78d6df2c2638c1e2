import { readFileSync } from 'node:fs';
import { generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { NO_ROLE, REFERENT_CREMA, RTD_A, tokenFor } from './support/identities';
import { errorCodes, GraphqlResponse, startTestApi, TestApi } from './support/test-app';
import { IDP_JWKS_FILE_ENV, OIDC_ISSUER_ENV } from './support/test-database';

const QUERIES = [
  '{ me { subject } }',
  '{ planEditions { code } }',
  '{ consortia { id name } }',
  'mutation { revokeRole(membershipId: "00000000-0000-4000-8000-000000000000") }',
];

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Authentication', () => {
  let api: TestApi;
  let issuer: string;
  let providerKey: JWK & { kid: string };

  beforeAll(async () => {
    api = await startTestApi();
    issuer = process.env[OIDC_ISSUER_ENV]!;
    providerKey = JSON.parse(readFileSync(process.env[IDP_JWKS_FILE_ENV]!, 'utf8')).keys[0];
  });
  afterAll(() => api.close());

  /** A token with the provider's own key and Anna Moretti's claims, except what `claims` changes. */
  async function forged(
    claims: Record<string, unknown>,
    header: Record<string, unknown> = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key = await importJWK(providerKey, 'RS256');
    return new SignJWT({
      fiscal_number: `TINIT-${REFERENT_CREMA}`,
      given_name: 'Anna',
      family_name: 'Moretti',
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: providerKey.kid, typ: 'at+jwt', ...header })
      .setSubject(REFERENT_CREMA)
      .setIssuer((claims.iss as string) ?? issuer)
      .setAudience((claims.aud as string) ?? 'rtd-hub-api')
      .setIssuedAt((claims.iat as number) ?? now)
      .setExpirationTime((claims.exp as number) ?? now + 600)
      .sign(key);
  }

  async function expectRefusedEverywhere(authorization: string | undefined): Promise<void> {
    for (const query of QUERIES) {
      const res: GraphqlResponse = await api.graphql(
        query,
        undefined,
        authorization ? { authorization } : {},
      );
      expect({ query, codes: errorCodes(res) }).toEqual({ query, codes: ['UNAUTHENTICATED'] });
      expect(res.data).toBeNull();
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.errors)).not.toMatch(/jwt|jws|signature|kid|expired|issuer|audience/i);
    }
  }

  it('accepts a real token of the provider, and a correctly forged one (the fixture is sound)', async () => {
    for (const token of [await tokenFor(REFERENT_CREMA), await forged({})]) {
      const res = await api.graphql('{ me { fiscalCode } }', undefined, { authorization: `Bearer ${token}` });
      expect(res.errors).toBeUndefined();
      expect(res.data!.me.fiscalCode).toBe(REFERENT_CREMA);
    }
  });

  it('refuses a request without a token or with another scheme', async () => {
    await expectRefusedEverywhere(undefined);
    await expectRefusedEverywhere('Basic YWxhZGRpbjpvcGVuc2VzYW1l');
    await expectRefusedEverywhere('Bearer');
  });

  it('refuses an expired token, and one not valid yet', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefusedEverywhere(`Bearer ${await forged({ iat: now - 7200, exp: now - 3600 })}`);
    await expectRefusedEverywhere(`Bearer ${await forged({ nbf: now + 3600 })}`);
  });

  it('refuses a tampered token', async () => {
    const [header, payload, signature] = (await tokenFor(REFERENT_CREMA)).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = b64({ ...claims, fiscal_number: 'TINIT-FRRGLI75C52D142B', sub: 'FRRGLI75C52D142B' });
    await expectRefusedEverywhere(`Bearer ${header}.${tampered}.${signature}`);
  });

  it('refuses alg "none" and an HMAC token keyed with the public key', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      aud: 'rtd-hub-api',
      sub: REFERENT_CREMA,
      fiscal_number: `TINIT-${REFERENT_CREMA}`,
      iat: now,
      exp: now + 600,
    };
    await expectRefusedEverywhere(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: providerKey.kid })
      .sign(new TextEncoder().encode(providerKey.n as string));
    await expectRefusedEverywhere(`Bearer ${hmac}`);
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ fiscal_number: `TINIT-${REFERENT_CREMA}` })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-a-published-key' })
      .setSubject(REFERENT_CREMA)
      .setIssuer(issuer)
      .setAudience('rtd-hub-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    await expectRefusedEverywhere(`Bearer ${token}`);
  });

  it('refuses a foreign issuer and a token for another audience', async () => {
    await expectRefusedEverywhere(
      `Bearer ${await forged({ iss: 'https://idp.esempio.invalid/realms/altro' })}`,
    );
    await expectRefusedEverywhere(`Bearer ${await forged({ aud: 'another-api' })}`);
  });

  it('refuses a person token whose fiscal number is not a valid fiscal code', async () => {
    await expectRefusedEverywhere(`Bearer ${await forged({ fiscal_number: 'TINIT-MRTNNA70S63D142X' })}`);
  });

  it("answers `me` with the caller's memberships (done-when of issue 3)", async () => {
    const res = await api.as(REFERENT_CREMA).graphql(`{ me { fiscalCode displayName
      memberships { role grantedAt comune { istatCode } consortium { name } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.me).toMatchObject({
      fiscalCode: REFERENT_CREMA,
      displayName: 'Anna Moretti',
      memberships: [
        {
          role: 'COMUNE_REFERENT',
          comune: { istatCode: '019035' },
          consortium: { name: "Ufficio RTD associato dell'Area Cremasca" },
        },
      ],
    });
    expect(res.data!.me.memberships[0].grantedAt).toMatch(/^\d{4}-\d\d-\d\dT.*(Z|[+-]\d\d:\d\d)$/);
  });

  it('lets a person with no role log in and see nothing', async () => {
    const francesca = api.as(NO_ROLE);
    const me = await francesca.graphql('{ me { fiscalCode displayName memberships { role } } }');
    expect(me.data!.me).toEqual({ fiscalCode: NO_ROLE, displayName: 'Francesca Villa', memberships: [] });
    const lists = await francesca.graphql('{ planEditions { code } consortia { id } }');
    expect(lists.data).toEqual({ planEditions: [], consortia: [] });
  });

  it('applies a grant and a revoke to the very next request, despite the cache of rights', async () => {
    const francesca = api.as(NO_ROLE);
    const memberships = async () =>
      (await francesca.graphql('{ me { memberships { id role } } }')).data!.me.memberships as {
        id: string;
      }[];
    expect(await memberships()).toEqual([]);
    const crema = (await api.as(RTD_A).graphql('{ comuneByIstatCode(istatCode: "019035") { id } }')).data!
      .comuneByIstatCode.id;
    const granted = await api
      .as(RTD_A)
      .graphql(
        `mutation($c: ID!) { grantRole(input: { fiscalCode: "${NO_ROLE}", role: COMUNE_VIEWER, comuneId: $c }) { id } }`,
        {
          c: crema,
        },
      );
    expect(await memberships()).toEqual([{ id: granted.data!.grantRole.id, role: 'COMUNE_VIEWER' }]);
    await api
      .as(RTD_A)
      .graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: granted.data!.grantRole.id });
    expect(await memberships()).toEqual([]);
  });
});
