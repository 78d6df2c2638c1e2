import { createErrorFormatter, withoutSuggestions } from './graphql-error-formatter';

describe('withoutSuggestions', () => {
  it.each([
    [
      'Cannot query field "fiscalCod" on type "Person". Did you mean "fiscalCode"?',
      'Cannot query field "fiscalCod" on type "Person".',
    ],
    [
      'Value "REFERENT" does not exist in "Role" enum. Did you mean the enum value "COMUNE_REFERENT" or "COMUNE_DELEGATE"?',
      'Value "REFERENT" does not exist in "Role" enum.',
    ],
    ['Cannot query field "nothing" on type "Query".', 'Cannot query field "nothing" on type "Query".'],
  ])('%s', (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });

  it('is applied to the validation errors the formatter answers', () => {
    const format = createErrorFormatter({ error: () => undefined });
    const formatted = format(
      {
        message: 'Cannot query field "mee" on type "Query". Did you mean "me"?',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      new Error('validation'),
    );
    expect(formatted).toEqual({
      message: 'Cannot query field "mee" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
