import { STATUS_LABEL_PLURAL } from '../../../../libs/kernel/src/text/status-vocabulary';

/** La Regione: the region's trend (the page of a regional observer). */
export const REGION_TREND_LABEL = {
  heading: (days: number) => `Andamento negli ultimi ${days} giorni`,
  loading: 'dell’andamento',
  loadingChart: 'del grafico',
  empty:
    'Nessun dato di andamento ancora: il primo punto arriva con la fotografia della prossima mezzanotte.',
  tableSummary: 'I valori dei grafici in tabella',
  tableRegion: 'Andamento della Regione giorno per giorno',
  caption: 'Andamento della Regione giorno per giorno (fotografia a mezzanotte)',
  day: 'Giorno',
  completion: 'Completamento',
  completed: STATUS_LABEL_PLURAL.COMPLETED,
  submitted: 'Da validare',
  overdue: 'In ritardo',
  total: 'Totale',
} as const;
