import { fiscalCodeCheckCharacter, fiscalCodeProblem, normalizeFiscalCode } from './fiscal-code';

describe('fiscal code', () => {
  it('computes the check character', () => {
    expect(fiscalCodeCheckCharacter('MRTNNA70S63D142')).toBe('G');
  });

  it('rejects a wrong check character', () => {
    expect(fiscalCodeProblem('MRTNNA70S63D142H')).toBe('check');
  });

  it.each(['', 'MRTNNA70S63D142', 'MRTNNA70S63D142GX', '1RTNNA70S63D142G', 'MRTNNA70Z63D142G'])(
    'rejects the malformed %p',
    (code) => {
      expect(fiscalCodeProblem(code)).toBe('format');
    },
  );

  it('strips the SPID prefix and normalises case', () => {
    expect(normalizeFiscalCode(' tinit-mrtnna70s63d142g ')).toBe('MRTNNA70S63D142G');
  });
});
