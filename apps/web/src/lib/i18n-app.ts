/** The words of the frame every page shares: header, navigation, footer, page-level states. */

/** The pages of the navigation, by path (app/roles.ts says which role sees which). */
export const NAV_LABEL = {
  '/comune': 'Le attività del Comune',
  '/piano': 'Piano Triennale',
  '/cruscotto': 'Cruscotto',
  '/da-validare': 'Da validare',
  '/obiettivi': 'Obiettivi condivisi',
  '/piano-consorzio': 'Il Piano del consorzio',
  '/persone': 'Referenti e ruoli',
  '/registro': 'Registro delle attività',
  '/regione': 'La Regione',
  '/consorzi': 'Consorzi',
} as const;

export const LAYOUT_LABEL = {
  skipToContent: 'Vai al contenuto',
  office: 'Ufficio RTD associato',
  signedInAs: 'Accesso come ',
  role: 'Ruolo',
  roleSwitch: 'Ruolo con cui operi',
  noRole: 'Nessun ruolo',
  notifications: 'Notifiche',
  logout: 'Esci',
  brand: 'RTD Hub',
  tagline: 'Il Piano Triennale per l’informatica nei Comuni',
  navigation: 'Pagine',
  footer: 'RTD Hub · software libero (EUPL-1.2) per gli Uffici RTD in forma associata',
} as const;

/** `Loading what=…`: «Caricamento …» of the whole app, of the profile, of a lazy page. */
export const LOADING_LABEL = {
  app: 'di RTD Hub',
  profile: 'del profilo',
  page: 'della pagina',
} as const;

export const PAGES_LABEL = {
  notFoundTitle: 'Pagina non trovata',
  notFoundText:
    'L’indirizzo non corrisponde ad alcuna pagina di RTD Hub. Controlla il collegamento o riparti dalla pagina iniziale.',
  home: 'Vai alla pagina iniziale',
  welcomeTitle: 'Benvenuto',
  welcomeHeading: 'Benvenuto in RTD Hub',
  welcomeWithRole:
    'Con il ruolo che stai usando non ci sono ancora pagine in questa versione dell’app: puoi usare le API GraphQL descritte nella documentazione, oppure scegliere un altro ruolo in alto.',
  welcomeNoRole:
    'Il tuo accesso funziona, ma non hai ancora un ruolo in RTD Hub. Chiedi all’Ufficio RTD del tuo Comune di nominarti referente, delegato o in consultazione: al prossimo accesso troverai le tue attività.',
} as const;

/** The logged-out page and the return from the identity provider. */
export const LOGIN_LABEL = {
  title: 'Accedi',
  heading: 'RTD Hub',
  lead: 'Le attività del Piano Triennale per l’informatica nella Pubblica Amministrazione, tra l’Ufficio RTD associato e i suoi Comuni.',
  deepLink: 'Accedi per aprire la pagina che ti è stata indicata.',
  login: 'Entra con SPID',
  help: 'Usa la tua identità digitale SPID o CIE. Se non riesci ad accedere, contatta l’Ufficio RTD del tuo Comune.',
  failedTitle: 'Accesso non completato',
  failedText: 'L’accesso non è andato a buon fine o è scaduto.',
  failedHome: 'Torna alla pagina iniziale',
  failedRetry: 'e premi di nuovo «Entra con SPID».',
  inProgress: 'Accesso in corso…',
} as const;
