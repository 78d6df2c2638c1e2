import { parseCsv } from '@rtd/kernel';
import { bodyKindOf, escapeBareQuotes } from './pnrr-importer';

describe('escapeBareQuotes', () => {
  it('doubles the quotes inside a quoted field, as the other bodies file leaves them bare', () => {
    const text = 'a,b,c\n"impgbt","STUDI COREUTICI "GAETANO BRAGA"","Altri Enti"\n"x","plain","y"\n';
    const [first, second] = parseCsv(escapeBareQuotes(text), 'f.csv', ['a', 'b', 'c']);
    expect(first.values).toEqual({ a: 'impgbt', b: 'STUDI COREUTICI "GAETANO BRAGA"', c: 'Altri Enti' });
    expect(second.values).toEqual({ a: 'x', b: 'plain', c: 'y' });
  });

  it('leaves a well-formed line as it is', () => {
    const line = '"a","b",12.0,"c"';
    expect(escapeBareQuotes(line)).toBe(line);
  });
});

describe('bodyKindOf', () => {
  it("reads the publisher's tipologia_ente of both layouts: the comune itself, a school, any other body", () => {
    expect(bodyKindOf('Comuni')).toBe('COMUNE');
    expect(bodyKindOf('Comune')).toBe('COMUNE');
    expect(bodyKindOf('Scuole')).toBe('SCHOOL');
    expect(bodyKindOf('ASL')).toBe('OTHER');
    expect(bodyKindOf('Altri Enti')).toBe('OTHER');
  });
});
