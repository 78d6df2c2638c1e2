import { resolveMunicipalityNames } from './name-resolution';

const register = [
  { istatCode: '019035', name: 'Crema', regionCode: '03', provinceAbbreviation: 'CR' },
  { istatCode: '001205', name: 'Pont-Canavese', regionCode: '01', provinceAbbreviation: 'TO' },
  { istatCode: '001259', name: 'Samone', regionCode: '01', provinceAbbreviation: 'TO' },
  { istatCode: '022165', name: 'Samone', regionCode: '04', provinceAbbreviation: 'TN' },
  { istatCode: '021008', name: 'Bolzano', regionCode: '04', provinceAbbreviation: 'BZ' },
];

describe('resolveMunicipalityNames', () => {
  it('resolves exact, folded and bilingual names, and reports homonyms and unknown names', () => {
    const result = resolveMunicipalityNames(
      [
        { line: 2, name: 'Crema' },
        { line: 3, name: 'Pont Canavese' },
        { line: 4, name: 'Samone' },
        { line: 5, name: 'Bolzano/Bozen' },
        { line: 6, name: 'Moransengo-Tonengo' },
      ],
      register,
    );
    expect([...result.resolved.entries()].map(([line, c]) => [line, c.istatCode])).toEqual([
      [2, '019035'],
      [3, '001205'],
      [5, '021008'],
    ]);
    expect(result.ambiguous).toEqual([
      { line: 4, name: 'Samone', candidates: ['001259 (TO)', '022165 (TN)'] },
    ]);
    expect(result.unresolved).toEqual([{ line: 6, name: 'Moransengo-Tonengo' }]);
  });
});
