import { types } from 'pg';

let installed = false;

/**
 * DATE columns stay 'YYYY-MM-DD' strings: node-postgres would turn them into a Date at local
 * midnight, which shifts the day in any timezone west of UTC. BIGINT counts become numbers
 * (our counts are far below 2^53).
 */
export function installPgTypeParsers(): void {
  if (installed) return;
  installed = true;
  types.setTypeParser(types.builtins.DATE, (value) => value);
  types.setTypeParser(types.builtins.INT8, (value) => Number(value));
  types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));
}
