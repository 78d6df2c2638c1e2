/** The objective editor (features/objectives): a draft's form and the page around it. */
export const OBJECTIVE_EDITOR_LABEL = {
  loading: 'dell’obiettivo',
  notFound: 'Obiettivo non trovato',
  notFoundText: 'Questo obiettivo non esiste o non è del tuo consorzio.',
  backToList: 'Torna agli obiettivi condivisi',
  breadcrumb: 'Percorso',
  back: '← Obiettivi condivisi',
  newTitle: 'Nuovo obiettivo',
  draftTitle: (title: string) => `Bozza: ${title}`,
  title: 'Titolo',
  edition: 'Edizione del Piano',
  due: 'Scadenza',
  pastDue: 'La data è già passata: le attività risulteranno subito in ritardo.',
  description: 'Descrizione per i Comuni (facoltativa)',
  dropped: (edition: string, codes: string) =>
    `Cambiando edizione sono state tolte le linee del Piano ${edition}: ${codes}.`,
  undoEdition: (edition: string) => `Torna al Piano ${edition} con quelle linee`,
  save: 'Salva la bozza',
  create: 'Crea la bozza',
  publish: 'Pubblica ai Comuni',
  delete: 'Elimina la bozza',
  saveFirst: 'Salva la bozza prima di pubblicarla.',
  publishQuestion: (title: string, n: number) =>
    `Pubblicare «${title}» a ${n} ${n === 1 ? 'Comune' : 'Comuni'}? Ognuno riceve l’attività da seguire.`,
  publishConfirm: 'Pubblica',
  deleteQuestion: (title: string) => `Eliminare la bozza «${title}»? Non si può annullare.`,
  deleteConfirm: 'Elimina',
} as const;

export const OBJECTIVE_EDITOR_MESSAGE = {
  titleRequired: 'Controlla il campo «Titolo»: è obbligatorio.',
  lineRequired: 'Scegli almeno una linea d’azione del Piano Triennale.',
  conflict:
    'Qualcun altro ha modificato questa bozza nel frattempo: le tue modifiche sono ancora qui; ricarica la versione attuale per confrontarle.',
  saved: 'Bozza salvata.',
} as const;

/** «Obiettivi condivisi»: the list of the consortium's objectives. */
export const OBJECTIVES_LABEL = {
  title: 'Obiettivi condivisi',
  lead: (consortium: string) => `Gli obiettivi che ${consortium} assegna ai suoi Comuni.`,
  stateFilter: 'Stato',
  all: 'Tutti',
  new: 'Nuovo obiettivo',
  loading: 'degli obiettivi',
  emptyTitle: 'Nessun obiettivo',
  emptyWriter:
    'Crea il primo obiettivo scegliendo le linee d’azione del Piano Triennale, poi pubblicalo ai Comuni.',
  emptyReader: 'L’Ufficio RTD non ha ancora creato obiettivi.',
  caption: (n: number) => (n === 1 ? '1 obiettivo' : `${n} obiettivi`),
  objective: 'Obiettivo',
  state: 'Stato',
  due: 'Scadenza',
  comuni: 'Comuni',
  completion: 'Completamento',
  overdue: 'In ritardo',
  edition: (edition: string) => `Piano ${edition}`,
  planned: (n: number) => `${n} previsti`,
} as const;

/** The push run that follows «Pubblica ai Comuni». */
export const PUSH_RUN_LABEL = {
  title: (state: string) => `Invio ai Comuni: ${state}`,
  counts: (targeted: number, created: number, skipped: number) =>
    `${targeted} Comuni destinatari · ${created} attività create · ${skipped} già presenti`,
  failed: 'L’invio non è riuscito: riprova tra poco con «Pubblica».',
} as const;
