/** The office's reminders to a comune (the Attività page and the Cruscotto's laggards). */
export const REMIND_LABEL = {
  title: 'Sollecito',
  intro:
    'Il Comune riceve un’e-mail che gli ricorda di completare la rendicontazione. Si può sollecitare un’attività una volta al giorno; il sollecito resta nella cronologia.',
  sent: 'Sollecito inviato: il Comune riceverà un’e-mail.',
  remindComune: 'Sollecita il Comune',
  remind: 'Sollecita',
  remindComuneOf: (comune: string) => `Sollecita il Comune di ${comune}`,
  reminded: (n: number) => (n === 1 ? 'Sollecitata 1 attività.' : `Sollecitate ${n} attività.`),
} as const;

/** «Le attività del Comune»: the comune's worklist, grouped by status. */
export const WORKLIST_LABEL = {
  title: (comune: string) => `Le attività del Comune di ${comune}`,
  filters: 'Filtri',
  status: 'Stato',
  allStatuses: 'Tutti gli stati',
  edition: 'Edizione del Piano Triennale',
  allEditions: 'Tutte le edizioni',
  loading: 'delle attività',
  summary: (open: number, overdue: number, closed: number, shown: number, total: number) =>
    `${open === 1 ? '1 attività aperta' : `${open} attività aperte`}${overdue ? `, ${overdue} in ritardo` : ''}${
      closed ? `, ${closed} chius${closed === 1 ? 'a' : 'e'} dall’ufficio` : ''
    }${total > shown ? ` (mostrate le prime ${shown} di ${total})` : ''}`,
  emptyTitle: 'Nessuna attività assegnata al Comune',
  emptyText:
    'Quando l’Ufficio RTD pubblica un obiettivo per il Comune, lo trovi qui. Per domande, scrivi all’Ufficio RTD.',
  noMatchTitle: 'Nessuna attività con questi filtri',
  showAll: 'Mostra tutte le attività',
  overdue: 'In ritardo',
  closed: 'Obiettivi chiusi dall’ufficio',
  group: (title: string, n: number) => `${title}: ${n}`,
  lines: (codes: string, edition: string) => `${codes} · Piano ${edition}`,
  lastStatus: (status: string, due: string) => `Ultimo stato: ${status} · scadenza ${due}`,
  due: (date: string) => `Scadenza ${date}`,
  delegatedTo: (name: string) => `Delegata a ${name}`,
} as const;

/** «Da validare»: the reports waiting for the office, decided one by one or together. */
export const REVIEW_QUEUE_LABEL = {
  title: 'Da validare',
  lead: (consortium: string) => `I resoconti inviati dai Comuni di ${consortium}, dal più vecchio.`,
  loading: 'dei resoconti',
  emptyTitle: 'Nessun resoconto da validare',
  emptyText:
    'Quando un Comune invia il resoconto di un’attività, compare qui. La pagina si aggiorna da sola.',
  caption: (n: number) => (n === 1 ? '1 resoconto da validare' : `${n} resoconti da validare`),
  comune: 'Comune',
  objective: 'Obiettivo',
  progress: 'Avanzamento',
  evidence: 'Evidenze',
  sentOn: 'Inviato il',
  due: 'Scadenza',
  choose: 'Scegli',
  chooseOne: (comune: string, objective: string) => `Scegli ${comune}, ${objective}`,
  reasonRequired: 'Controlla il campo «Motivazione»: è obbligatoria per respingere.',
  failed: (comune: string, objective: string, message: string) => `${comune}, «${objective}»: ${message}`,
  decided: (n: number, approved: boolean) =>
    `${n === 1 ? '1 resoconto' : `${n} resoconti`} ${approved ? (n === 1 ? 'approvato' : 'approvati') : n === 1 ? 'respinto' : 'respinti'}.`,
  decideTitle: (n: number) => `Decidi i resoconti scelti (${n})`,
  reason: 'Motivazione (obbligatoria per respingere; ogni Comune la legge e la riceve per posta)',
  approve: 'Approva i selezionati',
  reject: 'Respingi i selezionati',
} as const;
