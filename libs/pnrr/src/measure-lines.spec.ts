import { readFileSync } from 'node:fs';
import { DEFAULT_MEASURE_LINES, DEFAULT_PNRR_SOURCES } from './pnrr-importer';

interface Link {
  measure: string;
  edition: string;
  line: string;
  justification: string;
  source: string;
}

const mapping = JSON.parse(readFileSync(DEFAULT_MEASURE_LINES, 'utf8')) as { links: Link[] };
const sources = JSON.parse(readFileSync(DEFAULT_PNRR_SOURCES, 'utf8')) as {
  measureFiles: { file: string; measure: string; asOf: string }[];
};

describe('measure-lines.json', () => {
  it.each([
    ['1.2', ['CAP1.PA.LA17', 'CAP4.PA.LA16'], /cloud/i],
    ['1.4.1', ['CAP1.PA.LA14'], /sito|web/i],
    ['1.4.3', ['CAP3.PA.LA21', 'CAP3.PA.LA25'], /pagoPA/],
    ['1.4.4', ['CAP3.PA.LA07', 'CAP3.PA.LA13'], /SPID/],
  ])('maps measure %s to its 2022-2024 lines, each with its reason and source', (measure, lines, reason) => {
    const links = mapping.links.filter((l) => l.measure === measure && l.edition === '2022-2024');
    expect(links.map((l) => l.line).sort()).toEqual([...lines].sort());
    for (const link of links) {
      expect(link.justification).toMatch(reason);
      expect(link.source).toContain(link.line);
    }
  });
});

describe('sources.json', () => {
  it('dates each measure file as SOURCE.md does', () => {
    expect(Object.fromEntries(sources.measureFiles.map((f) => [f.measure, f.asOf]))).toEqual({
      '1.1': '2026-08-16',
      '1.2': '2023-03-04',
      '1.3.1': '2026-08-16',
      '1.4.1': '2025-01-09',
      '1.4.3': '2023-10-24',
      '1.4.4': '2025-03-27',
      '1.4.5': '2026-08-16',
    });
  });
});
