import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { printApiSchema } from '../apps/api/src/graphql/schema-printer';
import { PROJECT_ROOT as ROOT } from './support/paths';
import { Client } from 'pg';
import { RTD_A, tokenFor } from './support/identities';
import { demoIds } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';

describe('Operations', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  describe('health', () => {
    it('is live', async () => {
      const res = await request(api.app.getHttpServer()).get('/health/live');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('is ready when PostgreSQL and Redis answer', async () => {
      const res = await request(api.app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.checks).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
    });

    it('says which dependency is down', async () => {
      const noRedis = await startTestApi({ redisUrl: 'redis://127.0.0.1:1' });
      try {
        const res = await request(noRedis.app.getHttpServer()).get('/health/ready');
        expect(res.status).toBe(503);
        expect(res.body.checks.postgres).toEqual({ status: 'up' });
        expect(res.body.checks.redis.status).toBe('down');
      } finally {
        await noRedis.close();
      }
    });
  });

  it('draws its own X-Request-Id for every request, whatever the caller sends', async () => {
    const ids = new Set<string>();
    for (const sent of ['abc-123', 'abc-123', 'bad id; drop', 'x'.repeat(5_000)]) {
      const res = await request(api.app.getHttpServer()).get('/health/live').set('x-request-id', sent);
      expect(res.headers['x-request-id']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
      ids.add(res.headers['x-request-id']);
    }
    expect(ids.size).toBe(4);
  });

  it("records the API's request id in the audit log, never the caller's (issue 26, point 9)", async () => {
    const ids = await demoIds(api);
    const owner = new Client({ connectionString: api.db.config.databaseOwnerUrl });
    await owner.connect();
    try {
      for (const sent of ['forged-id-of-another-request', '<script>x</script>', 'y'.repeat(100)]) {
        const res = await request(api.app.getHttpServer())
          .post('/graphql')
          .set({
            'content-type': 'application/json',
            'apollo-require-preflight': 'true',
            authorization: `Bearer ${await tokenFor(RTD_A)}`,
            'x-request-id': sent,
          })
          .send({
            query: `mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`,
            variables: {
              i: { fiscalCode: 'VLLFNC90M48F205H', role: 'COMUNE_VIEWER', comuneId: ids.pandino },
            },
          });
        expect(res.body.errors).toBeUndefined();
        const { rows } = await owner.query(
          `SELECT request_id FROM audit_log WHERE action = 'membership.grant' ORDER BY id DESC LIMIT 1`,
        );
        expect(rows[0].request_id).toBe(res.headers['x-request-id']);
        expect(rows[0].request_id).not.toBe(sent);
        // Revoked again, so the next grant writes a new entry.
        await api.as(RTD_A).graphql(`mutation($m: ID!) { revokeRole(membershipId: $m) }`, {
          m: res.body.data.grantRole.id,
        });
      }
    } finally {
      await owner.end();
    }
  });

  it('has the committed schema.gql (run `npm run schema:print` after changing the API)', () => {
    const committed = readFileSync(path.join(ROOT, 'apps/api/schema.gql'), 'utf8');
    expect(printApiSchema(api.app)).toBe(committed);
  });
});
