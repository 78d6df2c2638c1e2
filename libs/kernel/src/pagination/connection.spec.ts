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
    expect(decodeCursor(encodeCursor([3, 'CAP3.PA.LA01']), ['smallint', 'text'])).toEqual([
      3,
      'CAP3.PA.LA01',
    ]);
    for (const bad of ['%%%', encodeCursor(['x']), encodeCursor([1, 2])]) {
      let error: unknown;
      try {
        decodeCursor(bad, ['smallint', 'text']);
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
    expect(decodeCursor(page.pageInfo.endCursor, ['smallint'])).toEqual([2]);
  });

  it('refuses cursors whose values PostgreSQL would refuse (issue 12, point 5)', () => {
    const id = '0d7c4e8a-3b1f-4c2d-9e5a-6f7b8c9d0e1f';
    const accepted: [unknown[], Parameters<typeof decodeCursor>[1]][] = [
      [
        ['2026-03-31', id],
        ['date', 'uuid'],
      ],
      [
        ['infinity', id],
        ['date', 'uuid'],
      ],
      [
        ['2026-03-31T10:15:00.123Z', id],
        ['timestamp', 'uuid'],
      ],
      [
        [32_767, 'x'],
        ['smallint', 'text'],
      ],
    ];
    for (const [key, shape] of accepted) expect(decodeCursor(encodeCursor(key as never), shape)).toEqual(key);
    const forged: [unknown[], Parameters<typeof decodeCursor>[1]][] = [
      [
        ['x', 'y'],
        ['date', 'uuid'],
      ],
      [
        ['2027-02-30', id],
        ['date', 'uuid'],
      ],
      [
        ['2026-03-31', 'not-a-uuid'],
        ['date', 'uuid'],
      ],
      [
        ['yesterday', id],
        ['timestamp', 'uuid'],
      ],
      [
        ['2026-13-01T00:00:00.000Z', id],
        ['timestamp', 'uuid'],
      ],
      [
        [1.5, 'x'],
        ['smallint', 'text'],
      ],
      [
        [1e300, 'x'],
        ['smallint', 'text'],
      ],
      [
        [-1, 'x'],
        ['smallint', 'text'],
      ],
      [
        [1, 'a\u0000b'],
        ['smallint', 'text'],
      ],
    ];
    for (const [key, shape] of forged) {
      expect(() => decodeCursor(encodeCursor(key as never), shape)).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }),
      );
    }
    expect(() => decodeCursor('A'.repeat(5_000), ['text'])).toThrow(
      expect.objectContaining({ field: 'after' }),
    );
  });
});
