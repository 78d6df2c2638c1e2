import 'reflect-metadata';
import { AccessLoader, IdentityRepository, sessionSettingsForToken, TokenVerifier } from '@rtd/identity';
import { loadConfig } from '@rtd/kernel';
import { appDataSource } from '@rtd/platform';
import { startPostGraphileServer } from './postgraphile/server';

const BEARER = /^Bearer (\S+)$/i;
const SETTINGS_TTL_MS = 15_000;
const settingsCache = new Map<string, { settings: Promise<Record<string, string>>; until: number }>();

/**
 * The PostGraphile side of the benchmark, as its own process like the API: same database role,
 * same pool size, and per-request RLS settings computed from the same token exactly as the API
 * computes them.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = appDataSource({ ...config, databasePoolSize: 3 }, 'rtd-hub-bench-postgraphile-auth');
  await dataSource.initialize();
  const verifier = new TokenVerifier(config);
  const loader = new AccessLoader(new IdentityRepository());
  const server = await startPostGraphileServer({
    port: config.port,
    databaseUrl: config.databaseUrl,
    schemas: ['public', 'bench'],
    poolSize: config.databasePoolSize,
    dbContextKey: config.dbContextKey,
    settingsFor: async (authorization) => {
      const token = authorization ? BEARER.exec(authorization)?.[1] : undefined;
      if (!token) throw new Error('no token');
      // Kept 15 s per token, as the API keeps a caller's rights (libs/identity AccessCache):
      // computed per request, 50 callers queue on this small pool and time out.
      const cached = settingsCache.get(token);
      if (cached && cached.until > Date.now()) return cached.settings;
      const settings = sessionSettingsForToken(dataSource, verifier, loader, token);
      settingsCache.set(token, { settings, until: Date.now() + SETTINGS_TTL_MS });
      settings.catch(() => settingsCache.delete(token));
      if (settingsCache.size > 10_000) settingsCache.delete(settingsCache.keys().next().value!);
      return settings;
    },
  });
  const stop = async () => {
    await server.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`PostGraphile bench server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
