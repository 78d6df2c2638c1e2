import { normaliseTarget } from './target';

describe('normaliseTarget', () => {
  it('inherits the population threshold of a line when the target sets none', () => {
    expect(normaliseTarget({ all: true }, [15001, null])).toEqual({
      all: true,
      comuneIds: null,
      minPopulation: 15001,
      maxPopulation: null,
      provinceCodes: null,
    });
  });

  it('keeps a stricter threshold of the target, and the line raises a laxer one', () => {
    expect(normaliseTarget({ minPopulation: 20000 }, [15001]).minPopulation).toBe(20000);
    expect(normaliseTarget({ minPopulation: 1000 }, [15001]).minPopulation).toBe(15001);
  });

  it('refuses an empty target and bad filters, naming the field', () => {
    expect(() => normaliseTarget({}, [])).toThrow(/"target"/);
    expect(() => normaliseTarget({ provinceCodes: ['19'] }, [])).toThrow(/target.provinceCodes/);
    expect(() => normaliseTarget({ comuneIds: ['x'] }, [])).toThrow(/target.comuneIds/);
    expect(() => normaliseTarget({ minPopulation: 5000, maxPopulation: 1000 }, [])).toThrow(
      /target.maxPopulation/,
    );
    expect(() => normaliseTarget({ all: true, maxPopulation: 10000 }, [15001])).toThrow(
      /target.maxPopulation/,
    );
  });
});
