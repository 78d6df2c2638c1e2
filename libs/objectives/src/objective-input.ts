import { editionExists, linesByCodes } from '@rtd/catalog';
import { badInput, conflict, echo, echoList } from '@rtd/kernel';
import type { EntityManager } from 'typeorm';
import { LineRow } from '@rtd/catalog';
import { RequestContext } from '@rtd/kernel';
import { TargetInput } from './dto/objective.types';
import { ObjectivesRepository } from './objectives.repository';
import { normaliseTarget, StoredTarget } from './target';

const MAX_LINES = 100;

/** The lines of these codes in an edition, as the consortium may use them (BAD_USER_INPUT naming the missing ones). */
export async function checkedLines(
  db: EntityManager,
  edition: string,
  codes: string[],
  /** A local line is another consortium's own: it does not exist for this one. */
  consortiumId: string,
) {
  if (!(await editionExists(db, edition)))
    throw badInput('edition', `edizione «${echo(edition)}» inesistente`);
  const unique = [...new Set(codes.map((code) => code.trim()))];
  if (unique.length === 0 || unique.length > MAX_LINES) {
    throw badInput('lineCodes', `da 1 a ${MAX_LINES} linee d'azione`);
  }
  const lines = (await linesByCodes(db, edition, unique)).filter(
    (line) => !line.isLocal || line.ownerConsortiumId === consortiumId,
  );
  const found = new Set(lines.map((line) => line.code));
  const missing = unique.filter((code) => !found.has(code));
  if (missing.length > 0) {
    throw badInput('lineCodes', `linee inesistenti nell'edizione «${echo(edition)}»: ${echoList(missing)}`);
  }
  return unique.map((code) => lines.find((line) => line.code === code)!);
}

export function cleanTitle(raw: string): string {
  const title = raw.trim().replace(/\s+/g, ' ');
  if (title.length < 1 || title.length > 200) throw badInput('title', 'da 1 a 200 caratteri');
  return title;
}

export function cleanDescription(raw: string | null): string | null {
  if (raw === null) return null;
  const description = raw.trim();
  if (description.length > 10_000) throw badInput('description', 'al massimo 10.000 caratteri');
  return description || null;
}

export const stale = (current: number, expected: number) =>
  conflict(
    `Versione ${expected} superata: l'oggetto è stato modificato (versione attuale ${current}). Ricaricare e riprovare.`,
  );

/** A target checked and normalised with the lines' bands, its comuni checked to be members. */
export async function checkedTarget(
  repository: ObjectivesRepository,
  ctx: RequestContext,
  consortiumId: string,
  input: TargetInput,
  lines: readonly LineRow[],
): Promise<StoredTarget> {
  const target = normaliseTarget(input, lines);
  if (target.comuneIds) {
    const outside = await repository.membersOutside(await ctx.db(), consortiumId, target.comuneIds);
    if (outside.length > 0) {
      throw badInput('target.comuneIds', `comuni che non fanno parte del consorzio: ${echoList(outside)}`);
    }
  }
  return target;
}
