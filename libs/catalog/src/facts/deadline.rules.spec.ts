import { CatalogParseError } from '../parsing/catalog-parse.error';
import { readDeadlines } from './deadline.rules';

const first = (text: string) => {
  const { deadlineKind, deadline } = readDeadlines(text);
  return { deadlineKind, deadline };
};

describe('readDeadlines', () => {
  it.each([
    // "Da <mese>": in force from the first day of the month.
    ['Da settembre 2020 – I Comuni pubblicano', 'FROM', '2020-09-01'],
    ['Da settembre 2020 (in corso) – I Comuni pubblicano', 'FROM', '2020-09-01'],
    ['Da Giugno 2022 – Monitoraggio periodico', 'FROM', '2022-06-01'],
    ['DA GENNAIO 2021 - testo', 'FROM', '2021-01-01'],
    ['Dal 15 marzo 2024 - testo', 'FROM', '2024-03-15'],
    ['A partire da luglio 2025 - testo', 'FROM', '2025-07-01'],
    // "Entro <mese>": due by the last day of the month, leap years included.
    ['Entro dicembre 2023 – I Comuni', 'BY', '2023-12-31'],
    ['Entro febbraio 2023 (o altro termine indicato nel Regolamento) – I Comuni', 'BY', '2023-02-28'],
    ['Entro febbraio 2024 - I Comuni', 'BY', '2024-02-29'],
    ['Entro aprile 2021 - Le PA', 'BY', '2021-04-30'],
    ['Entro il 31 dicembre 2023 - I Comuni', 'BY', '2023-12-31'],
    // A day the text names in the month and year of the opening date is the deadline.
    ['Entro settembre 2023 – I Comuni pubblicano, entro il 23 settembre 2023, tramite', 'BY', '2023-09-23'],
    ['Settembre 2024 - Le PA pubblicano, entro il 23 settembre, esclusivamente', 'BY', '2024-09-23'],
    // 2024-2026 writes the month alone: a deadline, its last day.
    ['Dicembre 2024 - Le PA', 'BY', '2024-12-31'],
    ['Gennaio 2024 - Le PA', 'BY', '2024-01-31'],
    // Semester, quarter and year: their last day (their first after "Da").
    ['Entro il primo semestre 2025 - Le PA', 'BY', '2025-06-30'],
    ['Entro il II semestre 2025 - Le PA', 'BY', '2025-12-31'],
    ['Entro il terzo trimestre 2025 - Le PA', 'BY', '2025-09-30'],
    ['Entro Q1 2026 - Le PA', 'BY', '2026-03-31'],
    ['Entro il 2025 - Le PA', 'BY', '2025-12-31'],
    ['Entro fine 2025 - Le PA', 'BY', '2025-12-31'],
    ['Dal secondo semestre 2025 - Le PA', 'FROM', '2025-07-01'],
    ['Le PA adeguano i metadati', 'NONE', null],
    ['Attivare Login with eIDAS', 'NONE', null],
    ['Target 2024 - Almeno 35.000 dataset', 'NONE', null],
    ['Da parte dei Comuni', 'NONE', null],
    ['', 'NONE', null],
  ])('%s', (text, deadlineKind, deadline) => {
    expect(first(text)).toEqual({ deadlineKind, deadline });
  });

  it('keeps the qualifier of the date and the words as written', () => {
    const { deadlines, body } = readDeadlines(
      'Entro febbraio 2023 (o altro termine indicato nel Regolamento) – I Comuni aggiornano',
    );
    expect(body).toBe('I Comuni aggiornano');
    expect(deadlines).toEqual([
      {
        kind: 'BY',
        date: '2023-02-28',
        precision: 'MONTH',
        words: 'Entro febbraio 2023',
        qualifier: '(o altro termine indicato nel Regolamento)',
        rules: ['K-ENTRO', 'D-MESE'],
      },
    ]);
  });

  it('keeps a second deadline of the text with the sentence it belongs to (CAP1.PA.LA25)', () => {
    const { deadlines } = readDeadlines(
      'Entro dicembre 2023 – I Comuni mettono a disposizione dati strutturati. Nel caso di dati non strutturati predispongono la pianificazione prevedendo il completamento dell’attività entro Dicembre 2025',
    );
    expect(deadlines.map((d) => [d.kind, d.date, d.precision])).toEqual([
      ['BY', '2023-12-31', 'MONTH'],
      ['BY', '2025-12-31', 'MONTH'],
    ]);
    expect(deadlines[1]).toMatchObject({
      words: 'entro Dicembre 2025',
      qualifier:
        'Nel caso di dati non strutturati predispongono la pianificazione prevedendo il completamento dell’attività entro Dicembre 2025',
    });
  });

  it('marks a line AgID rescheduled with an asterisk (2025 update)', () => {
    expect(readDeadlines('Da aprile 2025 * - Le Università possono').deadlines[0]).toMatchObject({
      date: '2025-04-01',
      qualifier: '* (linea ripianificata)',
    });
  });

  it('names the day of a deadline in another month as a deadline of its own', () => {
    expect(
      readDeadlines('Entro settembre 2020 - entro il 23 settembre 2021').deadlines.map((d) => d.date),
    ).toEqual(['2020-09-30', '2021-09-23']);
  });

  it.each([
    ['Entro brumaio 2023 - I Comuni', /mese sconosciuto "brumaio"/],
    ['Da setembre 2020 - I Comuni', /mese sconosciuto "setembre"/],
    ['Entro il 30 febbraio 2023 - I Comuni', /giorno non valido/],
    ['Entro settembre 2023 - entro il 23 settembre 2023 o entro il 24 settembre 2023', /più giorni diversi/],
  ])('rejects %s', (text, reason) => {
    const error = captureError(() => readDeadlines(text, { file: 'seed.txt', line: 42 }));
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
