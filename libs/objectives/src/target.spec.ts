import { normaliseTarget, ownTarget } from './target';

const band = (minPopulation: number | null, maxPopulation: number | null = null) => ({
  minPopulation,
  maxPopulation,
});

describe('normaliseTarget', () => {
  it('inherits the population threshold of a line when the target sets none', () => {
    expect(normaliseTarget({ all: true }, [band(15001), band(null)])).toEqual({
      all: true,
      comuneIds: null,
      minPopulation: 15001,
      maxPopulation: null,
      provinceCodes: null,
    });
  });

  it('inherits both ends of a band (CAP5.PA.10: 5,000 to 10,000 inhabitants)', () => {
    expect(normaliseTarget({ all: true }, [band(5000, 10000)])).toMatchObject({
      minPopulation: 5000,
      maxPopulation: 10000,
    });
    // Two lines: the comuni both reach.
    expect(normaliseTarget({ all: true }, [band(5000, 10000), band(null, 8000)])).toMatchObject({
      minPopulation: 5000,
      maxPopulation: 8000,
    });
  });

  it('keeps a stricter threshold of the target, and the line raises a laxer one', () => {
    expect(normaliseTarget({ minPopulation: 20000 }, [band(15001)]).minPopulation).toBe(20000);
    expect(normaliseTarget({ minPopulation: 1000 }, [band(15001)]).minPopulation).toBe(15001);
    expect(normaliseTarget({ maxPopulation: 9000 }, [band(5000, 10000)]).maxPopulation).toBe(9000);
    expect(normaliseTarget({ maxPopulation: 20000 }, [band(5000, 10000)]).maxPopulation).toBe(10000);
  });

  it('refuses an empty target and bad filters, naming the field', () => {
    expect(() => normaliseTarget({}, [])).toThrow(/"target"/);
    expect(() => normaliseTarget({ provinceCodes: ['19'] }, [])).toThrow(/target.provinceCodes/);
    expect(() => normaliseTarget({ comuneIds: ['x'] }, [])).toThrow(/target.comuneIds/);
    expect(() => normaliseTarget({ minPopulation: 5000, maxPopulation: 1000 }, [])).toThrow(
      /target.maxPopulation/,
    );
    expect(() => normaliseTarget({ all: true, maxPopulation: 10000 }, [band(15001)])).toThrow(
      /target.maxPopulation/,
    );
    // The office's own minimum above the band of the line: the field the office set is named.
    expect(() => normaliseTarget({ minPopulation: 20000 }, [band(5000, 10000)])).toThrow(
      /target.minPopulation.*10\.000 abitanti/,
    );
  });

  it("gives back the office's own target without the band its lines gave it", () => {
    const stored = normaliseTarget({ all: true }, [band(5000, 10000)]);
    expect(ownTarget(stored, [band(5000, 10000)])).toMatchObject({
      all: true,
      minPopulation: null,
      maxPopulation: null,
    });
    // Other lines then give theirs: CAP5.PA.10 (5,000-10,000) replaced by CAP5.PA.06 (10,000-100,000).
    expect(normaliseTarget(ownTarget(stored, [band(5000, 10000)]), [band(10000, 100000)])).toMatchObject({
      minPopulation: 10000,
      maxPopulation: 100000,
    });
    const own = normaliseTarget({ provinceCodes: ['019'], minPopulation: 2000 }, [band(15001)]);
    expect(ownTarget(own, [band(15001)])).toMatchObject({
      all: false,
      provinceCodes: ['019'],
      minPopulation: null,
    });
    const stricter = normaliseTarget({ minPopulation: 20000 }, [band(15001)]);
    expect(ownTarget(stricter, [band(15001)])).toMatchObject({ minPopulation: 20000 });
  });
});
