/**
 * Where a line names who must act. AgID writes the subject first ("Le Regioni, le Province
 * Autonome ... attivano"), so the body rules read the words before the main verb; lines without a
 * verb ("Realizzazione del Catalogo ... - (PAC/PAL-Comuni, Regioni)") name the bodies in a closing
 * bracket, which then wins over the text.
 */

/** Singular verbs of "Ogni Comune ... pubblica", "Ciascuna PAL coinvolta partecipa". */
const SINGULAR_VERBS = new Set([
  'pubblica',
  'partecipa',
  'aggiudica',
  'deve',
  'può',
  'adotta',
  'assicura',
  'attiva',
  'avvia',
  'documenta',
  'definisce',
  'garantisce',
  'effettua',
  'trasmette',
  'realizza',
  'aderisce',
  'adegua',
  'utilizza',
  'individua',
  'predispone',
  'provvede',
  'comunica',
  'aggiorna',
  'rende',
  'elabora',
  'verifica',
  'procede',
]);
/** Words ending like a plural verb that are not verbs. */
const NOT_VERBS = new Set(['piano', 'italiano', 'umano', 'mano', 'buono', 'tono', 'dono', 'suono', 'ono']);
/** "di cui", "a cui" do not open a clause about the subject: only "che" does. */
const RELATIVE = new Set(['che']);
const AUXILIARIES = new Set(['hanno', 'sono']);

function isVerb(word: string): boolean {
  if (word !== word.toLowerCase() || NOT_VERBS.has(word)) return false;
  return /(?:ano|ono|anno)$/u.test(word) || SINGULAR_VERBS.has(word);
}

/** The subject: the words before the main verb, skipping the verb of a relative clause ("che hanno nominato"). */
export function subjectOf(text: string): string | null {
  const words = text.split(/\s+/);
  let inRelative = false;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i].replace(/^[("“«]+|[)"”»,.;:]+$/g, '');
    if (RELATIVE.has(word.toLowerCase())) {
      inRelative = true;
      continue;
    }
    if (!isVerb(word)) continue;
    if (inRelative) {
      inRelative = false;
      // "che hanno nominato il RTD": the participle belongs to the relative clause too.
      if (AUXILIARIES.has(word)) i += 1;
      continue;
    }
    return words.slice(0, i).join(' ');
  }
  return null;
}

/** "... - (PAC/PAL-Comuni, Regioni, Enti Terzi)": the bodies AgID names as responsible. */
export function attributionOf(text: string): string | null {
  const m = /[-–]\s*\(([^()]+)\)\s*\.?$/u.exec(text);
  return m ? m[1] : null;
}
