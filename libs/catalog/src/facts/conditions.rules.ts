import { normaliseSpace } from '../parsing/plan-line.util';
import { subjectOf } from './subject';

/**
 * Conditions that narrow who must act but that no data of the product decides ("non ancora
 * presente nel catalogo dati.gov.it", "che sono titolari di software"): the office reads them as
 * text next to the line. Each rule gives the words it keeps.
 */
export interface ConditionRule {
  id: string;
  description: string;
  /** Read on the whole text (`text`) or on the subject only (`subject`). */
  on: 'text' | 'subject';
  pattern: RegExp;
  /** The condition as shown: the first capture group, tidied. */
}

const BODY_NOUN = String.raw`(?:PA|PAL|PAC|Comuni|Comune|amministrazioni|Amministrazioni|Enti|enti|soggetti)`;

export const CONDITION_RULES: readonly ConditionRule[] = [
  {
    id: 'C-NON-PRESENTE',
    description: 'tra parentesi, "non ancora presente ... nel catalogo": vale solo per chi non vi compare',
    on: 'text',
    pattern: /\((non\s+ancora\s+present[ei][^)]*)\)/iu,
  },
  {
    id: 'C-RELATIVA',
    description: 'una relativa sul soggetto ("I Comuni che sono titolari di software")',
    on: 'subject',
    pattern: new RegExp(String.raw`\b(${BODY_NOUN}\s+che\s+[^,;]+)$`, 'u'),
  },
  {
    id: 'C-QUALIFICA',
    description:
      'il soggetto qualificato ("Le PAL coinvolte ...", "Le PA aderenti a ...", "Le PA pilota", "titolari di ...")',
    on: 'subject',
    pattern: new RegExp(
      String.raw`\b(${BODY_NOUN}\s+(?:interessat[ie]|coinvolt[aei]|aderenti|partecipanti|pilota|titolari|proprietarie|proprietari|obbligati|competenti|con\s+data\s+center)\b(?:[^,;()]|\([^)]*\))*)`,
      'u',
    ),
  },
  {
    id: 'C-GERUNDIO',
    description:
      'una condizione tra virgole ("I Comuni, avendo l’obbligo di migrazione verso il cloud, ...")',
    on: 'text',
    pattern: /,\s*(avendo\s+[^,]+),/iu,
  },
  {
    id: 'C-NECESSITA',
    description:
      'secondo le proprie necessità o su richiesta ("in funzione delle proprie necessità", "ove richiesto")',
    on: 'text',
    pattern:
      /\b((?:in\s+funzione\s+delle?\s+propri[ae]\s+(?:necessità|esigenze|missione\s+istituzionale)|sulla\s+base\s+delle\s+proprie\s+(?:esigenze|necessità)|ove\s+richiesto\s+da[^,]+|su\s+richiesta))/iu,
  },
  {
    id: 'C-ELENCO',
    description: 'un numero di amministrazioni individuate ("4.083 amministrazioni")',
    on: 'text',
    pattern: /^(\d{1,3}(?:\.\d{3})*\s+amministrazioni)\b/u,
  },
];

export interface ConditionsReading {
  conditions: string[];
  rules: string[];
}

/** Conditions of a line's text, in the order of the rules; none repeated. */
export function readConditions(text: string): ConditionsReading {
  const subject = subjectOf(text) ?? '';
  const conditions: string[] = [];
  const rules: string[] = [];
  for (const rule of CONDITION_RULES) {
    const m = rule.pattern.exec(rule.on === 'subject' ? subject : text);
    if (!m) continue;
    // The subject stops before the verb, so an object pronoun may trail ("... di interesse nazionale le adeguano").
    const condition = normaliseSpace(m[1])
      .replace(/\s+(?:le|li|lo|la|gli|ne|si|ci|vi)$/u, '')
      .replace(/[\s,;:-]+$/u, '');
    if (!condition || conditions.includes(condition)) continue;
    conditions.push(condition);
    rules.push(rule.id);
  }
  return { conditions, rules };
}
