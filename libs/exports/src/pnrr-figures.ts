import { italianDate, PnrrMeasureObject } from '@rtd/pnrr';

/** "1.1 dati al 16/08/2026; 1.2 dati al 04/03/2023; ..." : the date each measure's figures are as of. */
export const pnrrAsOfLine = (measures: { measure: PnrrMeasureObject }[]): string =>
  measures
    .map(({ measure }) => `${measure.code} dati al ${measure.asOf ? italianDate(measure.asOf) : 'n.d.'}`)
    .join('; ');
