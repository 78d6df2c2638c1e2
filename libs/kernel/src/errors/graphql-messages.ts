import { echo } from '../text/italian-names';

/**
 * graphql-js and Apollo write their refusals in English ("Variable "$d" got invalid value ...",
 * "Int cannot represent ..."); people read Italian. Each known message becomes its Italian
 * sentence, naming the variable, field or type at fault; values the caller sent are not repeated
 * (they may be long or personal). A message no rule knows stays as it is.
 */
type Rule = [RegExp, (...groups: string[]) => string];

const type = (name: string) => `«${echo(name, 60)}»`;
const name = (text: string) => `"${echo(text, 60)}"`;

/** Reasons, as they follow "Variable ... got invalid value ...; " or stand alone. */
const REASONS: Rule[] = [
  [/^Expected non-nullable type "(.+)" not to be null\.?$/s, (t) => `valore obbligatorio (tipo ${type(t)})`],
  [/^Expected type "(.+)" to be an object\.?$/s, (t) => `atteso un oggetto di tipo ${type(t)}`],
  [
    /^Field "(.+?)" of required type "(.+)" was not provided\.?$/s,
    (f, t) => `manca il campo obbligatorio ${name(f)} (tipo ${type(t)})`,
  ],
  [
    /^Field "(.+?)" is not defined by type "(.+?)"\.?.*$/s,
    (f, t) => `il campo ${name(f)} non esiste nel tipo ${type(t)}`,
  ],
  [
    /^Int cannot represent non 32-bit signed integer value.*$/s,
    () => 'intero fuori intervallo (da -2147483648 a 2147483647)',
  ],
  [/^Int cannot represent .*$/s, () => 'atteso un numero intero'],
  [/^Float cannot represent .*$/s, () => 'atteso un numero'],
  [/^String cannot represent .*$/s, () => 'atteso un testo'],
  [/^Boolean cannot represent .*$/s, () => 'atteso true o false'],
  [/^ID cannot represent .*$/s, () => 'atteso un identificativo'],
  [/^Enum "(.+?)" cannot represent .*$/s, (t) => `atteso uno dei valori di ${type(t)}`],
  [/^Value ".*" does not exist in "(.+?)" enum\..*$/s, (t) => `valore non ammesso per ${type(t)}`],
  [
    /^Expected type "(.+?)"\.\s*(.*)$/s,
    (t, rest) => `atteso il tipo ${type(t)}${rest ? `: ${reason(rest)}` : ''}`,
  ],
  [
    /^Expected value of type "(.+?)", found [^;]*(?:; (.*))?$/s,
    (t, rest) => (rest ? reason(rest) : `valore non valido per il tipo ${type(t)}`),
  ],
];

const MESSAGES: Rule[] = [
  [
    /^Variable "\$(\w+)" got invalid value .*? at "([^"]+)"; (.*)$/s,
    (v, at, rest) => `Variabile "$${v}", campo ${name(at)}: ${reason(rest)}`,
  ],
  [/^Variable "\$(\w+)" got invalid value .*?; (.*)$/s, (v, rest) => `Variabile "$${v}": ${reason(rest)}`],
  [
    /^Variable "\$(\w+)" of required type "(.+)" was not provided\.?$/s,
    (v, t) => `Variabile "$${v}" obbligatoria (tipo ${type(t)}) non fornita`,
  ],
  [
    /^Variable "\$(\w+)" of non-null type "(.+)" must not be null\.?$/s,
    (v, t) => `Variabile "$${v}" (tipo ${type(t)}) non può essere null`,
  ],
  [
    /^Cannot query field "(.+?)" on type "(.+?)"\..*$/s,
    (f, t) => `Il campo ${name(f)} non esiste nel tipo ${type(t)}`,
  ],
  [
    /^Unknown argument "(.+?)" on field "(.+?)"\..*$/s,
    (a, f) => `L'argomento ${name(a)} non esiste per ${name(f)}`,
  ],
  [
    /^Field "(.+?)" argument "(.+?)" of type "(.+?)" is required, but it was not provided\.?$/s,
    (f, a, t) => `Manca l'argomento obbligatorio ${name(a)} (tipo ${type(t)}) di ${name(f)}`,
  ],
  [/^Syntax Error: (.*)$/s, (rest) => `Errore di sintassi nella query: ${echo(rest, 120)}`],
  [/^Unknown type "(.+?)"\..*$/s, (t) => `Il tipo ${type(t)} non esiste`],
  [/^Variable "\$(\w+)" is not defined.*$/s, (v) => `La variabile "$${v}" non è dichiarata`],
  [/^Variable "\$(\w+)" is never used.*$/s, (v) => `La variabile "$${v}" non è usata`],
  [
    /^Variable "\$(\w+)" of type "(.+?)" used in position expecting type "(.+?)"\.?$/s,
    (v, t, e) => `La variabile "$${v}" è di tipo ${type(t)}, qui serve ${type(e)}`,
  ],
  [/^Unknown operation named "(.+?)"\.?$/s, (o) => `Nessuna operazione si chiama ${name(o)}`],
  [
    /^Must provide operation name if query contains multiple operations\.?$/s,
    () => 'Indicare operationName: la query contiene più operazioni',
  ],
  [
    /^provided sha does not match query$/s,
    () => 'Query persistita: sha256Hash non corrisponde al testo della query',
  ],
  [/^Unsupported persisted query version$/s, () => 'Query persistita: è supportata solo la versione 1'],
  ...REASONS,
];

function reason(text: string): string {
  for (const [pattern, italian] of REASONS) {
    const match = pattern.exec(text);
    if (match) return italian(...match.slice(1).map((group) => group ?? ''));
  }
  return text;
}

/** The Italian sentence for a message of graphql-js or Apollo, or the message as it is. */
export function italianGraphqlMessage(message: string): string {
  for (const [pattern, italian] of MESSAGES) {
    const match = pattern.exec(message);
    if (match) return italian(...match.slice(1).map((group) => group ?? ''));
  }
  return message;
}
