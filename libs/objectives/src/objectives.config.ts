import { Module } from '@nestjs/common';
import { ConfigEnv, defineConfigSlice, readInt } from '@rtd/kernel';

/** The objectives' own settings (docs/configuration.md): the fan-out of a pushed objective. */
export interface ObjectivesConfig {
  /** Assignments created per transaction when an objective is pushed (FAN_OUT_BATCH_SIZE). */
  fanOutBatchSize: number;
}

export function loadObjectivesConfig(env: ConfigEnv = process.env): ObjectivesConfig {
  return { fanOutBatchSize: readInt(env, 'FAN_OUT_BATCH_SIZE', 1000, 10, 50_000) };
}

export const objectivesConfig = defineConfigSlice('objectives', loadObjectivesConfig);

/** Injection token of ObjectivesConfig. */
export const OBJECTIVES_CONFIG = objectivesConfig.token;

/** Provides OBJECTIVES_CONFIG, validated when the application starts. */
@Module({ providers: [objectivesConfig.provider], exports: [OBJECTIVES_CONFIG] })
export class ObjectivesConfigModule {}
