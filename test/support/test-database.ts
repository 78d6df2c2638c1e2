import { randomBytes } from 'node:crypto';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { Client } from 'pg';
import {
  APP_CONFIG,
  AppConfig,
  registeredConfigSlices,
  databaseName,
  deriveContextKey,
  loadConfig,
  SET_CONTEXT_SQL,
  signContext,
  withDatabase,
} from '@rtd/kernel';
import { ExportsConfig, loadExportsConfig } from '@rtd/exports';
import { loadNotificationsConfig, NotificationsConfig } from '@rtd/notifications';
import { loadObjectivesConfig, ObjectivesConfig } from '@rtd/objectives';
import { loadPrivacyConfig, PrivacyConfig } from '@rtd/privacy';
import { dropDatabase, ensureDatabase } from '../../apps/cli/src/database-setup';

/**
 * Each test file gets its own database, cloned from the template that global-setup
 * migrated and filled with reference data (municipalities, catalogue). Cloning takes a
 * fraction of a second and keeps files independent.
 */
export const TEMPLATE_ENV = 'RTD_TEST_TEMPLATE_DB';
/** Issuer of the development OIDC provider that global-setup starts for the whole run. */
export const OIDC_ISSUER_ENV = 'RTD_TEST_OIDC_ISSUER';
/** The provider's private signing keys, for tests that forge tokens with bad claims. */
export const IDP_JWKS_FILE_ENV = 'RTD_TEST_IDP_JWKS_FILE';

/**
 * Every setting of a test's processes, flat: the kernel's shared AppConfig and each library's slice
 * (their field names do not overlap). startTestApi and startTestWorker give this one object as
 * APP_CONFIG and as every slice; each reads its own fields.
 */
export type TestConfig = AppConfig & NotificationsConfig & ExportsConfig & ObjectivesConfig & PrivacyConfig;

export interface TestDatabase {
  name: string;
  config: TestConfig;
  drop(): Promise<void>;
}

export function configFor(database: string, env: NodeJS.ProcessEnv = process.env): TestConfig {
  const issuer = env[OIDC_ISSUER_ENV];
  const testEnv = { ...env, NODE_ENV: 'test', ...(issuer ? { OIDC_ISSUER: issuer } : {}) };
  const base = loadConfig(testEnv);
  return {
    ...loadNotificationsConfig(testEnv),
    ...loadExportsConfig(testEnv),
    ...loadObjectivesConfig(testEnv),
    ...loadPrivacyConfig(testEnv),
    ...base,
    databaseUrl: withDatabase(base.databaseUrl, database),
    databaseOwnerUrl: withDatabase(base.databaseOwnerUrl, database),
    databasePoolSize: 10,
    queuePrefix: `rtd_test_${database}`,
    // Tests fire requests faster than any person: the limits are raised, and the rate-limit tests
    // set their own small ones.
    rateLimits: { ...base.rateLimits, person: 100_000, client: 100_000, address: 100_000 },
    // So are the files a person and a consortium may have waiting; the fairness test sets its own.
    exportQueue: { perPerson: 1000, perConsortium: 1000 },
    // Any free port: test files run side by side, each with its API and worker.
    metrics: { ...base.metrics, apiPort: 0, workerPort: 0 },
  };
}

/** The test's configuration as APP_CONFIG and as every library's slice (each reads its own fields). */
export function withTestConfig(builder: TestingModuleBuilder, config: TestConfig): TestingModuleBuilder {
  let overridden = builder.overrideProvider(APP_CONFIG).useValue(config);
  for (const slice of registeredConfigSlices()) {
    overridden = overridden.overrideProvider(slice.token).useValue(config);
  }
  return overridden;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run the tests with "npm test"`);
  const name = `${template.replace(/_tmpl$/, '')}_${randomBytes(4).toString('hex')}`;
  const config = configFor(name);
  await ensureDatabase(
    { adminUrl: config.databaseAdminUrl, ownerUrl: config.databaseOwnerUrl, appUrl: config.databaseUrl },
    { template },
  );
  return {
    name,
    config,
    drop: () => dropDatabase(config.databaseAdminUrl, databaseName(config.databaseUrl)),
  };
}

/**
 * Applies row-level security settings in the open transaction of `client` (a connection as the
 * application role), signed with the key the application holds: what DbSession does.
 */
export async function applySignedSettings(
  client: Client,
  config: Pick<AppConfig, 'dbContextKey'>,
  settings: Record<string, string>,
): Promise<void> {
  await client.query(SET_CONTEXT_SQL, signContext(deriveContextKey(config.dbContextKey), settings));
}
