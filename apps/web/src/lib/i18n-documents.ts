/** Italian labels of the files, imports, settings, PNRR funding, evidence and notifications. */

/** The download buttons of the scheda per comune and of the monitoring sheet. */
export const EXPORT_LABEL = {
  region: 'Scarica i documenti',
  scheda: 'Scarica la scheda del Comune (PDF)',
  monitoring: 'Scarica il foglio di monitoraggio (XLSX)',
  schedeAll: 'Scarica le schede di tutti i Comuni (PDF)',
  monitoringAll: 'Scarica il monitoraggio del consorzio (XLSX)',
  regionXlsx: 'Esporta XLSX',
  regionHint:
    'I dati di questa pagina in un foglio di calcolo: sintesi con i finanziamenti PNRR, province, consorzi e andamento.',
  working: 'Preparazione del file…',
  progress: (percent: number) => `In preparazione… ${percent}%`,
  done: (fileName: string) => `File pronto: ${fileName}`,
  failed: 'Non è stato possibile preparare il file. Riprova; se si ripete, avvisa l’Ufficio RTD.',
} as const;

export const IMPORT_LABEL = {
  region: 'Importa gli stati da un file',
  hint: 'Il foglio di monitoraggio scaricato qui (XLSX), modificato nelle colonne Stato, Avanzamento e Criticità, oppure un CSV con le stesse intestazioni. Al massimo 2 MB.',
  file: 'File da importare (.xlsx o .csv)',
  check: 'Verifica il file',
  issuesChanged: 'Sì',
  issuesUnchanged: 'No',
  checking: 'Verifica in corso…',
  confirm: (n: number) => `Conferma e applica ${n === 1 ? 'la modifica' : `le ${n} modifiche`}`,
  applying: 'Applicazione in corso…',
  cancel: 'Annulla',
  changesCaption: 'Modifiche che il file apporta',
  errorsCaption: 'Righe con errori: correggile nel file e verificalo di nuovo',
  noChanges: (unchanged: number) =>
    `Nessuna modifica: ${unchanged === 1 ? 'la riga ha' : `le ${unchanged} righe hanno`} già i valori attuali.`,
  summary: (rows: number, changes: number, errors: number) =>
    `Righe lette: ${rows}; modifiche: ${changes}; errori: ${errors}.`,
  blockedByErrors: 'Con errori non si applica nulla: correggi le righe indicate e verifica di nuovo il file.',
  applied: (n: number) =>
    `Importazione completata: ${n === 1 ? 'modificata 1 attività' : `modificate ${n} attività`}.`,
  notApplied: 'Nulla è stato applicato: nel frattempo il file ha dato errori (vedi sotto).',
  tooBig: 'Il file supera i 2 MB: usa il foglio di un solo Comune o riduci le righe.',
  row: 'Riga',
  sheet: 'Foglio',
  column: 'Colonna',
  reason: 'Motivo',
  comune: 'Comune',
  line: 'Linea',
  status: 'Stato',
  progress: 'Avanzamento',
  issues: 'Criticità modificate',
  consortiumRegion: 'Importa gli stati di tutto il consorzio',
  consortiumHint:
    'Il monitoraggio del consorzio scaricato qui sopra (XLSX), con gli stati, l’avanzamento e le criticità raccolti dai Comuni, oppure un CSV con le stesse intestazioni. Prima si verifica il file; poi si applica tutto o niente. Al massimo 2 MB.',
} as const;

/** The consortium's settings its RTD decides (Cruscotto, "Importa gli stati di tutto il consorzio"). */
export const CONSORTIUM_SETTINGS_LABEL = {
  officeReports: 'L’ufficio può inserire gli stati per conto dei Comuni',
  officeReportsHint:
    'Se attiva, l’Ufficio RTD può importare il foglio del consorzio con gli stati, l’avanzamento e le criticità che i Comuni gli hanno comunicato (ad esempio per posta elettronica), e inviarli all’ufficio per loro. Ogni riga resta registrata come inserita dall’ufficio per conto del Comune: chi, quando e da quale file, nella cronologia dell’attività e nel registro.',
  onlyRtd: 'Solo il RTD del consorzio può cambiare questa impostazione.',
  saved: (on: boolean) =>
    on
      ? 'Impostazione salvata: l’ufficio può inserire gli stati per conto dei Comuni.'
      : 'Impostazione salvata: gli stati li inseriscono solo i Comuni.',
  off: 'Finché l’impostazione è spenta, l’importazione dell’ufficio può solo riaprire attività già chiuse: avanzamento e criticità li inseriscono i Comuni.',
} as const;

/** PNRR funding (PA digitale 2026 open data): the comune's own apart from its territory's. */
export const PNRR_LABEL = {
  title: 'Finanziamenti PNRR',
  source:
    'Fonte: Dipartimento per la trasformazione digitale, «PA digitale 2026 - Open Data» (padigitale2026.gov.it), licenza CC BY 4.0.',
  status: { FUNDED: 'assegnata', PAID: 'erogata', WITHDRAWN: 'rinuncia' } as const,
  statusWithDate: (label: string, date: string | null) => (date ? `${label} dal ${date}` : label),
  statusHelp:
    'assegnata: il finanziamento è stato decretato; erogata: pagato dopo l’asseverazione del progetto; rinuncia: l’ente ha rinunciato, la candidatura è elencata ma non conteggiata.',
  asOf: (date: string) => `dati al ${date}`,
  notCounted: 'non conteggiato',
  own: (name: string) => `Finanziamenti del Comune di ${name}`,
  ownHelp: 'le sole candidature presentate dal Comune, rinunce escluse',
  territory: 'Territorio comunale (tutti gli enti con sede nel Comune)',
  territoryHelp:
    'il dato dell’editore somma il Comune, le sue scuole, le ASL e gli altri enti che vi hanno sede: non sono finanziamenti del Comune',
  schools: 'di cui scuole con sede nel Comune',
  otherBodies: 'di cui altri enti con sede nel Comune (ASL, unioni, consorzi...)',
  notAvailable: 'non disponibile',
  caption: (name: string) =>
    `Candidature finanziate del Comune di ${name}, per misura: avviso, importo, CUP, stato e data dei dati`,
  measure: 'Misura',
  call: 'Avviso',
  amount: 'Importo',
  cup: 'CUP',
  statusColumn: 'Stato',
  asOfColumn: 'Dati al',
  noApplication: 'nessuna candidatura del Comune',
  noneAtAll: 'Il Comune non ha candidature finanziate in nessuna delle sette misure.',
  measureTotal: (code: string) => `Totale misura ${code}`,
  totalsCaption: (scope: string) =>
    `Finanziamenti PNRR ${scope} per misura: somma delle candidature dei Comuni stessi, rinunce escluse`,
  fundedComuni: 'Comuni finanziati',
  applications: 'Candidature conteggiate',
  withdrawn: 'Rinunce',
  total: 'Totale',
  ownTotal: (scope: string) => `Finanziamenti dei Comuni ${scope} (candidature dei Comuni stessi)`,
  territoryTotal: (scope: string) =>
    `Territori dei Comuni ${scope} (tutti gli enti con sede nei Comuni, dato dell’editore)`,
  comuniWithout: 'Comuni senza candidatura per una misura su cui contano gli obiettivi dell’Ufficio',
  comuniWithoutCaption:
    'Misure che servono le linee degli obiettivi dell’Ufficio, e i Comuni senza candidatura',
  everyComuneApplied: 'tutti i Comuni hanno una candidatura',
  noObjectiveMeasure:
    'Nessun obiettivo pubblicato dell’Ufficio riguarda linee servite da una misura del PNRR.',
  linesFunding: 'Finanziamenti PNRR delle linee',
  linesFundingIntro:
    'Candidature del Comune alle misure del PNRR che servono le linee di questo obiettivo (corrispondenza curata, con la sua motivazione).',
  noLinesFunding: 'Il Comune non ha candidature alle misure del PNRR che servono queste linee.',
  servesLines: (codes: string) => `per le linee ${codes}`,
} as const;
/** The evidence of an assignment: kinds, file facts, removal (EvidenceSection). */
export const EVIDENCE_LABEL = {
  URL: 'Collegamento',
  NOTE: 'Nota',
  FILE: 'File',
  fileField: 'File da allegare',
  fileHint: 'PDF, immagini (PNG, JPEG, WebP, GIF), ODT, ODS, DOCX, XLSX, CSV o testo; al massimo 20 MB.',
  descriptionOptional: 'Descrizione (facoltativa: altrimenti il nome del file)',
  size: 'Dimensione',
  sha256: 'Impronta SHA-256',
  download: 'Scarica',
  remove: 'Rimuovi',
  confirmRemove: 'Conferma la rimozione',
  cancel: 'Annulla',
  removed: 'Evidenze rimosse',
  removedBy: 'rimossa da',
  uploaded: 'File allegato.',
  added: 'Evidenza aggiunta.',
  removedDone: 'Evidenza rimossa.',
  replace: 'Sostituisci',
  edit: 'Modifica',
  replaceFileField: 'Nuovo file',
  replaceFile: 'Sostituisci il file',
  saveChanges: 'Salva le modifiche',
  replacedDone: 'Evidenza sostituita: la precedente resta tra le evidenze rimosse.',
} as const;

/** A size in bytes as a person reads it: 812 byte, 12,3 kB, 4,1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte`;
  const format = (n: number) => n.toLocaleString('it-IT', { maximumFractionDigits: 1 });
  if (bytes < 1_000_000) return `${format(bytes / 1000)} kB`;
  return `${format(bytes / 1_000_000)} MB`;
}

/** How a person receives a kind of e-mail (the Notifiche page). */
export const NOTIFICATION_DELIVERY_LABEL = {
  IMMEDIATE: 'Subito',
  DIGEST: 'Nel riepilogo giornaliero',
  OFF: 'Disattivate',
} as const;
