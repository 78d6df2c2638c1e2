import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  ITALIAN_COMUNI,
  ITALIAN_PROVINCES,
  PROVINCES_OF_A_REGION,
} from '../../apps/api/src/graphql/list-bounds';
import { PROJECT_ROOT as ROOT } from '../support/paths';

/**
 * The reference data the product ships is the project's shared data, copied unchanged: ISTAT's
 * register and population at 1 January 2021, AgID's reStructuredText of the plan. And the facts
 * taken from them say what their sources say (the two comuni that changed code, the capitals of
 * the metropolitan cities).
 */
const SHARED = path.join(ROOT, '../shared/data');
const ISTAT = path.join(ROOT, 'libs/tenancy/data/istat');

function files(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix)).flatMap((entry) => {
    const relative = path.join(prefix, entry);
    return statSync(path.join(dir, relative)).isDirectory() ? files(dir, relative) : [relative];
  });
}

const csv = (file: string) =>
  new Map(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',') as [string, string]),
  );

describe('the reference data and its sources', () => {
  const register: { codiceIstat: string; nome: string }[] = JSON.parse(
    readFileSync(path.join(ISTAT, 'comuni.json'), 'utf8'),
  );
  const population = csv(path.join(ISTAT, 'popolazione-2021.csv'));

  it.each([
    ['libs/tenancy/data/istat/comuni.json', 'istat/comuni.json'],
    ['libs/tenancy/data/istat/popolazione-2021.csv', 'istat/popolazione-2021.csv'],
  ])('%s is ../shared/data/%s, unchanged', (ours, theirs) => {
    expect(existsSync(path.join(SHARED, theirs))).toBe(true);
    expect(readFileSync(path.join(ROOT, ours), 'utf8')).toBe(readFileSync(path.join(SHARED, theirs), 'utf8'));
  });

  it.each(['2020-2022', '2024-2026'])(
    "AgID's %s text is ../shared/data/pianotriennale's, unchanged",
    (edition) => {
      const ours = path.join(ROOT, 'libs/catalog/data/pianotriennale', edition);
      const theirs = path.join(SHARED, 'pianotriennale', edition);
      expect(files(ours).sort()).toEqual(files(theirs).sort());
      for (const file of files(theirs)) {
        expect({
          file,
          same: readFileSync(path.join(ours, file)).equals(readFileSync(path.join(theirs, file))),
        }).toEqual({
          file,
          same: true,
        });
      }
    },
  );

  it('maps the two comuni the 2021 file lists under their new province-of-Rimini codes, as SOURCE.md says', () => {
    const meta = JSON.parse(readFileSync(path.join(ISTAT, 'popolazione-2021.meta.json'), 'utf8'));
    expect(meta).toMatchObject({
      referenceDate: '2021-01-01',
      codeChanges: { '099030': '041033', '099031': '041060' },
    });
    const known = new Set(register.map((c) => c.codiceIstat));
    for (const [from, to] of Object.entries(meta.codeChanges as Record<string, string>)) {
      expect(population.has(from)).toBe(true);
      expect(known.has(from)).toBe(false);
      expect(population.has(to)).toBe(false);
      expect(known.has(to)).toBe(true);
    }
    const source = readFileSync(path.join(SHARED, 'istat/SOURCE.md'), 'utf8');
    expect(source).toContain('099030 (1,066) and 099031 (1,349)');
    expect(population.get('099030')).toBe('1066');
    expect(population.get('099031')).toBe('1349');
    // Every other code of the file is in the register; only Monteciccardo (merged) has no 2021 figure.
    const unknown = [...population.keys()].filter((code) => !known.has(code) && !(code in meta.codeChanges));
    expect(unknown).toEqual([]);
    const uncovered = register.filter(
      (c) => !population.has(c.codiceIstat) && !Object.values(meta.codeChanges).includes(c.codiceIstat),
    );
    expect(uncovered.map((c) => c.nome)).toEqual(['Monteciccardo']);
  });

  it('names the 14 capitals of the metropolitan cities by their code and name in the register', () => {
    const { capitals } = JSON.parse(readFileSync(path.join(ISTAT, 'citta-metropolitane.json'), 'utf8'));
    expect(capitals).toHaveLength(14);
    for (const capital of capitals) {
      expect(register.find((c) => c.codiceIstat === capital.codiceIstat)?.nome).toBe(capital.nome);
    }
  });

  it('bounds the query budget with the counts of the register (ISTAT comuni.json)', () => {
    const comuni = JSON.parse(readFileSync(path.join(ISTAT, 'comuni.json'), 'utf8')) as {
      regione: { codice: string };
      provincia: { codice: string };
    }[];
    const provincesOf = new Map<string, Set<string>>();
    for (const c of comuni) {
      provincesOf.set(
        c.regione.codice,
        (provincesOf.get(c.regione.codice) ?? new Set()).add(c.provincia.codice),
      );
    }
    const largestRegion = Math.max(...[...provincesOf.values()].map((p) => p.size));
    expect(PROVINCES_OF_A_REGION).toBe(largestRegion);
    expect(ITALIAN_PROVINCES).toBeGreaterThanOrEqual(new Set(comuni.map((c) => c.provincia.codice)).size);
    expect(ITALIAN_COMUNI).toBeGreaterThanOrEqual(comuni.length);
  });
});
