import { PnrrApplicationStatus } from './dto/pnrr.objects';

const EURO = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

/** "59.966,00 €", with ordinary spaces (PDF text extraction and mail clients read them alike). */
export const formatEuro = (amount: number): string => EURO.format(amount).replace(/\s/g, ' ');

export const APPLICATION_STATUS: Record<'A' | 'R' | 'E', { status: PnrrApplicationStatus; label: string }> = {
  A: { status: PnrrApplicationStatus.FUNDED, label: 'assegnata' },
  R: { status: PnrrApplicationStatus.WITHDRAWN, label: 'rinuncia' },
  E: { status: PnrrApplicationStatus.PAID, label: 'erogata' },
};
