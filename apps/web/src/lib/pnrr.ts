import { formatDate } from './dates';
import { PNRR_LABEL } from './i18n';

const EURO = new Intl.NumberFormat('it-IT', {
  style: 'currency',
  currency: 'EUR',
  useGrouping: 'always',
});

/** "280.932,00 €" */
export const formatEuro = (amount: number): string => EURO.format(amount).replace(/\s/g, ' ');

/** "dati al 27/03/2025" (or nothing when the date is not known). */
export const asOfText = (asOf: string | null | undefined): string =>
  asOf ? PNRR_LABEL.asOf(formatDate(asOf)) : '';
