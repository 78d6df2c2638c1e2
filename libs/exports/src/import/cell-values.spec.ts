import { wholeNumber } from './cell-values';

describe('wholeNumber (issue 26, point 6)', () => {
  it('reads integers as a person writes them', () => {
    expect([40, '40', ' 40 ', '+7', '-1', 0, '0040'].map(wholeNumber)).toEqual([40, 40, 40, 7, -1, 0, 40]);
  });

  it('refuses what only JavaScript reads as a number', () => {
    for (const value of [
      '4e1',
      '0x28',
      '0b101',
      '0o50',
      '40.0',
      '40,5',
      '',
      ' ',
      'Infinity',
      '1_000',
      '٤٠',
      40.5,
      null,
    ])
      expect({ value, read: wholeNumber(value) }).toEqual({ value, read: null });
    expect(wholeNumber(2 ** 60)).toBeNull();
  });
});
