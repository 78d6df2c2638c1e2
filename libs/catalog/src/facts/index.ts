export * from './facts.types';
export { readDeadlines, MONTHS, PERIOD_RULES, KEYWORD_RULES } from './deadline.rules';
export { readPopulationBand, BAND_RULES } from './population-band.rules';
export { readBodies, comuniScopeOf, BODY_RULES } from './bodies.rules';
export { readConditions, CONDITION_RULES } from './conditions.rules';
export * from './derive-facts';
export { serializeFacts, FACTS_FILE } from './facts-file';
export * from './applicability';
