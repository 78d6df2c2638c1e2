import { STATUS_LABEL_PLURAL } from '../../../../libs/kernel/src/text/status-vocabulary';

/** «La Regione» (features/region): the region's progress by consortium and province, and its trend. */
export const REGION_LABEL = {
  title: (region: string | null) => (region ? `La Regione ${region}` : 'La Regione'),
  lead: 'L’avanzamento del Piano Triennale nei Comuni della Regione, per consorzio e per provincia. Sono conteggi delle attività assegnate ai Comuni: qui non compaiono persone.',
  loading: 'dei dati della Regione',
  byConsortium: 'Per consorzio',
  consortium: 'Consorzio',
  byConsortiumCaption: 'Attività dei Comuni per consorzio, dal completamento più basso',
  byProvince: 'Per provincia',
  province: 'Provincia',
  byProvinceCaption: 'Attività dei Comuni per provincia, dal completamento più basso',
  pnrrScope: (region: string | null) => (region ? `della Regione ${region}` : 'della Regione'),
  emptyTitle: 'Ancora nessuna attività assegnata',
  emptyText:
    'I dati compaiono quando gli Uffici RTD della Regione pubblicano i primi obiettivi per i loro Comuni.',
} as const;

/** «Andamento» of the region. */
export const REGION_TREND_LABEL = {
  title: (days: number) => `Andamento negli ultimi ${days} giorni`,
  loading: 'dell’andamento',
  none: 'Nessun dato di andamento ancora: il primo punto arriva con la fotografia della prossima mezzanotte.',
  loadingChart: 'del grafico',
  table: 'I valori dei grafici in tabella',
  caption: 'Andamento della Regione giorno per giorno (fotografia a mezzanotte)',
  day: 'Giorno',
  completion: 'Completamento',
  completed: STATUS_LABEL_PLURAL.COMPLETED,
  submitted: 'Da validare',
  overdue: 'In ritardo',
  total: 'Totale',
} as const;
