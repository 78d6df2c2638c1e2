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

/** La Regione: the page of a regional observer (counts only; no person named). */
export const REGION_LABEL = {
  title: (regionName: string | null) => (regionName ? `La Regione ${regionName}` : 'La Regione'),
  lead: 'L’avanzamento del Piano Triennale nei Comuni della Regione, per consorzio e per provincia. Sono conteggi delle attività assegnate ai Comuni: qui non compaiono persone.',
  loading: 'dei dati della Regione',
  byConsortium: 'Per consorzio',
  consortium: 'Consorzio',
  byConsortiumCaption: 'Attività dei Comuni per consorzio, dal completamento più basso',
  byProvince: 'Per provincia',
  province: 'Provincia',
  byProvinceCaption: 'Attività dei Comuni per provincia, dal completamento più basso',
  pnrrScope: (regionName: string | null) => (regionName ? `della Regione ${regionName}` : 'della Regione'),
  emptyTitle: 'Ancora nessuna attività assegnata',
  empty:
    'I dati compaiono quando gli Uffici RTD della Regione pubblicano i primi obiettivi per i loro Comuni.',
} as const;
