/** «Scheda del Comune» (features/comune): the comune's data, its people and its activities. */
export const COMUNE_LABEL = {
  forbidden: (consortium: string) =>
    `Questo Comune non fa parte di ${consortium}: con il ruolo che stai usando non puoi aprirne la scheda.`,
  notFound:
    'Non abbiamo trovato questo Comune, oppure non è visibile con il tuo ruolo. Controlla il collegamento o sceglilo da «Referenti e ruoli».',
  title: (name: string) => `Comune di ${name}`,
  sheet: 'Scheda del Comune',
  breadcrumb: 'Percorso',
  people: 'Referenti e ruoli',
  goToPeople: 'Vai a «Referenti e ruoli»',
  loading: 'della scheda del Comune',
  istatCode: 'Codice ISTAT',
  population: 'Abitanti',
  province: 'Provincia',
  region: 'Regione',
  office: 'Ufficio RTD',
  noOffice: 'Nessuno',
  peopleTitle: 'Persone del Comune',
  loadingPeople: 'delle persone',
  noPeopleTitle: 'Nessuna persona ha un ruolo in questo Comune',
  nominateFrom: 'L’RTD può nominare il referente da',
  peopleLink: '«Referenti e ruoli»',
  peopleCaption: (n: number) =>
    `${n === 1 ? '1 persona con un ruolo nel Comune' : `${n} persone con un ruolo nel Comune`}, dal referente`,
  role: 'Ruolo',
  name: 'Nome',
  fiscalCode: 'Codice fiscale',
  email: 'Posta elettronica',
  nameUnknown: 'Nome non ancora noto',
  none: '—',
  activitiesTitle: 'Attività del Comune',
  loadingActivities: 'delle attività',
  noActivitiesTitle: 'Nessuna attività assegnata al Comune',
  activitiesFrom:
    'Le attività arrivano quando l’Ufficio RTD pubblica un obiettivo condiviso che riguarda il Comune: puoi farlo da',
  objectivesLink: '«Obiettivi condivisi»',
  activitiesCaption: (n: number, overdue: number, total: number) =>
    `${n === 1 ? '1 attività' : `${n} attività`}${overdue ? `, ${overdue} in ritardo` : ''}${
      total > n ? ` (le prime ${n} di ${total})` : ''
    }: prima le attività in ritardo, poi per scadenza`,
  objective: 'Obiettivo',
  status: 'Stato',
  progress: 'Avanzamento',
  due: 'Scadenza',
  updated: 'Ultimo aggiornamento',
  edition: (edition: string) => `Piano ${edition}`,
} as const;

/** «Stato dell’arte»: the paragraph the office writes for the comune. */
export const STATE_OF_THE_ART_LABEL = {
  title: 'Stato dell’arte',
  loading: 'della descrizione dello stato dell’arte',
  none: 'L’Ufficio RTD non ha ancora scritto la descrizione dello stato dell’arte.',
  label: 'Breve descrizione dello stato dell’arte (stampata nella scheda del Comune)',
  hint: (max: string) =>
    `Che cosa il Comune ha avviato o completato rispetto al Piano Triennale e al PNRR, in poche righe (al massimo ${max} caratteri). Lasciala vuota per toglierla dalla scheda.`,
  lastChange: (when: string) => ` Ultima modifica: ${when}.`,
  saving: 'Salvataggio in corso…',
  save: 'Salva la descrizione',
  saved: 'Descrizione salvata: la prossima scheda la riporta.',
} as const;

/** «Finanziamenti PNRR» of the Scheda del Comune. */
export const PNRR_FUNDING_LABEL = { loading: 'dei finanziamenti PNRR' } as const;
