/** Who is acting. A request without a valid token has no actor at all (it is refused). */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'person';
      subject: string;
      fiscalCode: string | null;
      displayName: string | null;
    }
  | { kind: 'client'; subject: string; clientId: string; displayName: string | null }
  | { kind: 'system'; subject: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function actorSubject(actor: Actor): string {
  return actor.kind === 'anonymous' ? 'anonymous' : actor.subject;
}
