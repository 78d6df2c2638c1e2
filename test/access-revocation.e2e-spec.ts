import type { Redis } from 'ioredis';
import { AuditTrail } from '@rtd/audit';
import { AccessCache, AccessInvalidation, AccessLoader } from '@rtd/identity';
import { NO_ROLE, RTD_A, tokenFor } from './support/identities';
import { RunningApi, startApiProcess } from './support/processes';
import { errorCodes, GraphqlResponse, startTestApi, TestApi } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const READ_COMUNE = `query($id: ID!) { comune(id: $id) { name } }`;
const CREMA = `{ comuneByIstatCode(istatCode: "019035") { id } }`;
const GRANT = `mutation($c: ID!) {
  grantRole(input: { fiscalCode: "${NO_ROLE}", role: COMUNE_VIEWER, comuneId: $c }) { id } }`;
const REVOKE = `mutation($id: ID!) { revokeRole(membershipId: $id) }`;

/** Francesca Villa read Crema: true; refused (the comune is not found for her): false. */
function readCrema(res: GraphqlResponse): boolean {
  if (res.data?.comune) return true;
  expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  return false;
}

/**
 * Issue 12, point 3: a revoked role stopped working only when the rights cache expired (15 s),
 * because the cache was cleared inside the revoke's transaction, before its commit, and only in
 * the instance that revoked.
 */
describe('Revoking a role', () => {
  describe('in one API instance', () => {
    let api: TestApi;
    let crema: string;

    beforeAll(async () => {
      api = await startTestApi();
      crema = (await api.as(RTD_A).graphql(CREMA)).data!.comuneByIstatCode.id;
    });
    afterAll(() => api.close());
    afterEach(() => jest.restoreAllMocks());

    const francesca = () => api.as(NO_ROLE).graphql(READ_COMUNE, { id: crema });
    const grant = async () => (await api.as(RTD_A).graphql(GRANT, { c: crema })).data!.grantRole.id as string;
    const revoke = async (id: string) => {
      const res = await api.as(RTD_A).graphql(REVOKE, { id });
      expect(res.data).toEqual({ revokeRole: true });
    };

    it('keeps rights in the cache between requests (so the tests below exercise it)', async () => {
      const membership = await grant();
      const load = jest.spyOn(AccessLoader.prototype, 'load');
      expect(readCrema(await francesca())).toBe(true);
      expect(readCrema(await francesca())).toBe(true);
      const francescaLoads = load.mock.calls.filter(([, identity]) => identity.subject === NO_ROLE);
      expect(francescaLoads).toHaveLength(1);
      await revoke(membership);
      expect(readCrema(await francesca())).toBe(false);
    });

    it('does not keep the rights a request read while the revoke was not yet committed', async () => {
      const membership = await grant();
      let readDuringRevoke: boolean | null = null;
      const record = AuditTrail.prototype.record;
      jest.spyOn(AuditTrail.prototype, 'record').mockImplementation(async function (
        this: AuditTrail,
        ...args
      ) {
        await record.apply(this, args);
        if (args[2].action === 'membership.revoke') {
          // The membership is revoked in the transaction, which commits only when the answer is ready.
          readDuringRevoke = readCrema(await francesca());
        }
      });
      await revoke(membership);
      expect(readDuringRevoke).toBe(true); // concurrent with the revoke: the old rights still applied
      expect(readCrema(await francesca())).toBe(false);
    });

    it('does not store rights whose reading began before a revoke committed', async () => {
      const membership = await grant();
      let armed = true;
      const load = AccessLoader.prototype.load;
      jest.spyOn(AccessLoader.prototype, 'load').mockImplementation(async function (
        this: AccessLoader,
        ...args
      ) {
        const access = await load.apply(this, args);
        if (armed && args[1].subject === NO_ROLE) {
          armed = false;
          // Francesca's memberships are read; the whole revoke runs and commits before she stores them.
          await revoke(membership);
        }
        return access;
      });
      expect(readCrema(await francesca())).toBe(true); // concurrent with the revoke
      expect(armed).toBe(false);
      expect(readCrema(await francesca())).toBe(false);
    });
  });

  describe('when the subscription to invalidations is lost', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi();
    });
    afterAll(() => api.close());

    it('stops using the cache, and starts again from an empty one once resubscribed', async () => {
      const cache = api.app.get(AccessCache);
      const token = await tokenFor(RTD_A);
      expect((await api.as(RTD_A).graphql('{ me { subject } }')).errors).toBeUndefined();
      expect(cache.get(token)).toBeDefined();
      // Drop the subscriber's connection as a network failure would; ioredis reconnects by itself.
      const { subscriber } = api.app.get(AccessInvalidation) as unknown as { subscriber: Redis };
      const listeningOnClose = new Promise<boolean>((resolve) =>
        subscriber.once('close', () => resolve(cache.isListening())),
      );
      subscriber.disconnect(true);
      expect(await listeningOnClose).toBe(false);
      expect(cache.get(token)).toBeUndefined();
      expect((await api.as(RTD_A).graphql('{ me { subject } }')).errors).toBeUndefined();
      for (let i = 0; i < 100 && !cache.isListening(); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(cache.isListening()).toBe(true);
      expect(cache.get(token)).toBeUndefined();
      expect((await api.as(RTD_A).graphql('{ me { subject } }')).errors).toBeUndefined();
      expect(cache.get(token)).toBeDefined();
    });
  });

  describe('across two API processes sharing the database and Redis', () => {
    let db: TestDatabase;
    const apis: RunningApi[] = [];
    const ports: number[] = [];

    beforeAll(async () => {
      db = await createTestDatabase();
      apis.push(...(await Promise.all([startApiProcess(db.config), startApiProcess(db.config)])));
      ports.push(...apis.map((api) => api.port));
    });
    afterAll(async () => {
      for (const api of apis) await api.stop();
      await db.drop();
    });

    async function graphql(
      instance: number,
      who: string,
      query: string,
      variables = {},
    ): Promise<GraphqlResponse<any>> {
      const answer = await fetch(`http://127.0.0.1:${ports[instance]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(who)}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await answer.json()) as { data?: any; errors?: GraphqlResponse['errors'] };
      return { status: answer.status, data: body.data ?? null, errors: body.errors };
    }

    it('refuses on the second instance, within 1 s, a role revoked on the first', async () => {
      const crema = (await graphql(0, RTD_A, CREMA)).data!.comuneByIstatCode.id;
      const granted = await graphql(0, RTD_A, GRANT, { c: crema });
      const membership = granted.data!.grantRole.id;
      // Francesca reads Crema through the second instance, which caches her rights.
      for (let i = 0; i < 3; i++)
        expect(readCrema(await graphql(1, NO_ROLE, READ_COMUNE, { id: crema }))).toBe(true);

      expect((await graphql(0, RTD_A, REVOKE, { id: membership })).data).toEqual({ revokeRole: true });
      const revokedAt = Date.now();
      let refusedAfter: number | null = null;
      while (Date.now() - revokedAt < 3000) {
        if (!readCrema(await graphql(1, NO_ROLE, READ_COMUNE, { id: crema }))) {
          refusedAfter = Date.now() - revokedAt;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(refusedAfter).not.toBeNull();
      expect(refusedAfter!).toBeLessThan(1000);
    });
  });
});
