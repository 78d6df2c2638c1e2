import { addressedTo, ApplicableLine, bandPhrase, exclusionReason } from '@rtd/catalog';
import type { MemberFacts } from './objectives.repository';
import type { Target } from './target';

const inhabitants = (value: number) => value.toLocaleString('it-IT', { useGrouping: 'always' });

/** Why the office's own filters leave a member out (not the lines': those speak for themselves). */
function filterReasons(member: MemberFacts, target: Target): string[] {
  if (target.all) return [];
  const reasons: string[] = [];
  if (target.comuneIds && !target.comuneIds.map((id) => id.toLowerCase()).includes(member.id)) {
    reasons.push('non è tra i Comuni scelti');
  }
  if (target.provinceCodes && !target.provinceCodes.includes(member.provinceCode)) {
    reasons.push(`provincia di ${member.provinceName} non scelta`);
  }
  if (target.minPopulation != null && member.population < target.minPopulation) {
    reasons.push(`sotto i ${inhabitants(target.minPopulation)} abitanti scelti`);
  }
  if (target.maxPopulation != null && member.population > target.maxPopulation) {
    reasons.push(`oltre i ${inhabitants(target.maxPopulation)} abitanti scelti`);
  }
  return reasons;
}

/**
 * For each member the selection left out, why: the lines that do not apply to it (kinds of body,
 * population band) and the office's filters it falls outside. `reached` comes from the selection
 * itself (the fan-out's SQL), so a member is explained only when it is really left out.
 */
export function explainExclusions(
  members: readonly MemberFacts[],
  reached: ReadonlySet<string>,
  lines: readonly ApplicableLine[],
  target: Target,
): { member: MemberFacts; reasons: string[] }[] {
  return members
    .filter((member) => !reached.has(member.id))
    .map((member) => {
      const fromLines = lines
        .map((line) => exclusionReason(line, member))
        .filter((reason): reason is string => reason !== null);
      const reasons = [...fromLines, ...filterReasons(member, target)];
      return { member, reasons: reasons.length ? reasons : ['escluso dai filtri scelti'] };
    });
}

/** Why the lines alone reach no member of the consortium, for refusing to publish; null when they reach some. */
export function unreachableByLines(
  members: readonly MemberFacts[],
  lines: readonly ApplicableLine[],
): string | null {
  const blocking = lines.filter((line) => members.every((member) => exclusionReason(line, member) !== null));
  if (blocking.length === 0) {
    const anyone = members.some((member) => lines.every((line) => exclusionReason(line, member) === null));
    return anyone || members.length === 0
      ? null
      : 'nessun Comune del consorzio rientra in tutte le linee scelte insieme';
  }
  const reasons = blocking.map((line) => {
    if (line.comuniScope === 'NONE')
      return `${line.code}: linea rivolta ${addressedTo(line.bodies)}, non ai Comuni`;
    if (line.comuniScope === 'METROPOLITAN_CAPITALS') {
      return `${line.code}: linea rivolta ${addressedTo(line.bodies)}; nessun Comune del consorzio è capoluogo di Città metropolitana`;
    }
    const band = bandPhrase(line)!;
    return `${line.code}: nessun Comune del consorzio ${band.startsWith('fascia') ? `è nella ${band}` : `ha ${band}`}`;
  });
  return reasons.join('; ');
}
