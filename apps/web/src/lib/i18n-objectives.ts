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

/** A published or closed objective: its facts, the publish to added comuni, the close. */
export const OBJECTIVE_VIEW_LABEL = {
  breadcrumb: 'Percorso',
  back: '← Obiettivi condivisi',
  facts: (state: string, edition: string, due: string) =>
    `${state} · Piano Triennale ${edition} · scadenza ${due}`,
  publishedOn: (when: string) => ` · pubblicato il ${when}`,
  comuni: 'Comuni con l’attività',
  assigned: (assigned: number, targeted: number) =>
    `${assigned} (il destinatario oggi ne comprende ${targeted}) ·`,
  onDashboard: 'vedi nel cruscotto',
  description: 'Descrizione',
  lines: 'Linee d’azione',
  chapter: (chapter: number, title: string) => ` · Cap. ${chapter} ${title}`,
  publishAdded: 'Invia ai Comuni aggiunti dopo la pubblicazione',
  close: 'Chiudi l’obiettivo',
  closeQuestion: (title: string) => `Chiudere «${title}»? I Comuni non potranno più aggiornarlo.`,
  closeConfirm: 'Chiudi',
} as const;

/** The objectives one edition apart that this one is linked to. */
export const CARRIED_LINKS_LABEL = {
  edition: (edition: string) => ` (Piano ${edition})`,
  editionAndState: (edition: string, state: string) => ` (Piano ${edition}, ${state})`,
  separator: '; ',
} as const;

/** The line picker of the objective editor. */
export const LINE_PICKER_LABEL = {
  title: 'Linee d’azione',
  none: 'Nessuna linea scelta: cercane almeno una qui sotto.',
  picked: 'Linee scelte',
  chapter: (chapter: number, title: string) => ` · Cap. ${chapter} ${title}`,
  remove: 'Rimuovi',
  search: (edition: string) => `Cerca nel Piano Triennale ${edition} (codice o parole)`,
  example: (code: string | null) => `ad esempio: accessibilità${code ? `, ${code}` : ''}`,
  searching: 'Ricerca…',
  noResult: (edition: string) =>
    `Nessuna linea trovata nel Piano Triennale ${edition}: i codici cambiano da un’edizione all’altra, controlla l’edizione scelta.`,
  found: (n: number, edition: string) =>
    `${n === 1 ? '1 linea trovata' : `${n} linee trovate`} nel Piano Triennale ${edition}${n > 20 ? ' (mostrate le prime 20)' : ''}`,
  results: 'Risultati della ricerca',
  local: ' · linea locale',
  chosen: 'Scelta',
  add: 'Aggiungi',
} as const;

/** «Modifica dell’obiettivo pubblicato»: title, description and due date of a published objective. */
export const PUBLISHED_EDIT_LABEL = {
  titleRequired: 'Controlla il campo «Titolo»: è obbligatorio.',
  conflict:
    'Qualcun altro ha modificato l’obiettivo nel frattempo: le tue modifiche sono ancora qui; ricarica la pagina per vedere la versione attuale.',
  savedMoved: (due: string) =>
    `Modifiche salvate: la scadenza è ora ${due}. I Comuni la vedono già nelle loro attività.`,
  saved: 'Modifiche salvate. I Comuni le vedono già nelle loro attività.',
  heading: 'Modifica dell’obiettivo pubblicato',
  open: 'Modifica titolo, descrizione e scadenza',
  title: 'Titolo',
  description: 'Descrizione per i Comuni (facoltativa)',
  due: 'Scadenza',
  pastDue: 'Attenzione: la data è già passata, le attività aperte risulteranno in ritardo.',
  audited: 'La modifica resta nel registro delle attività, con il valore di prima e quello nuovo.',
  save: 'Salva le modifiche',
  cancel: 'Annulla',
} as const;

/** «Destinatari»: which comuni an objective reaches. */
export const TARGET_EDITOR_LABEL = {
  title: 'Destinatari',
  all: 'Tutti i Comuni del consorzio',
  some: 'Solo alcuni Comuni (valgono tutti i filtri insieme)',
  minPopulation: 'Abitanti da',
  maxPopulation: 'Abitanti fino a',
  provinces: 'Province',
  chosen: (n: number) => `Comuni scelti (${n})`,
  find: 'Trova un Comune (nome o codice ISTAT)',
  population: (text: string) => `(${text})`,
  empty: 'Scegli tutti i Comuni oppure almeno un filtro.',
  reaches: (n: number) => (n === 1 ? 'Raggiunge 1 Comune' : `Raggiunge ${n} Comuni`),
  nobody: 'nessuno',
  computing: 'Calcolo dei destinatari…',
} as const;
