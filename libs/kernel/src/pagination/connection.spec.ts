import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor, pageSize, toPage } from './connection';

describe('pagination', () => {
  it('defaults to 50 and caps at 500 with TOO_COMPLEX', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(500)).toBe(500);
    expect(() => pageSize(501)).toThrow(expect.objectContaining({ code: 'TOO_COMPLEX' }));
    expect(() => pageSize(-1)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'first' }));
  });

  it('round-trips cursors and rejects forged ones naming "after"', () => {
    expect(decodeCursor(encodeCursor([3, 'CAP3.PA.LA01']), ['number', 'string'])).toEqual([
      3,
      'CAP3.PA.LA01',
    ]);
    for (const bad of ['%%%', encodeCursor(['x']), encodeCursor([1, 2])]) {
      let error: unknown;
      try {
        decodeCursor(bad, ['number', 'string']);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe('after');
    }
  });

  it('uses the extra row only to say a next page exists', () => {
    const page = toPage(
      [1, 2, 3],
      2,
      10,
      (n) => [n],
      (n) => n * 10,
    );
    expect(page.edges.map((e) => e.node)).toEqual([10, 20]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(page.pageInfo.endCursor, ['number'])).toEqual([2]);
  });
});
