import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { withoutSuggestions } from './graphql-error-formatter';
import { italianGraphqlMessage } from './graphql-messages';

describe('italianGraphqlMessage', () => {
  it.each([
    [
      'Variable "$n" got invalid value 99999999999; Int cannot represent non 32-bit signed integer value: 99999999999',
      'Variabile "$n": intero fuori intervallo (da -2147483648 a 2147483647)',
    ],
    [
      'Variable "$input" got invalid value { title: 3 } at "input.title"; String cannot represent a non string value: 3',
      'Variabile "$input", campo "input.title": atteso un testo',
    ],
    [
      'Variable "$input" got invalid value {}; Field "title" of required type "String!" was not provided.',
      'Variabile "$input": manca il campo obbligatorio "title" (tipo «String!»)',
    ],
    [
      'Variable "$id" of required type "ID!" was not provided.',
      'Variabile "$id" obbligatoria (tipo «ID!») non fornita',
    ],
    [
      'Variable "$s" got invalid value "X"; Value "X" does not exist in "AssignmentStatus" enum.',
      'Variabile "$s": valore non ammesso per «AssignmentStatus»',
    ],
    ['Cannot query field "nome" on type "Comune".', 'Il campo "nome" non esiste nel tipo «Comune»'],
    [
      'Syntax Error: Expected Name, found <EOF>.',
      'Errore di sintassi nella query: atteso Name, trovato <EOF>',
    ],
    ['Something new', 'Something new'],
  ])('%s', (english, italian) => {
    expect(italianGraphqlMessage(english)).toBe(italian);
  });
});

describe('italianGraphqlMessage, every refusal graphql-js gives a broken document (issue 26, point 9)', () => {
  const schema = buildSchema(`
    directive @solo(if: Boolean!) on FIELD
    input Pick @oneOf { a: Int b: Int }
    type Comune { id: ID! name: String! }
    type Query { comune(id: ID!): Comune comuni(pick: Pick): [Comune!]! count: Int! }
    type Mutation { rename(id: ID!, name: String!): Comune }
  `);
  const documents = [
    '{ comune(id: "1") { nome } }',
    '{ comune }',
    '{ count { id } }',
    'query { count } { count }',
    'fragment F on Comune { ...F } { comune(id: "1") { ...F } }',
    '{ count @solo }',
    'query @solo(if: true) { count }',
    '{ count @nowhere }',
    '{ count @solo(if: true, x: 1) }',
    '{ count @solo(if: true) @solo(if: false) }',
    '{ comune(id: "1") { id: name } comune(id: "1") { id } }',
    'fragment F on Comune { id } { count ...F }',
    'fragment F on Comune { id } { count }',
    'fragment F on Int { id } { count }',
    '{ ...Missing }',
    '{ comuni(pick: { a: 1, b: 2 }) { id } }',
    'type T { x: Int } { count }',
    'query ($v: Int, $v: Int) { count }',
    'query Q { count } query Q { count }',
    'fragment F on Comune { id } fragment F on Comune { id } { comune(id: "1") { ...F } }',
    'query ($v: Comune) { count }',
    'query ($p: Int) { comuni(pick: { a: $p }) { id } }',
    '{ comune(id: "1", id: "2") { id } }',
    '{ comuni(pick: { a: 1, a: 2 }) { id } }',
    'query ($v: String) { comune(id: $v) { id } }',
    '{ count(x: 1) }',
    '{ comune { id } }',
    'query ($v: Int) { count }',
    'query { comune(id: $nope) { id } }',
    '{ nothing',
    '{ count } }',
    '{ comune(id: "abc) { id } }',
    '{ comune(id: 01) { id } }',
    '{ count ^ }',
    '{ comune(id: "\\q") { id } }',
    '{ comune(id: "\\u12") { id } }',
  ];

  it.each(documents)('%s', (document) => {
    let errors: readonly GraphQLError[];
    try {
      errors = validate(schema, parse(document));
    } catch (error) {
      errors = [error as GraphQLError];
    }
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      const italian = italianGraphqlMessage(withoutSuggestions(error.message));
      expect({ english: error.message, italian }).toEqual({
        english: error.message,
        italian: expect.not.stringMatching(ENGLISH),
      });
    }
  });

  it('says in Italian that validation stopped after too many errors', () => {
    const many = `{ ${Array.from({ length: 120 }, (_, i) => `f${i}`).join(' ')} }`;
    const errors = validate(schema, parse(many));
    expect(errors.at(-1)?.message).toBe(
      'Too many validation errors, error limit reached. Validation aborted.',
    );
    expect(
      errors.map((error) => italianGraphqlMessage(error.message)).filter((m) => ENGLISH.test(m)),
    ).toEqual([]);
  });
});

/** Words of graphql-js's English that no Italian sentence has. */
const ENGLISH =
  /\b(?:the|must|cannot|can|only|is|not|defined|found|expected|unknown|type|field|argument|of|used|never|there|be|one|named|fragment|variable|directive|aborted|provided|required|invalid|unexpected)\b/i;
