import { fiscalCodeProblem } from '@rtd/identity';
import { DEMO_PEOPLE } from './demo-identities';

describe('demo identities', () => {
  it.each(DEMO_PEOPLE.map((p) => p.fiscalCode))('accepts the demo person %s', (code) => {
    expect(fiscalCodeProblem(code)).toBeNull();
  });
});
