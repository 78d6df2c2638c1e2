import { escapeLike, foldForSearch } from './normalize';

describe('foldForSearch', () => {
  it('ignores accents, case and spacing', () => {
    expect(foldForSearch('  Accessibilità   dei SERVIZI ')).toBe('accessibilita dei servizi');
    expect(foldForSearch('ACCESSIBILITA')).toBe(foldForSearch('accessibilità'));
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
