import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { configureBodyLimit, configureHttp } from '../../apps/api/src/http/configure-http';
import { tokenFor } from './identities';
import { createTestDatabase, TestConfig, TestDatabase, withTestConfig } from './test-database';

export interface GraphqlResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; field?: string }; path?: (string | number)[] }[];
}

export interface TestApi {
  app: INestApplication;
  db: TestDatabase;
  config: TestConfig;
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlResponse<T>>;
  /** The same, with a real access token of a demo person (fiscal code) or machine client (client id). */
  as(who: string): {
    graphql<T = Record<string, any>>(
      query: string,
      variables?: Record<string, unknown>,
    ): Promise<GraphqlResponse<T>>;
  };
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Also the HTTP layer of apps/api/src/main.ts: security headers and the web app at `/`. */
  http?: boolean;
}

/** The real API on its own cloned database; requests go over HTTP through supertest. */
export async function startTestApi(
  overrides: Partial<TestConfig> = {},
  options: TestApiOptions = {},
): Promise<TestApi> {
  const db = await createTestDatabase();
  const config: TestConfig = { ...db.config, ...overrides };
  const moduleRef = await withTestConfig(
    Test.createTestingModule({ imports: [AppModule] }),
    config,
  ).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  if (options.http) configureHttp(app, config);
  else configureBodyLimit(app);
  await app.init();
  const graphql: TestApi['graphql'] = async (query, variables, headers = {}) => {
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .set({ 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers })
      .send({ query, variables });
    return { status: response.status, data: response.body.data ?? null, errors: response.body.errors };
  };
  return {
    app,
    db,
    config,
    graphql,
    as: (who) => ({
      graphql: async (query, variables) =>
        graphql(query, variables, { authorization: `Bearer ${await tokenFor(who)}` }),
    }),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export function errorCodes(response: GraphqlResponse): (string | undefined)[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}
