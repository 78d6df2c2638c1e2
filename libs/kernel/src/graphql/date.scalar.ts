import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';
import { echo } from '../text/italian-names';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function refuse(message: string): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * A date as the caller wrote it: the wrong shape says which format is expected; the right shape
 * for a day the calendar does not have (2027-02-30) says the day does not exist.
 */
function parse(value: unknown): string {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) {
    const shown = typeof value === 'string' ? ` (ricevuto «${echo(value, 40)}»)` : '';
    refuse(`Data non valida: atteso il formato AAAA-MM-GG${shown}`);
  }
  if (!isValidIsoDate(value)) refuse(`Data inesistente: il giorno ${value} non esiste nel calendario`);
  return value;
}

/** A calendar day, `YYYY-MM-DD`, with no time zone: deadlines are days in Italy, not instants. */
@Scalar('Date')
export class DateScalar implements CustomScalar<string, string> {
  description = 'Calendar date, YYYY-MM-DD';

  parseValue(value: unknown): string {
    return parse(value);
  }

  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parse(value);
  }

  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING) return parse(undefined);
    return parse(ast.value);
  }
}
