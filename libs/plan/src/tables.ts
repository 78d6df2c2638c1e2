import type { TableOwnership } from '@rtd/kernel';

/** The consortium's own Piano (issue 25): versions, schede intervento, lines, indicators, values, history. */
export const PLAN_TABLES: TableOwnership = {
  library: 'plan',
  owns: [
    'piano_version',
    'piano_intervento',
    'piano_intervento_line',
    'piano_indicator',
    'piano_indicator_value',
    'piano_history',
  ],
};
