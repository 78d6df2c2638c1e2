/**
 * The stable error codes of the contract (`extensions.code`). Every refusal the product
 * makes is one of these; messages are in Italian because they reach civil servants' screens.
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'TOO_COMPLEX'
  | 'SERVICE_UNAVAILABLE'
  /**
   * Over a limit (HTTP 429): a request limit, answered before GraphQL with Retry-After, or the
   * files a person or consortium may have waiting for the worker (the exports' queue).
   */
  | 'RATE_LIMITED';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, for BAD_USER_INPUT. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, reason: string): DomainError =>
  new DomainError('BAD_USER_INPUT', `Campo "${field}": ${reason}`, field);

/** The grammatical gender of the noun a message is about, so that its adjectives agree. */
export type Gender = 'm' | 'f';

/** What was not found, with its gender: «Assegnazione» (f) non trovata, «Obiettivo» (m) non trovato. */
export interface Noun {
  readonly text: string;
  readonly gender: Gender;
}

export const masculine = (text: string): Noun => ({ text, gender: 'm' });
export const feminine = (text: string): Noun => ({ text, gender: 'f' });

export const notFound = (what: Noun): DomainError =>
  new DomainError(
    'NOT_FOUND',
    `${what.text} non ${what.gender === 'f' ? 'trovata' : 'trovato'} o non accessibile`,
  );

export const forbidden = (reason = 'Operazione non consentita per il ruolo assegnato'): DomainError =>
  new DomainError('FORBIDDEN', reason);

export const conflict = (reason: string): DomainError => new DomainError('CONFLICT', reason);

export const tooComplex = (reason: string): DomainError => new DomainError('TOO_COMPLEX', reason);

export const rateLimited = (reason: string): DomainError => new DomainError('RATE_LIMITED', reason);

/** The `expectedVersion` of an optimistic-locking write: the version the caller read, 1 or more. */
export function checkExpectedVersion(value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw badInput('expectedVersion', 'la versione letta, un intero da 1 in su');
  return value;
}
