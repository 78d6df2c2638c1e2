import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { printApiSchema } from '../apps/api/src/graphql/schema-printer';
import { PROJECT_ROOT as ROOT } from './support/paths';
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

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    const given = await request(api.app.getHttpServer()).get('/health/live').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(api.app.getHttpServer())
      .get('/health/live')
      .set('x-request-id', 'bad id; drop');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has the committed schema.gql (run `npm run schema:print` after changing the API)', () => {
    const committed = readFileSync(path.join(ROOT, 'apps/api/schema.gql'), 'utf8');
    expect(printApiSchema(api.app)).toBe(committed);
  });
});
