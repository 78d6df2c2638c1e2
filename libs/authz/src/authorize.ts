import { DomainError, forbidden, notFound, Noun } from '@rtd/kernel';
import { Action, AppAbility, on, SubjectFields, SubjectName } from './ability.factory';

/**
 * Refuses the action unless the ability allows it. An object the caller may not even read is
 * answered NOT_FOUND (its existence is not revealed); one it reads but may not change, FORBIDDEN.
 */
export function authorize<N extends SubjectName>(
  ability: AppAbility,
  action: Action,
  name: N,
  fields: SubjectFields[N],
  what: Noun,
): void {
  const target = on(name, fields);
  if (ability.can(action, target)) return;
  if (action !== 'read' && ability.can('read', target)) throw forbidden();
  throw hidden(what);
}

/** For actions on a kind of object rather than one object (create a consortium, read the catalogue). */
export function authorizeKind(ability: AppAbility, action: Action, name: SubjectName): void {
  if (!ability.can(action, name)) throw forbidden();
}

const hidden = (what: Noun): DomainError => notFound(what);
