import { errorForLog, MAX_LOGGED_TEXT, redactForLog } from './log-redaction';

describe('redactForLog', () => {
  it('removes fiscal codes and e-mail addresses', () => {
    const text = redactForLog(
      'persona FRRGLI75C52D142B (giulia.ferrari@comune.crema.cr.it) e mrtnna70s63d142g',
    );
    expect(text).toBe('persona [codice fiscale] ([e-mail]) e [codice fiscale]');
  });

  it('caps the text', () => {
    expect(redactForLog('x'.repeat(90_000)).length).toBe(MAX_LOGGED_TEXT + 1);
  });
});

describe('errorForLog', () => {
  it('keeps type, message, stack and SQL text, and drops the parameters', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'QueryFailedError',
      query: 'INSERT INTO person (fiscal_code, email) VALUES ($1, $2)',
      parameters: ['FRRGLI75C52D142B', 'giulia.ferrari@example.it'],
      driverError: { detail: 'Key (fiscal_code)=(FRRGLI75C52D142B) already exists.' },
      code: '23505',
    });
    const logged = errorForLog(error);
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint',
      query: 'INSERT INTO person (fiscal_code, email) VALUES ($1, $2)',
      code: '23505',
    });
    expect(logged.stack).toContain('duplicate key');
    expect(JSON.stringify(logged)).not.toMatch(/FRRGLI75C52D142B|giulia|parameters|detail/);
  });

  it('redacts personal data from the message and the stack', () => {
    const logged = errorForLog(new Error('nessuna persona FRRGLI75C52D142B'));
    expect(JSON.stringify(logged)).not.toContain('FRRGLI75C52D142B');
  });
});

describe('redactForLog on long input', () => {
  it('takes linear time', () => {
    const started = Date.now();
    redactForLog('x'.repeat(90_000));
    redactForLog('a.'.repeat(90_000));
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
