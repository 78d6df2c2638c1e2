/** The kinds of mail a person may choose how to receive (issue 22; docs/notifications.md). */
export const NOTIFICATION_KINDS = [
  'NEW_ASSIGNMENTS',
  'SUBMISSIONS',
  'CHANGES',
  'REMINDERS',
  'DEADLINES',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** At once, in the daily summary, or not at all. */
export const DELIVERIES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface KindRules {
  label: string;
  description: string;
  /** What a person who never chose gets. */
  default: Delivery;
  allowed: readonly Delivery[];
  /** Who receives it: the office's reviewers, a comune's referents, or its referents and delegates. */
  audience: 'office' | 'referents' | 'comune';
}

/**
 * The rules of each kind. Submissions go to the office's daily summary by default, as the morning
 * digest always did; the deadline reminders are by nature one mail a day. A decision on one's own
 * report is not a kind here: it is always mailed, at once, and cannot be turned off.
 */
export const KIND_RULES: Record<NotificationKind, KindRules> = {
  NEW_ASSIGNMENTS: {
    label: 'Nuove attività assegnate',
    description: "Quando l'Ufficio RTD pubblica un obiettivo per il Suo Comune.",
    default: 'IMMEDIATE',
    allowed: DELIVERIES,
    audience: 'referents',
  },
  SUBMISSIONS: {
    label: 'Resoconti inviati dai Comuni',
    description: "Quando un Comune invia un resoconto da verificare (per l'Ufficio RTD).",
    default: 'DIGEST',
    allowed: DELIVERIES,
    audience: 'office',
  },
  CHANGES: {
    label: 'Scadenze cambiate e obiettivi chiusi',
    description: "Quando l'Ufficio RTD cambia la scadenza di un obiettivo o lo chiude.",
    default: 'IMMEDIATE',
    allowed: DELIVERIES,
    audience: 'comune',
  },
  REMINDERS: {
    label: "Solleciti dell'Ufficio RTD",
    description: "Quando l'Ufficio RTD sollecita il Suo Comune su un'attività.",
    default: 'IMMEDIATE',
    allowed: DELIVERIES,
    audience: 'comune',
  },
  DEADLINES: {
    label: 'Promemoria delle scadenze',
    description:
      'A 30, 7 e 1 giorno dalla scadenza, e ogni settimana per le attività in ritardo: un messaggio al giorno.',
    default: 'DIGEST',
    allowed: ['DIGEST', 'OFF'],
    audience: 'referents',
  },
};

export const DELIVERY_LABEL: Record<Delivery, string> = {
  IMMEDIATE: 'Subito',
  DIGEST: 'Nel riepilogo giornaliero',
  OFF: 'Disattivate',
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
