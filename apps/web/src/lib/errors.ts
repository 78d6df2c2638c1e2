import type { CombinedError } from '@urql/core';

/** The API's stable error codes (extensions.code) and what a municipal employee reads for each. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'TOO_LARGE'
  | 'NETWORK'
  | 'UNKNOWN';

const MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'La sessione è scaduta. Accedi di nuovo per continuare.',
  FORBIDDEN: 'Non hai i permessi per questa operazione con il ruolo che stai usando.',
  NOT_FOUND: 'Non abbiamo trovato quello che cerchi, oppure non è visibile con il tuo ruolo.',
  BAD_USER_INPUT: 'Alcuni dati non sono validi: correggi il campo indicato e riprova.',
  CONFLICT: 'Qualcun altro ha modificato questi dati nel frattempo.',
  TOO_COMPLEX: 'La richiesta è troppo ampia: restringi i filtri e riprova.',
  RATE_LIMITED: 'Troppe richieste in poco tempo: attendi qualche secondo e riprova.',
  TOO_LARGE:
    'Quello che hai inviato è troppo grande per il servizio: accorcia il testo (ad esempio la descrizione) o allega il documento come collegamento, poi riprova.',
  NETWORK: 'Il servizio non risponde. Controlla la connessione a Internet e riprova tra poco.',
  UNKNOWN: 'Si è verificato un errore imprevisto. Riprova tra poco; se si ripete, avvisa l’Ufficio RTD.',
};

/** Italian names of the input fields the API may name in BAD_USER_INPUT. */
const FIELD_LABEL: Record<string, string> = {
  progress: 'Avanzamento',
  issues: 'Criticità',
  note: 'Note',
  reason: 'Motivazione',
  url: 'Indirizzo (URL)',
  description: 'Descrizione',
  fiscalCode: 'Codice fiscale',
  status: 'Stato',
  kind: 'Tipo di evidenza',
  comuneId: 'Comune',
  consortiumId: 'Consorzio',
  role: 'Ruolo',
  name: 'Nome',
  givenName: 'Nome',
  familyName: 'Cognome',
  email: 'Posta elettronica',
  comuneIstatCodes: 'Comuni (codici ISTAT)',
  title: 'Titolo',
  dueDate: 'Scadenza',
  lineCodes: 'Linee d’azione',
  target: 'Destinatari',
  edition: 'Edizione',
  file: 'File',
  fileName: 'Nome del file',
  contentBase64: 'File',
  text: 'Testo',
};

export interface AppError {
  code: ErrorCode;
  /** The sentence to show. */
  message: string;
  /** The input field the API named, if any. */
  field: string | null;
}

/** The label the person sees for a field the API names ("issues", "input.title" -> "Titolo"). */
export function fieldLabel(field: string): string {
  return FIELD_LABEL[field] ?? FIELD_LABEL[field.split('.').pop() ?? field] ?? field;
}

/** The API's detail without its own 'Campo "issues": ' prefix: the screen names the field by its label. */
const withoutApiField = (message: string) => message.replace(/^Campo "[^"]*":\s*/, '').replace(/\.$/, '');

export function errorFor(code: ErrorCode): AppError {
  return { code, message: MESSAGES[code], field: null };
}

/** Turns a urql error into the sentence a person reads, keeping the API's Italian detail for bad input. */
export function toAppError(error: CombinedError | Error | null | undefined): AppError | null {
  if (!error) return null;
  const combined = error as CombinedError;
  if (combined.networkError && !combined.graphQLErrors?.length) {
    const status = (combined.response as Response | undefined)?.status;
    if (status === 401) return errorFor('UNAUTHENTICATED');
    if (status === 413) return errorFor('TOO_LARGE');
    return errorFor('NETWORK');
  }
  const first = combined.graphQLErrors?.[0];
  if (!first) return errorFor('UNKNOWN');
  const code = String(first.extensions?.code ?? 'UNKNOWN') as ErrorCode;
  const known = code in MESSAGES ? code : 'UNKNOWN';
  if (known === 'BAD_USER_INPUT') {
    const field = typeof first.extensions?.field === 'string' ? first.extensions.field : null;
    const detail = withoutApiField(first.message);
    return {
      code: known,
      field,
      message: field
        ? `Controlla il campo «${fieldLabel(field)}»: ${detail}.`
        : `Dati non validi: ${detail}.`,
    };
  }
  return { code: known, field: null, message: MESSAGES[known] };
}
