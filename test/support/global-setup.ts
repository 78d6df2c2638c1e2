import { ensureDatabase } from '../../apps/cli/src/database-setup';
import { seedDemoTenants } from '@rtd/demo';
import { assertRedisReachable, migrate, ownerDataSource } from '@rtd/platform';
import { loadReferenceData } from '../../apps/cli/src/reference-data';
import { ALL_MIGRATIONS } from '../../migrations';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevIdp } from '../../apps/dev-idp/src/dev-idp';
import { generateSigningKeys } from '../../apps/dev-idp/src/signing-key';
import { configFor, IDP_JWKS_FILE_ENV, OIDC_ISSUER_ENV, TEMPLATE_ENV } from './test-database';

/**
 * Once per `npm test`: a throwaway template database, migrated as the owner role and
 * loaded with the reference data and the demo tenants every test needs. global-teardown drops it and every
 * clone made from it.
 */
export default async function globalSetup(): Promise<void> {
  const template = `rtd_hub_test_${Date.now().toString(36)}_${process.pid}_tmpl`;
  const config = configFor(template);
  await assertRedisReachable(config.redisUrl);
  await ensureDatabase({
    adminUrl: config.databaseAdminUrl,
    ownerUrl: config.databaseOwnerUrl,
    appUrl: config.databaseUrl,
  });
  const owner = ownerDataSource(config, 'rtd-hub-test-setup', ALL_MIGRATIONS);
  await owner.initialize();
  try {
    await migrate(owner, config);
    await owner.transaction(async (db) => {
      await loadReferenceData(db);
      await seedDemoTenants(db);
    });
  } finally {
    await owner.destroy();
  }
  process.env[TEMPLATE_ENV] = template;

  // The provider runs here, in Jest's parent process, rather than inside a test file: oidc-provider
  // is an ESM library that expects its own realm's intrinsics, which Jest's sandbox does not give it.
  // The provider signs with a key the run keeps, so token-attack tests can forge well-signed
  // tokens with bad claims (expired, foreign issuer): the provider itself never mints those.
  const jwksFile = path.join(mkdtempSync(path.join(tmpdir(), 'rtd-idp-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(generateSigningKeys().jwks), { mode: 0o600 });
  process.env[IDP_JWKS_FILE_ENV] = jwksFile;
  const idp = await startDevIdp({ port: 0, jwksFile, log: () => undefined });
  process.env[OIDC_ISSUER_ENV] = idp.issuer;
  (globalThis as { rtdTestIdp?: { close(): Promise<void> } }).rtdTestIdp = idp;
}
