import { comuniScopeOf, readBodies } from './bodies.rules';
import { readConditions } from './conditions.rules';

describe('readBodies', () => {
  it.each([
    ['I Comuni pubblicano le statistiche', ['MUNICIPALITIES'], 'ALL'],
    ['Le PA pubblicano gli obiettivi di accessibilità', ['ALL_ADMINISTRATIONS'], 'ALL'],
    [
      'Tutte le Regioni, le Province autonome, le Città metropolitane, i Comuni capoluogo delle Città metropolitane attivano Web Analytics Italia',
      ['METROPOLITAN_CAPITALS', 'METROPOLITAN_CITIES', 'REGIONS'],
      'METROPOLITAN_CAPITALS',
    ],
    [
      "Le Università e gli AFAM statali possono trasmettere i propri dati per l'integrazione su ANIS",
      ['UNIVERSITIES'],
      'NONE',
    ],
    ['Le istituzioni scolastiche iniziano ad aderire a SIOPE+', ['SCHOOLS'], 'NONE'],
    ['Le strutture sanitarie pubbliche e private accreditate alimentano il FSE', ['HEALTH_BODIES'], 'NONE'],
    ['I musei statali compilano il questionario di accreditamento', ['MUSEUMS'], 'NONE'],
    ['Le PAC aderiscono al programma di abilitazione al cloud', ['CENTRAL_ADMINISTRATIONS'], 'NONE'],
    ['Le PAL coinvolte partecipano', ['LOCAL_ADMINISTRATIONS'], 'ALL'],
    ['Gli Enti locali partecipano alla prima fase della raccolta dati', ['LOCAL_AUTHORITIES'], 'ALL'],
    ['Le Regioni e le Province Autonome rispettano le scadenze', ['REGIONS'], 'NONE'],
    [
      'Ogni Comune con popolazione tra 10.000 e 100.000 abitanti, ogni Unione di Comuni o altri tipi di consorzi e associazioni, ogni Comunità Montana o isolana pubblica (non ancora presenti nel catalogo) pubblicano',
      ['MUNICIPAL_UNIONS', 'MUNICIPALITIES'],
      'ALL',
    ],
    ['I cittadini e le imprese utilizzano le API presenti sul catalogo', ['CITIZENS_AND_BUSINESSES'], 'NONE'],
    ['Le stazioni appaltanti devono digitalizzare la fase di esecuzione', ['CONTRACTING_AUTHORITIES'], 'ALL'],
    ['I soggetti aggregatori devono dotarsi di piattaforme', ['PURCHASING_AGGREGATORS'], 'NONE'],
    // The closing bracket names the bodies of a line without a subject.
    [
      'Messa a disposizione di soluzioni alternative, ad esempio Impresa in un giorno per i comuni - (Regioni, Consorzi, Unioncamere)',
      ['MUNICIPAL_UNIONS', 'REGIONS'],
      'NONE',
    ],
    // Only the subject counts: the Regioni the PA write to are not addressed.
    ['Le PA trasmettono alle Regioni i dati richiesti', ['ALL_ADMINISTRATIONS'], 'ALL'],
    // "di cui" opens no clause about the subject.
    [
      'I Comuni, competenti per i dati di cui all’Allegato II, mettono a disposizione dati. Le Pubbliche Amministrazioni predispongono',
      ['MUNICIPALITIES'],
      'ALL',
    ],
  ])('%s', (text, bodies, scope) => {
    const reading = readBodies(text, false);
    expect(reading.bodies).toEqual(bodies);
    expect(comuniScopeOf(reading.bodies)).toBe(scope);
  });

  it("gives a consortium's local line to its comuni", () => {
    expect(readBodies('Attivare Login with eIDAS per tutti i servizi online', true)).toMatchObject({
      bodies: ['MUNICIPALITIES'],
      rules: ['B-LINEA-LOCALE'],
    });
  });

  it('falls back on every PA, and says so, when the text names nobody', () => {
    expect(readBodies('Realizzazione del catalogo dei servizi', false)).toEqual({
      bodies: ['ALL_ADMINISTRATIONS'],
      conditions: [],
      rules: ['B-NESSUN-SOGGETTO'],
    });
  });
});

describe('readConditions', () => {
  it.each([
    [
      'Ogni Comune con popolazione tra 5.000 e 10.000 abitanti (non ancora presente nel 2024 nel catalogo dati.gov.it) pubblica e documenta',
      ['non ancora presente nel 2024 nel catalogo dati.gov.it'],
    ],
    [
      'I Comuni che sono titolari di software devono apporre una licenza aperta',
      ['Comuni che sono titolari di software'],
    ],
    [
      'I Comuni che hanno nominato il RTD possono aderire alla piattaforma',
      ['Comuni che hanno nominato il RTD'],
    ],
    ['Le PA aderenti a pagoPA e App IO assicurano', ['PA aderenti a pagoPA e App IO']],
    ['Almeno una PA pilota aggiudica un appalto', ['PA pilota']],
    [
      'I Comuni, avendo l’obbligo di migrazione verso il cloud, trasmette al DTD i piani di migrazione',
      ['avendo l’obbligo di migrazione verso il cloud'],
    ],
    ['I Comuni, in funzione delle proprie necessità, partecipano', ['in funzione delle proprie necessità']],
    [
      'La PA titolari di basi di dati di interesse nazionale le adeguano',
      ['PA titolari di basi di dati di interesse nazionale'],
    ],
    ['I Comuni pubblicano gli obiettivi di accessibilità', []],
  ])('%s', (text, conditions) => {
    expect(readConditions(text).conditions).toEqual(conditions);
  });
});
