/**
 * Grafast picks its mode once, when it is first loaded, from GRAPHILE_ENV or else NODE_ENV. Under
 * Jest (NODE_ENV=test) or in development it would run its development checks, which make planning
 * much slower than a deployed PostGraphile, and the benchmark would measure the wrong thing.
 * Imported before postgraphile for that reason; an explicit GRAPHILE_ENV still wins.
 */
process.env.GRAPHILE_ENV ??= 'production';

export {};
