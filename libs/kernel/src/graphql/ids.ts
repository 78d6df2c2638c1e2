import { badInput } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs are UUIDs; anything else is refused at the edge with the name of the field. */
export function parseId(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, 'identificativo non valido');
  return value.toLowerCase();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
