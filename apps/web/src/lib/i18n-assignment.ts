/** The page of one activity (features/assignment): state, report, review, delegation, evidence. */
export const ASSIGNMENT_LABEL = {
  loading: 'dell’attività',
  notFound: 'Attività non trovata',
  notFoundText:
    'Questa attività non esiste oppure non è visibile con il tuo ruolo. Se ti è stato inviato il collegamento, verifica di aver scelto il ruolo giusto in alto, oppure chiedi all’Ufficio RTD.',
  breadcrumb: 'Percorso',
  back: (label: string) => `← ${label}`,
  subtitle: (comune: string, edition: string) => `Comune di ${comune} · Piano Triennale ${edition}`,
  status: 'Stato',
  lastStatus: (status: string, due: string) => `Ultimo stato: ${status} · scadenza ${due}`,
  closed: 'L’Ufficio RTD ha chiuso l’obiettivo: il resoconto resta com’era e non si modifica più.',
  due: (date: string) => `Scadenza ${date}`,
  delegatedTo: (name: string | null) => `Delegata a ${name ?? ''}`,
  rejected: 'L’Ufficio RTD ha respinto il resoconto',
  rejectedDetail: (when: string, actor: string | null, reason: string | null, canReport: boolean) =>
    ` il ${when}${actor ? ` (${actor})` : ''}. Motivo: «${reason || 'non indicato'}».${
      canReport ? ' Correggi e invia di nuovo.' : ' Il Comune deve correggere e inviare di nuovo.'
    }`,
  submitted: 'Il resoconto è stato inviato: l’Ufficio RTD lo sta validando.',
  issues: 'Criticità',
  lines: 'Linee d’azione del Piano Triennale',
  chapter: (chapter: number, title: string) => `· Cap. ${chapter} ${title}`,
  history: 'Storia',
  historyCaption: 'Chi ha fatto cosa e quando, dal più vecchio',
  when: 'Quando',
  who: 'Chi',
  progress: 'Avanzamento',
  note: 'Note',
  system: 'Sistema',
  issuesSet: (issues: string) => `Criticità: «${issues}»`,
  issuesCleared: 'Criticità tolte',
} as const;

/** «Aggiorna l’attività»: the comune's report and its sending. */
export const REPORT_FORM_LABEL = {
  progressInvalid: 'Controlla il campo «Avanzamento»: un numero intero da 0 a 100.',
  conflictRetry: (message: string) => `${message} Controlla lo stato aggiornato e invia di nuovo.`,
  submitted: 'Resoconto inviato all’Ufficio RTD.',
  title: 'Aggiorna l’attività',
  conflict: 'Mentre scrivevi, qualcun altro ha modificato questa attività:',
  kept: 'Le tue modifiche sono ancora nel modulo qui sotto, non sono andate perse.',
  reapply: 'Applica di nuovo le mie modifiche',
  discard: 'Scarta le mie modifiche',
  restored:
    'Abbiamo ripristinato quello che avevi scritto e non avevi ancora salvato: controllalo, poi salva o invia.',
  status: 'Stato',
  progress: 'Avanzamento (%, da 0 a 100)',
  issues: 'Criticità',
  issuesHelp: 'Cosa rallenta o blocca l’attività; l’Ufficio RTD la legge. Lascia vuoto se non ce ne sono.',
  note: 'Nota per la storia (facoltativa)',
  submitTitle: 'Invio all’Ufficio RTD',
  submitIntro:
    'Invia il resoconto con l’avanzamento e le criticità del modulo (anche se non li hai salvati): l’Ufficio RTD lo valida o lo respinge con un motivo.',
  submitNote: 'Messaggio per l’Ufficio RTD (facoltativo)',
  confirmBefore: 'Inviare il resoconto all’Ufficio RTD con avanzamento ',
  confirmProgress: (progress: number | string) => `${progress}%`,
  confirmAfter: (dirty: boolean) =>
    `${dirty ? ' e le modifiche non ancora salvate' : ''}? Fino alla decisione dell’Ufficio non potrai modificarlo.`,
  confirm: 'Conferma l’invio',
  cancel: 'Annulla',
} as const;

/** «Validazione dell’Ufficio RTD»: approve, reject, not applicable, reopen. */
export const REVIEW_PANEL_LABEL = {
  reasonRequired: (what: string) => `Controlla il campo «Motivazione»: è obbligatoria per ${what}.`,
  approved: 'Resoconto approvato: l’attività è completata e il Comune ne riceve notizia.',
  toReject: 'respingere',
  rejected: 'Resoconto respinto: il Comune vede il motivo e lo riceve per posta elettronica.',
  toMarkNotApplicable: 'dichiararla non applicabile',
  notApplicable: 'Attività segnata come non applicabile.',
  reopened: 'Attività riaperta: torna «In corso» per il Comune.',
  title: 'Validazione dell’Ufficio RTD',
  reason: (required: boolean) => `Motivazione ${required ? '(obbligatoria per respingere)' : ''}`,
  reasonHelp: 'Il Comune la legge nella pagina dell’attività e nel messaggio di posta.',
} as const;

/** «Delega»: the referent hands the activity to a delegate. */
export const DELEGATION_LABEL = {
  delegated: (name: string) => `Attività delegata a ${name}.`,
  revoked: 'Delega revocata: l’attività torna al referente.',
  title: 'Delega',
  noDelegates:
    'Il Comune non ha delegati: chiedi all’Ufficio RTD di nominarne uno, poi potrai affidargli l’attività.',
  assignTo: 'Affida a',
  nobody: 'Nessuno (la segue il referente)',
  save: 'Salva la delega',
} as const;

/** «Evidenze»: the list and the forms of the activity's evidence. */
export const EVIDENCE_FORM_LABEL = {
  title: 'Evidenze',
  kind: 'Tipo',
  url: 'Indirizzo (URL)',
  urlPlaceholder: 'https://',
  attach: 'Allega il file',
  emptyTitle: 'Nessuna evidenza',
  emptyWriter:
    'Aggiungi un collegamento (una delibera, una pagina del sito), un file (un report di scansione, un verbale) o una nota che documenti il lavoro.',
  emptyReader: 'Il Comune non ha ancora documentato il lavoro.',
  newTab: ' (si apre in una nuova scheda)',
} as const;

/** «Indicatori del Piano da rilevare» on the activity's page. */
export const PIANO_INDICATORS_LABEL = {
  title: 'Indicatori del Piano da rilevare',
  intro:
    'Il Piano del consorzio chiede a ciascun Comune di rilevare questi indicatori: i valori del Comune concorrono al dato del consorzio.',
  yesNo: ' (sì/no)',
  none: 'Nessun valore registrato dal Comune.',
  yes: 'sì',
  no: 'no',
  recorded: (date: string, by: string | null) => `(registrato il ${date}${by ? ` da ${by}` : ''})`,
} as const;
