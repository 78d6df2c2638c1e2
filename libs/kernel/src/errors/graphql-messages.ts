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

/**
 * graphql-js's validation rules, one sentence each (issue 26, point 9: "Validation aborted." and
 * others still reached people in English). test: graphql-messages.spec.ts runs broken documents
 * through graphql-js and checks that every message it gives has its Italian sentence.
 */
const VALIDATION: Rule[] = [
  [
    /^Too many validation errors, error limit reached\. Validation aborted\.?$/s,
    () => 'Troppi errori nella query: il controllo si è fermato ai primi 100',
  ],
  [
    /^This anonymous operation must be the only defined operation\.?$/s,
    () => "Un'operazione senza nome dev'essere l'unica del documento",
  ],
  [
    /^Cannot spread fragment "(.+?)" within itself.*$/s,
    (f) => `Il frammento ${name(f)} non può includere sé stesso`,
  ],
  [
    /^Directive "@(.+?)" argument "(.+?)" of type "(.+?)" is required, but it was not provided\.?$/s,
    (d, a, t) =>
      `Manca l'argomento obbligatorio ${name(a)} (tipo ${type(t)}) della direttiva "@${echo(d, 60)}"`,
  ],
  [
    /^Directive "@(.+?)" may not be used on (.+?)\.?$/s,
    (d, l) => `La direttiva "@${echo(d, 60)}" non si usa su ${echo(l, 40)}`,
  ],
  [/^Unknown directive "@(.+?)"\..*$/s, (d) => `La direttiva "@${echo(d, 60)}" non esiste`],
  [
    /^Unknown argument "(.+?)" on directive "@(.+?)"\..*$/s,
    (a, d) => `L'argomento ${name(a)} non esiste per la direttiva "@${echo(d, 60)}"`,
  ],
  [
    /^The directive "@(.+?)" can only be used once at this location\.?$/s,
    (d) => `La direttiva "@${echo(d, 60)}" si usa una volta sola in questo punto`,
  ],
  [
    /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields\.?$/s,
    (f, t) => `Il campo ${name(f)} (tipo ${type(t)}) non ha sottocampi da selezionare`,
  ],
  [
    /^Field "(.+?)" of type "(.+?)" must have (?:a selection of subfields|at least one field selected).*$/s,
    (f, t) => `Il campo ${name(f)} (tipo ${type(t)}) richiede una selezione di sottocampi`,
  ],
  [
    /^Fields "(.+?)" conflict because .*$/s,
    (f) => `I campi ${name(f)} sono in conflitto: usare alias diversi per chiederli entrambi`,
  ],
  [
    /^Fragment "(.+?)" cannot be spread here as objects of type "(.+?)" can never be of type "(.+?)"\.?$/s,
    (f, p, t) => `Il frammento ${name(f)} non si usa qui: un oggetto ${type(p)} non è mai ${type(t)}`,
  ],
  [
    /^Fragment cannot be spread here as objects of type "(.+?)" can never be of type "(.+?)"\.?$/s,
    (p, t) => `Frammento non utilizzabile qui: un oggetto ${type(p)} non è mai ${type(t)}`,
  ],
  [/^Fragment "(.+?)" is never used\.?$/s, (f) => `Il frammento ${name(f)} non è usato`],
  [
    /^Fragment (?:"(.+?)" )?cannot condition on non composite type "(.+?)"\.?$/s,
    (f, t) => `Il frammento${f ? ` ${name(f)}` : ''} non può riferirsi al tipo semplice ${type(t)}`,
  ],
  [/^Unknown fragment "(.+?)"\.?$/s, (f) => `Il frammento ${name(f)} non esiste`],
  [
    /^OneOf Input Object "(.+?)" must specify exactly one key\.?$/s,
    (t) => `L'oggetto ${type(t)} vuole esattamente un campo`,
  ],
  [/^Field "(.+?)" must be non-null\.?$/s, (f) => `Il campo ${name(f)} non può essere null`],
  [
    /^The (.+?) definition is not executable\.?$/s,
    (d) => `La definizione ${echo(d, 60)} non è eseguibile: inviare solo operazioni e frammenti`,
  ],
  [
    /^There can be only one (argument|fragment|input field|operation|variable|directive) named "(.+?)"\.?$/s,
    (what, n) => `Un solo elemento (${ITALIAN_KIND[what] ?? what}) può chiamarsi ${name(n)}`,
  ],
  [
    /^Variable "\$(\w+)" cannot be non-input type "(.+?)"\.?$/s,
    (v, t) => `La variabile "$${v}" non può essere di tipo ${type(t)} (non è un tipo di input)`,
  ],
  [
    /^Variable "\$(\w+)" is of type "(.+?)" but must be non-nullable to be used for OneOf Input Object "(.+?)"\.?$/s,
    (v, t, o) => `La variabile "$${v}" (tipo ${type(t)}) deve essere non nulla per l'oggetto ${type(o)}`,
  ],
  [/^Maximum introspection depth exceeded$/s, () => 'Introspezione troppo profonda'],
];

const ITALIAN_KIND: Record<string, string> = {
  argument: 'argomento',
  fragment: 'frammento',
  'input field': 'campo di input',
  operation: 'operazione',
  variable: 'variabile',
  directive: 'direttiva',
};

/**
 * Apollo Server's refusals of the HTTP request itself. `PersistedQueryNotFound` stays as it is: it
 * is the protocol's signal, which clients match by its text, to send the query again in full.
 */
const REQUESTS: Rule[] = [
  [
    /^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.?$/s,
    () => "La richiesta GraphQL deve contenere una `query` non vuota o l'estensione `persistedQuery`",
  ],
  [/^GraphQL queries must be strings.*$/s, () => 'La `query` deve essere un testo'],
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys\.?$/s,
    () => 'Corpo della richiesta mancante, Content-Type non valido o oggetto JSON vuoto',
  ],
  [/^GET query missing\.?$/s, () => 'Richiesta GET senza `query`'],
  [
    /^GET requests only support query operations, not (\w+) operations.*$/s,
    (op) => `Con GET si inviano solo query, non ${op === 'mutation' ? 'mutation' : echo(op, 20)}: usare POST`,
  ],
  [
    /^GET requests may not have a content-type header other than application\/json\.?$/s,
    () => 'Una richiesta GET non può avere un Content-Type diverso da application/json',
  ],
  [/^The (\w+) search parameter .*$/s, (p) => `Il parametro ${name(p)} dell'indirizzo non è un JSON valido`],
  [/^Operation batching disabled\.?$/s, () => 'Più operazioni in una richiesta non sono ammesse'],
  [/^No operations found in request\.?$/s, () => 'Nessuna operazione nella richiesta'],
  [/^Apollo Server supports only GET\/POST requests\.?$/s, () => 'Sono ammesse solo richieste GET e POST'],
  [
    /^This operation has been blocked as a potential Cross-Site Request Forgery.*$/s,
    () =>
      "Richiesta bloccata come possibile Cross-Site Request Forgery (CSRF): inviare un Content-Type application/json o l'intestazione Apollo-Require-Preflight",
  ],
  [
    /^`(\w+)` in a POST body should be provided as an object.*$/s,
    (f) => `Nel corpo della richiesta \`${echo(f, 20)}\` deve essere un oggetto JSON`,
  ],
];

/** The lexer's and parser's details. */
const SYNTAX: Rule[] = [
  [/^Expected (.+?), found (.+?)\.?$/s, (e, f) => `atteso ${echo(e, 40)}, trovato ${echo(f, 40)}`],
  [/^Unexpected character: (.+?)\.?$/s, (c) => `carattere inatteso ${echo(c, 20)}`],
  [/^Unexpected (.+?)\.?$/s, (u) => `inatteso ${echo(u, 40)}`],
  [/^Unterminated string\.?$/s, () => 'stringa non chiusa'],
  [/^Invalid number, (.+?)\.?$/s, () => 'numero non valido'],
  [/^Cannot parse the unexpected character (.+?)\.?$/s, (c) => `carattere inatteso ${echo(c, 20)}`],
  [
    /^Invalid character (?:escape sequence|within String|within Unicode escape)?:? ?(.*?)\.?$/s,
    (c) => `carattere non valido ${echo(c, 20)}`.trim(),
  ],
  [/^Invalid Unicode escape sequence: (.+?)\.?$/s, (c) => `sequenza Unicode non valida: ${echo(c, 20)}`],
  [/^Reserved character (.+?)\.?$/s, (c) => `carattere riservato ${echo(c, 20)}`],
  [/^Document contains more than (\d+) comments.*$/s, (n) => `troppi commenti (al massimo ${n})`],
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
  [/^Syntax Error: (.*)$/s, (rest) => `Errore di sintassi nella query: ${syntax(rest)}`],
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
  ...VALIDATION,
  ...REQUESTS,
  ...REASONS,
];

/** The lexer's and parser's details, after "Syntax Error: ". */
function syntax(detail: string): string {
  for (const [pattern, italian] of SYNTAX) {
    const match = pattern.exec(detail);
    if (match) return italian(...match.slice(1).map((group) => group ?? ''));
  }
  return echo(detail, 120);
}

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
