import { parseCliArgs, parsePeriod } from './cli-options';

describe('command-line options', () => {
  it('splits options, switches and the source', () => {
    const parsed = parseCliArgs([
      '--edition',
      '2027-2029',
      './fonte',
      '--dry-run',
      '--supersedes',
      '2024-2026',
    ]);
    expect(parsed.positional).toEqual(['./fonte']);
    expect(Object.fromEntries(parsed.options)).toEqual({
      '--edition': '2027-2029',
      '--supersedes': '2024-2026',
    });
    expect([...parsed.flags]).toEqual(['--dry-run']);
  });

  it('refuses an option without its value, and a malformed period', () => {
    expect(() => parseCliArgs(['./fonte', '--edition'])).toThrow('manca il valore di --edition');
    expect(() => parseCliArgs(['--title', '--dry-run'])).toThrow('manca il valore di --title');
    expect(parsePeriod('2027-2029')).toEqual({ from: 2027, to: 2029 });
    expect(parsePeriod(undefined)).toBeUndefined();
    expect(() => parsePeriod('2027')).toThrow(/periodo non valido/);
  });
});
