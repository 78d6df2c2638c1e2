/** «Piano Triennale» (features/catalog): the catalogue of the action lines, by edition. */
export const CATALOG_LABEL = {
  title: 'Piano Triennale',
  lead: (editionTitle: string | null | undefined) =>
    `Le linee d’azione che riguardano i Comuni${
      editionTitle ? `, dal ${editionTitle}` : ' del Piano Triennale per l’informatica nella PA'
    }.`,
  search: 'Cerca nel Piano Triennale',
  edition: 'Edizione',
  editionOption: (code: string, lines: number) => `${code} (${lines === 1 ? '1 linea' : `${lines} linee`})`,
  chapter: 'Capitolo',
  allChapters: 'Tutti i capitoli',
  chapterOption: (n: number, title: string) => `${n}. ${title}`,
  objective: 'Obiettivo',
  allObjectives: 'Tutti',
  searchText: 'Cerca nel testo o nel codice',
  searchHelp: 'Ad esempio «accessibilità» o «CAP3»; maiuscole e accenti non contano.',
  count: (n: number) => (n === 1 ? '1 linea d’azione' : `${n} linee d’azione`),
  searchedFor: (search: string) => ` per «${search}»`,
  loading: 'del Piano Triennale',
  emptyTitle: 'Nessuna linea d’azione trovata',
  tryAnother: 'Prova con un’altra parola o',
  clearFilters: 'togli i filtri',
  emptyEdition: 'Questa edizione non ha ancora linee d’azione: scegli un’altra edizione.',
  lines: 'Linee d’azione',
  local: 'Linea locale del consorzio',
  chapterOf: (n: number, title: string) => `Capitolo ${n}. ${title}`,
  objectives: (codes: string[]) => ` · ${codes.length === 1 ? 'Obiettivo' : 'Obiettivi'} ${codes.join(', ')}`,
  more: 'Mostra altre',
  shown: (shown: number, total: number) => `Mostrate ${shown} di ${total}`,
  loadingMore: 'di altre linee',
} as const;

/** What the registry says of the edition shown. */
export const EDITION_INFO_LABEL = {
  period: (from: string | number, to: string | number, status: string) =>
    `Periodo ${from}-${to} · edizione ${status}`,
  supersededBy: (code: string) => ` (sostituita da ${code})`,
  supersedes: (code: string) => ` · sostituisce ${code}`,
  imported: (when: string, source: string) => ` · importata il ${when} · Fonte: ${source}`,
  revision: (revision: string) => ` (versione ${revision})`,
  separator: ' · ',
  sourceText: 'testo della fonte',
  newWindow: ' (si apre in una nuova finestra)',
} as const;
