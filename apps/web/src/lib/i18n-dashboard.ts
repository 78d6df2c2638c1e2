import { STATUS_LABEL_PLURAL } from '../../../../libs/kernel/src/text/status-vocabulary';

/** The Cruscotto (features/dashboard): the figures, the lists, the heatmap and the trend. */
export const DASHBOARD_LABEL = {
  title: 'Cruscotto',
  asOf: (date: string) => ` · dati al ${date}`,
  loading: 'del cruscotto',
  emptyTitle: 'Nessuna attività ancora',
  emptyText: 'Crea un obiettivo condiviso e pubblicalo ai Comuni: qui vedrai come procedono.',
  newObjective: 'Nuovo obiettivo',
  figures: 'Le cifre',
  completion: 'Completamento',
  completedOf: (completed: number, applicable: number) =>
    `${completed} completate su ${applicable} applicabili`,
  overdue: 'In ritardo',
  overdueDetail: 'oltre la scadenza e non concluse',
  submitted: 'Da validare',
  openSubmitted: 'Apri i resoconti da validare',
  withoutReferent: 'Comuni senza referente',
  unknown: '…',
  people: 'Referenti e ruoli',
  byStatus: (total: number) => `Attività per stato, ${total} in tutto`,
  inAll: 'in tutto',
  laggards: 'Chi è più indietro',
  laggardComuni: 'Comuni con il completamento più basso',
  laggardObjectives: 'Obiettivi con il completamento più basso',
  comune: 'Comune',
  objective: 'Obiettivo',
  actions: 'Esportazioni e resoconto periodico',
  print: 'Stampa il cruscotto',
} as const;

/** The Cruscotto's sections: filters, deadlines, criticità, trend table, laggard tables. */
export const DASHBOARD_SECTION_LABEL = {
  filters: 'Filtri del cruscotto',
  edition: 'Edizione',
  allEditions: 'Tutte le edizioni',
  chapter: 'Capitolo',
  allChapters: 'Tutti i capitoli',
  chapterN: (n: number) => `Capitolo ${n}`,
  province: 'Provincia',
  allProvinces: 'Tutte le province',
  objective: 'Obiettivo',
  allObjectives: 'Tutti gli obiettivi',
  deadlines: 'Prossime scadenze',
  noDeadlines: (days: number) => `Nessuna attività aperta scade nei prossimi ${days} giorni.`,
  deadlinesCaption: (days: number, shown: number, total: number) =>
    `Attività non concluse in scadenza nei prossimi ${days} giorni (${shown} di ${total})`,
  due: 'Scadenza',
  comune: 'Comune',
  status: 'Stato',
  moreDeadlines: 'Mostra altre scadenze',
  criticita: 'Criticità aperte',
  noCriticita: 'Nessun Comune segnala criticità sulle attività aperte.',
  criticitaList: (shown: number, total: number) => `Criticità aperte (${shown} di ${total})`,
  updatedOn: (when: string) => `aggiornata il ${when}`,
  moreCriticita: 'Mostra altre criticità',
  trend: (days: number) => `Andamento negli ultimi ${days} giorni`,
  noTrend:
    'Nessun dato di andamento ancora: il primo punto arriva con la fotografia della prossima mezzanotte.',
  trendTable: 'I valori dei grafici in tabella',
  trendCaption: 'Andamento giorno per giorno (fotografia a mezzanotte)',
  day: 'Giorno',
  completion: 'Completamento',
  completed: STATUS_LABEL_PLURAL.COMPLETED,
  submitted: 'Da validare',
  overdue: 'In ritardo',
  total: 'Totale',
  noData: (caption: string) => `${caption}: nessun dato con questi filtri.`,
  remind: 'Sollecito',
  completedOf: (completed: number, total: number) => `${completed} su ${total}`,
} as const;

/** «Comuni e obiettivi»: the heatmap of the Cruscotto. */
export const HEATMAP_LABEL = {
  title: 'Comuni e obiettivi',
  orderComuni: 'Ordina i Comuni',
  orderObjectives: 'Ordina gli obiettivi',
  byName: 'per nome',
  ascending: 'completamento crescente',
  descending: 'completamento decrescente',
  pages: 'Pagine dei Comuni',
  range: (first: number, last: number, total: number) => `Comuni ${first}–${last} di ${total}`,
  previous: 'Comuni precedenti',
  next: 'Comuni successivi',
  caption: (numbered: boolean) =>
    `Stato di ogni attività per Comune (righe) e obiettivo (colonne${numbered ? ', numerate come nell’elenco sopra' : ''}); ⚠ indica un’attività in ritardo.`,
  comune: 'Comune',
  noActivity: 'nessuna attività',
  notAssigned: 'non assegnato',
  overdueTitle: ' · in ritardo',
  overdueCell: ', in ritardo',
  legend: 'Legenda',
  overdue: 'in ritardo',
  notAssignedLegend: 'non assegnata al Comune',
} as const;

/** The Cruscotto's two trend charts. */
export const TREND_CHART_LABEL = {
  description: (label: string) => `${label}; i valori sono nella tabella che segue.`,
  activities: 'attività',
  completionSeries: 'Completamento (%)',
  submitted: 'Da validare',
  overdue: 'In ritardo',
  completionTitle: 'Completamento (percentuale delle attività applicabili)',
  completionChart: 'Grafico del completamento in percentuale',
  countsTitle: 'Attività completate, da validare e in ritardo (numero)',
  countsChart: 'Grafico del numero di attività completate, da validare e in ritardo',
} as const;

/** The Cruscotto's PNRR section. */
export const PNRR_CONSORTIUM_LABEL = {
  loading: 'dei finanziamenti PNRR',
  scope: 'del consorzio',
  comuniWithout: 'Comuni senza candidatura',
} as const;
