/** «Consorzi» (features/consortia): the operator founds consortia and names their RTD. */
export const CONSORTIA_LABEL = {
  title: 'Consorzi',
  lead: 'Gli Uffici RTD associati della piattaforma, con i loro Comuni.',
  loading: 'dei consorzi',
  emptyTitle: 'Nessun consorzio',
  emptyText: 'Costituisci il primo consorzio con il modulo qui sotto, poi nominane l’RTD.',
  caption: (n: number) => `${n === 1 ? '1 consorzio' : `${n} consorzi`}, in ordine alfabetico`,
  consortium: 'Consorzio',
  comuni: 'Comuni',
  createTitle: 'Costituisci un consorzio',
  name: 'Nome del consorzio',
  codes: 'Codici ISTAT dei Comuni',
  codesHelp:
    'Un codice per riga, 6 cifre (ad esempio 019067 per Pandino); dopo il codice puoi scrivere il nome, che non viene letto. Un Comune fa parte al più di un consorzio.',
  recognised: (n: number) => (n === 1 ? '1 Comune riconosciuto' : `${n} Comuni riconosciuti`),
  verify: 'Verifica i Comuni',
  create: 'Costituisci il consorzio',
  rtdTitle: 'Nomina l’RTD di un consorzio',
  rtdIntro:
    'La persona entra con SPID o CIE: basta il suo codice fiscale. Sarà lei a nominare referenti, staff e revisori.',
  rtdForm: 'Nomina l’RTD',
  chooseConsortium: 'Scegli un consorzio',
  rtdFiscalCode: 'Codice fiscale dell’RTD',
  grant: 'Nomina l’RTD',
} as const;

/** What the consortium forms say of bad input and of what was done. */
export const CONSORTIA_MESSAGE = {
  notIstat: (line: number, token: string) =>
    `Riga ${line}: «${token}» non è un codice ISTAT (6 cifre, ad esempio 019067).`,
  noCodes: 'Scrivi almeno un codice ISTAT, uno per riga.',
  alreadyIn: (name: string, code: string, consortium: string) =>
    `${name} (${code}) fa già parte di «${consortium}».`,
  unknownCode: (code: string) => `Nessun Comune ha il codice ISTAT ${code}.`,
  uncheckedCode: (code: string) => `Non è stato possibile verificare il codice ${code}: riprova tra poco.`,
  badName: 'Il nome ha da 3 a 200 caratteri.',
  created: (name: string, n: number) =>
    `Consorzio «${name}» costituito con ${n} Comuni. Ora nominane l’RTD qui sotto.`,
  chooseConsortium: 'Scegli il consorzio.',
  badFiscalCode: 'Il codice fiscale ha 16 caratteri, lettere e cifre, ad esempio RSSMRA80A01H501U.',
  granted: (who: string, consortium: string) =>
    `${who} è ora Responsabile per la Transizione al Digitale di «${consortium}».`,
} as const;
