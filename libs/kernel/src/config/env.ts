/**
 * The readers every configuration slice validates its variables with (the kernel's AppConfig and
 * each domain's own, e.g. libs/notifications notifications.config.ts): each one fails with a
 * ConfigError naming the variable, never with a silent default.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Configurazione non valida: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** The environment a slice is read from: process.env, or a test's own. */
export type ConfigEnv = Record<string, string | undefined>;

export function readString(env: ConfigEnv, name: string, fallback: string): string {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  return value.trim();
}

/** A secret: long enough to resist guessing; its value never appears in an error message. */
export function readSecret(env: ConfigEnv, name: string, fallback: string, minLength: number): string {
  const value = readString(env, name, fallback);
  if (value.length < minLength)
    throw new ConfigError(name, `deve essere lunga almeno ${minLength} caratteri`);
  return value;
}

export function readInt(env: ConfigEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `deve essere un numero intero, non "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `deve essere compreso tra ${min} e ${max}, non ${value}`);
  return value;
}

export function readUrl(env: ConfigEnv, name: string, fallback: string, protocols: string[]): string {
  const value = readString(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `non è un URL valido: "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `deve usare ${protocols.join(' o ')}, non "${parsed.protocol}"`);
  }
  return value;
}

export function readEnum<T extends string>(
  env: ConfigEnv,
  name: string,
  fallback: T,
  allowed: readonly T[],
): T {
  const value = readString(env, name, fallback);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `deve essere uno di ${allowed.join(', ')}, non "${value}"`);
  }
  return value as T;
}

/**
 * With NODE_ENV=production, each of `names` must be set explicitly: for settings whose development
 * default would be wrong, not merely slow, in production.
 */
export function requireInProduction(env: ConfigEnv, names: readonly string[]): void {
  if ((env.NODE_ENV ?? '').trim() !== 'production') return;
  for (const name of names) {
    if ((env[name] ?? '').trim() === '') {
      throw new ConfigError(name, 'deve essere impostata esplicitamente con NODE_ENV=production');
    }
  }
}
