/** «Notifiche» (features/notifications) and its «Calendario delle scadenze» (features/calendar). */
export const NOTIFICATIONS_LABEL = {
  saved: (kind: string, delivery: string) => `Preferenza salvata: «${kind}», ${delivery}.`,
  title: 'Notifiche',
  email: 'Avvisi per e-mail',
  intro:
    'Scelga come ricevere per e-mail ciascun tipo di avviso: subito, in un unico riepilogo giornaliero (ogni mattina alle 7) oppure per niente. Ogni e-mail contiene anche un collegamento per disattivare quel tipo di avviso.',
  loading: 'delle preferenze',
  preferences: 'Preferenze di notifica',
  review: 'Esito della verifica',
  reviewText:
    'L’esito della verifica dei resoconti del Suo Comune (validato o respinto, con la motivazione) Le viene sempre inviato subito: non si può disattivare.',
} as const;

export const CALENDAR_FEED_LABEL = {
  copied: 'Indirizzo copiato negli appunti.',
  copyFailed: 'Copia non riuscita: selezioni l’indirizzo e lo copi a mano.',
  regenerated: 'Nuovo indirizzo creato: il precedente non funziona più. Aggiorni il calendario.',
  title: 'Calendario delle scadenze',
  intro:
    'Aggiunga questo indirizzo al Suo calendario (Outlook, Google Calendar, Thunderbird, il telefono) come calendario in abbonamento: vi troverà le scadenze delle attività del Suo Comune, di quelle a Lei delegate o, per l’ufficio, degli obiettivi. Chi conosce l’indirizzo vede le scadenze: non lo condivida.',
  loading: 'del calendario',
  url: 'Indirizzo del calendario',
  created: (created: string, renewed: string | null) =>
    `Creato il ${created}${renewed ? `, rinnovato il ${renewed}` : ''}.`,
  copy: 'Copia l’indirizzo',
  regenerate: 'Genera un nuovo indirizzo',
  regenerateQuestion:
    'Il vecchio indirizzo smetterà subito di funzionare: dovrà aggiungere il nuovo al calendario. Procedere?',
  regenerateConfirm: 'Genera il nuovo indirizzo',
} as const;
