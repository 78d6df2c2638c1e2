import { ConfigError, validateConfiguration } from '@rtd/kernel';

/** EX_CONFIG of sysexits.h: supervisors can tell "fix the environment" from a crash. */
export const EXIT_BAD_CONFIG = 78;

/**
 * Entry point of a long-running process (API, worker): validates the environment first (the
 * kernel's shared settings and the slice of every library the process links), so a bad variable
 * is reported by name and nothing starts, then runs `start`.
 */
export function runProcess(what: string, start: () => Promise<unknown>): void {
  try {
    validateConfiguration();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(EXIT_BAD_CONFIG);
    }
    throw error;
  }
  start().catch((error: unknown) => {
    console.error(`Avvio ${what} non riuscito: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
