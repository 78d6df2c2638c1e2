import { readPopulationBand } from './population-band.rules';

describe('readPopulationBand', () => {
  it.each([
    ['I Comuni con una popolazione superiore a 15.000 abitanti attivano', 15001, null],
    ['Comuni con popolazione superiore ai 15.000 abitanti', 15001, null],
    ['i Comuni con più di 15.000 abitanti', 15001, null],
    ['i Comuni oltre 15.000 abitanti', 15001, null],
    ['i Comuni con oltre i 15.000 abitanti', 15001, null],
    ['Ogni Comune con popolazione > 250.000 abitanti', 250001, null],
    ['Comuni con popolazione maggiore di 5000 abitanti', 5001, null],
    ['i Comuni con almeno 15.000 abitanti', 15000, null],
    ['Comuni con popolazione pari o superiore a 15.000 abitanti', 15000, null],
    ['Comuni con popolazione non inferiore a 3.000 abitanti', 3000, null],
    // A band keeps both ends, each included as the words say.
    ['Ogni Comune con popolazione tra 5.000 e 10.000 abitanti (non ancora presente)', 5000, 10000],
    ['Ogni Comune con popolazione tra 10.000 e 100.000 abitanti', 10000, 100000],
    ['Ogni Comune con popolazione tra 100.001 e 250.000 abitanti', 100001, 250000],
    ['i Comuni da 1.000 a 5.000 abitanti', 1000, 5000],
    // An upper bound alone.
    ['i Comuni con meno di 5.000 abitanti', null, 4999],
    ['Comuni con popolazione inferiore a 5.000 abitanti', null, 4999],
    ['Comuni fino a 5.000 abitanti', null, 5000],
    ['Comuni con popolazione non superiore a 5.000 abitanti', null, 5000],
  ])('%s', (text, min, max) => {
    expect(readPopulationBand(text)).toMatchObject({ min, max });
  });

  it.each(['investimento di oltre 190 miliardi di euro', 'Le PA pubblicano gli obiettivi di accessibilità'])(
    'reads no band in %s',
    (text) => {
      expect(readPopulationBand(text)).toBeNull();
    },
  );

  it('takes the first band in reading order: the one of the comuni addressed', () => {
    expect(
      readPopulationBand(
        'Ogni Comune con popolazione tra 5.000 e 10.000 abitanti e ogni Provincia oltre 100.000 abitanti',
      ),
    ).toMatchObject({ min: 5000, max: 10000, rule: 'P-TRA' });
  });
});
