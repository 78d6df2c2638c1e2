/** «Referenti e ruoli» (features/people): who has which role, granting and revoking. */
export const PEOPLE_LABEL = {
  nameUnknown: 'Nome non ancora noto',
  client: 'Client applicativo',
  comuneOf: (name: string) => `Comune di ${name}`,
  revoked: (role: string, who: string, where: string) => `Ruolo «${role}» revocato a ${who}, ${where}.`,
  revokeRole: (role: string, name: string, comune: string | null) =>
    `Revoca il ruolo ${role} a ${name}${comune ? ` (${comune})` : ''}`,
  revoke: 'Revoca',
  title: 'Referenti e ruoli',
  lead: (consortium: string) => `Chi ha quale ruolo in «${consortium}» e nei suoi Comuni.`,
  readOnly: 'Con il ruolo che stai usando puoi consultare i ruoli; li assegna e li revoca l’RTD.',
  loading: 'dei ruoli',
  office: 'Ufficio RTD',
  noOfficeTitle: 'Nessun ruolo nell’Ufficio RTD',
  noOfficeText: 'Lo staff e i revisori si assegnano con il modulo «Assegna un ruolo».',
  officeCaption: 'Ruoli nell’Ufficio RTD: responsabile, staff e revisori',
  role: 'Ruolo',
  name: 'Nome',
  fiscalCode: 'Codice fiscale',
  email: 'Posta elettronica',
  since: 'Dal',
  actions: 'Azioni',
  none: '—',
  comuni: 'Comuni',
  comuniSummary: (n: number, withoutReferent: number) =>
    `${n === 1 ? '1 Comune' : `${n} Comuni`} nel consorzio${
      withoutReferent
        ? `, ${withoutReferent} senza referente (in cima all’elenco)`
        : ', tutti con un referente'
    }.`,
  search: 'Cerca un Comune per nome o codice ISTAT',
  noComuniTitle: 'Il consorzio non ha ancora Comuni',
  noComuniText:
    'I Comuni del consorzio si aggiungono alla sua costituzione: scrivi al gestore della piattaforma.',
  noMatchTitle: 'Nessun Comune corrisponde alla ricerca',
  noMatchText: 'Controlla il nome o il codice ISTAT, oppure svuota la casella di ricerca.',
  comuniCaption: (shown: number, total: number, filtered: boolean) =>
    `${filtered ? `${shown} di ${total} Comuni` : `${total} Comuni`}: prima quelli senza referente, poi in ordine alfabetico`,
  comune: 'Comune',
  peopleAndRoles: 'Persone e ruoli',
  noReferent: 'Senza referente',
  nobody: 'Nessuno',
} as const;

/** «Assegna un ruolo»: the form that grants a role. */
export const ENROL_LABEL = {
  fiscalCodeInvalid: 'Il codice fiscale ha 16 caratteri, lettere e cifre, ad esempio RSSMRA80A01H501U.',
  roleRequired: 'Scegli il ruolo da assegnare.',
  emailInvalid: 'Scrivi un indirizzo come nome.cognome@comune.example.it, oppure lascia vuoto.',
  comuneRequired: 'Scegli il Comune dall’elenco: scrivi una parte del nome o il codice ISTAT.',
  granted: (role: string, who: string, comune: string | null) =>
    `Ruolo «${role}» assegnato a ${who}${comune ? ` per il Comune di ${comune}` : ''}.`,
  title: 'Assegna un ruolo',
  intro:
    'La persona entra con SPID o CIE: basta il suo codice fiscale. Nome, cognome e posta elettronica servono finché non ha fatto il primo accesso (poi valgono quelli della sua identità digitale).',
  fiscalCode: 'Codice fiscale',
  fiscalCodeHelp: '16 caratteri, ad esempio RSSMRA80A01H501U.',
  givenName: 'Nome (facoltativo)',
  familyName: 'Cognome (facoltativo)',
  email: 'Posta elettronica (facoltativa)',
  role: 'Ruolo',
  chooseRole: 'Scegli un ruolo',
  inComune: 'In un Comune',
  inOffice: 'Nell’Ufficio RTD',
  comune: 'Comune',
  comuneHelp: 'Scrivi una parte del nome o il codice ISTAT, poi scegli dall’elenco.',
  officeWide: 'Il ruolo vale per tutto l’Ufficio RTD, non per un singolo Comune.',
  submit: 'Assegna il ruolo',
} as const;

/** The dialog that confirms a revocation. */
export const REVOKE_LABEL = {
  title: 'Revocare il ruolo?',
  text: (who: string, role: string, where: string) =>
    `${who} non avrà più il ruolo «${role}» (${where}). Potrai assegnarlo di nuovo in seguito; la revoca resta nel registro delle attività.`,
  cancel: 'Annulla',
  confirm: 'Revoca',
} as const;

/** The comune picker of the role form. */
export const COMUNE_COMBOBOX_LABEL = {
  found: (n: number) =>
    n === 0 ? 'Nessun Comune trovato' : n === 1 ? '1 Comune trovato' : `${n} Comuni trovati`,
  noMatch: 'Nessun Comune del consorzio con questo nome o codice ISTAT.',
} as const;
