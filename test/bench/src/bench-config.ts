import { AppConfig, loadConfig, withDatabase } from '@rtd/kernel';

/** The benchmark's own database (BENCH_DATABASE, default rtd_hub_bench): never the demo's. */
export function benchConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const base = loadConfig(env);
  const database = env.BENCH_DATABASE?.trim() || 'rtd_hub_bench';
  return {
    ...base,
    databaseUrl: withDatabase(base.databaseUrl, database),
    databaseOwnerUrl: withDatabase(base.databaseOwnerUrl, database),
    queuePrefix: 'rtd_bench',
  };
}
