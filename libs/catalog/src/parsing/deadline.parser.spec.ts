import { CatalogParseError } from './catalog-parse.error';
import { parseDeadline, splitDatePrefix } from './deadline.parser';

describe('parseDeadline', () => {
  it.each([
    ['Da settembre 2020 – I Comuni pubblicano', 'FROM', '2020-09-01'],
    ['Da settembre 2020 (in corso) – I Comuni pubblicano', 'FROM', '2020-09-01'],
    ['Da Giugno 2022 – Monitoraggio periodico', 'FROM', '2022-06-01'],
    ['DA GENNAIO 2021 - testo', 'FROM', '2021-01-01'],
    ['Dal 15 marzo 2024 - testo', 'FROM', '2024-03-15'],
    ['Entro dicembre 2023 – I Comuni', 'BY', '2023-12-01'],
    ['Entro il 31 dicembre 2023 - I Comuni', 'BY', '2023-12-31'],
    ['Entro febbraio 2023 (o altro termine indicato nel Regolamento) – I Comuni', 'BY', '2023-02-01'],
    ['Entro settembre 2023 – I Comuni pubblicano, entro il 23 settembre 2023, tramite', 'BY', '2023-09-23'],
    ['Settembre 2024 - Le PA pubblicano, entro il 23 settembre, esclusivamente', 'BY', '2024-09-23'],
    // A day in another month or year of the body does not move the deadline.
    ['Entro dicembre 2023 – ... completamento entro Dicembre 2025', 'BY', '2023-12-01'],
    ['Entro settembre 2020 - entro il 23 settembre 2021', 'BY', '2020-09-01'],
    ['Dicembre 2024 - Le PA', 'BY', '2024-12-01'],
    ['Gennaio 2024 - Le PA', 'BY', '2024-01-01'],
    ['Le PA adeguano i metadati', 'NONE', null],
    ['Attivare Login with eIDAS', 'NONE', null],
    ['Target 2024 - Almeno 35.000 dataset', 'NONE', null],
    ['Da parte dei Comuni', 'NONE', null],
    ['', 'NONE', null],
  ])('%s', (text, deadlineKind, deadline) => {
    expect(parseDeadline(text)).toEqual({ deadlineKind, deadline });
  });

  it('returns the text that follows the date, qualifiers and dash included', () => {
    expect(
      splitDatePrefix('Da luglio 2022 (o altro termine indicato nel Regolamento) – I Comuni aggiornano').body,
    ).toBe('I Comuni aggiornano');
  });

  it.each([
    ['Entro brumaio 2023 - I Comuni', /mese sconosciuto "brumaio"/],
    ['Da setembre 2020 - I Comuni', /mese sconosciuto "setembre"/],
    ['Entro il 30 febbraio 2023 - I Comuni', /giorno non valido/],
    ['Entro settembre 2023 - entro il 23 settembre 2023 o il 24 settembre 2023', /più giorni diversi/],
  ])('rejects %s', (text, reason) => {
    const error = captureError(() => parseDeadline(text, { file: 'seed.txt', line: 42 }));
    expect(error).toBeInstanceOf(CatalogParseError);
    expect(error).toMatchObject({ file: 'seed.txt', line: 42 });
    expect((error as CatalogParseError).reason).toMatch(reason);
    expect((error as CatalogParseError).message).toMatch(/^seed\.txt:42: /);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
