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
      'Errore di sintassi nella query: Expected Name, found <EOF>.',
    ],
    ['Something new', 'Something new'],
  ])('%s', (english, italian) => {
    expect(italianGraphqlMessage(english)).toBe(italian);
  });
});
