import { parseMinPopulation } from './population.parser';

describe('parseMinPopulation', () => {
  it.each([
    ['I Comuni con una popolazione superiore a 15.000 abitanti attivano', 15001],
    ['Comuni con popolazione superiore ai 15.000 abitanti', 15001],
    ['i Comuni con più di 15.000 abitanti', 15001],
    ['i Comuni oltre 15.000 abitanti', 15001],
    ['i Comuni con oltre i 15.000 abitanti', 15001],
    ['Ogni Comune con popolazione > 250.000 abitanti', 250001],
    ['Comuni con popolazione maggiore di 5000 abitanti', 5001],
    ['i Comuni con almeno 15.000 abitanti', 15000],
    ['Comuni con popolazione pari o superiore a 15.000 abitanti', 15000],
    ['Comuni con popolazione non inferiore a 3.000 abitanti', 3000],
    ['Ogni Comune con popolazione tra 10.000 e 100.000 abitanti', 10000],
    ['Ogni Comune con popolazione tra 100.001 e 250.000 abitanti', 100001],
    // An upper bound alone cannot be stored as a minimum.
    ['i Comuni con meno di 5.000 abitanti', null],
    ['Comuni con popolazione inferiore a 5.000 abitanti', null],
    ['investimento di oltre 190 miliardi di euro', null],
    ['Le PA pubblicano gli obiettivi di accessibilità', null],
  ])('%s', (text, expected) => {
    expect(parseMinPopulation(text)).toBe(expected);
  });
});
