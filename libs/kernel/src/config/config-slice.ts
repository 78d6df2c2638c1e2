import type { FactoryProvider } from '@nestjs/common';
import { loadConfig } from './app-config';
import type { ConfigEnv } from './env';

/**
 * The settings one library owns (docs/configuration.md): read from the environment and validated
 * by `load`, provided to Nest under `token` by the library's own config module (`provider`), so a
 * bad variable stops the process at start-up with the variable named.
 */
export interface ConfigSlice<T> {
  /** The owning library, for messages and docs. */
  readonly library: string;
  readonly token: symbol;
  readonly load: (env?: ConfigEnv) => T;
  readonly provider: FactoryProvider<T>;
}

const slices: ConfigSlice<unknown>[] = [];

/**
 * Declares a library's configuration slice (the kernel's own `registerAs`): called once, at module
 * load, by the library's `<library>.config.ts`. Every slice a process links is also checked by
 * `validateConfiguration` before anything starts.
 */
export function defineConfigSlice<T>(library: string, load: (env?: ConfigEnv) => T): ConfigSlice<T> {
  const token = Symbol(`CONFIG:${library}`);
  const slice: ConfigSlice<T> = {
    library,
    token,
    load,
    provider: { provide: token, useFactory: (): T => load() },
  };
  slices.push(slice);
  return slice;
}

/** The slices of the libraries this process has loaded (their code is linked), in load order. */
export function registeredConfigSlices(): readonly ConfigSlice<unknown>[] {
  return [...slices];
}

/**
 * Validates the whole configuration of this process: the kernel's shared settings, then every slice
 * its libraries declared. Throws the first ConfigError.
 */
export function validateConfiguration(env: ConfigEnv = process.env): void {
  loadConfig(env);
  for (const slice of slices) slice.load(env);
}
