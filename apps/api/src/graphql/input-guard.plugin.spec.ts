import { parse } from 'graphql';
import { scanLiterals, storable, variableWithNul } from './input-guard.plugin';

describe('input guard', () => {
  it('finds a NUL in a variable and names it after the argument it is given to', () => {
    const { usedAt } = scanLiterals(
      parse('mutation($i: UpdateSharedObjectiveInput!, $t: TargetInput) { a(input: $i, target: $t) { id } }'),
    );
    expect(variableWithNul({ i: { title: 'ok', lineCodes: ['a', 'b\u0000'] } }, usedAt)).toBe(
      'input.lineCodes[1]',
    );
    expect(variableWithNul({ t: { provinceCodes: ['\u0000'] } }, usedAt)).toBe('target.provinceCodes[0]');
    expect(variableWithNul({ i: { title: 'senza caratteri nulli 😀' } }, usedAt)).toBeNull();
  });

  it('finds a NUL in a string literal, in nested input objects and in default values', () => {
    expect(scanLiterals(parse('{ a(search: "x\\u0000") { id } }')).withNul).toBe('search');
    expect(
      scanLiterals(parse('{ a(input: { target: { provinceCodes: ["019", "\\u0000"] } }) { id } }')).withNul,
    ).toBe('input.target.provinceCodes');
    expect(scanLiterals(parse('query($s: String = "\\u0000") { a(search: $s) { id } }')).withNul).toBe('s');
    expect(scanLiterals(parse('{ a(search: "x") { id } }')).withNul).toBeNull();
  });

  it('refuses a lone UTF-16 surrogate (no UTF-8 form) and keeps real pairs and accents', () => {
    expect(storable('perché 😀 àèìòù')).toBe(true);
    expect(storable('\ud800')).toBe(false);
    expect(storable('a\udc00b')).toBe(false);
    expect(variableWithNul({ input: { email: '\ud800' } }, new Map([['input', 'input']]))).toBe(
      'input.email',
    );
  });
});
