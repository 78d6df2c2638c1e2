import { mailAddress } from './mail-address';

describe('mailAddress (issue 26, point 9)', () => {
  it('takes addresses as mail servers do, lower-cased', () => {
    expect(mailAddress(' Laura.Bianchi@Comune.Pandino.CR.it ')).toBe('laura.bianchi@comune.pandino.cr.it');
    expect(mailAddress('ufficio+rtd@unione.example.it')).toBe('ufficio+rtd@unione.example.it');
  });

  it('refuses what only looks like one', () => {
    for (const text of [
      'javascript:alert(1)//@x.it',
      '"javascript:alert(1)"@x.it',
      'nome@localhost',
      'nome@[10.0.0.1]',
      'Nome <nome@x.it>',
      'nome..cognome@x.it',
      'nome@x.it\r\nBcc: altri@x.it',
      'nome@-x.it',
      `${'a'.repeat(65)}@x.it`,
      'non-una-mail',
      '',
      null,
    ])
      expect({ text, address: mailAddress(text) }).toEqual({ text, address: null });
  });
});
