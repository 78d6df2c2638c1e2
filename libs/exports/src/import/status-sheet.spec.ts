import ExcelJS from 'exceljs';
import { FileRefusal } from './file-refusal';
import { parseStatusFile } from './status-sheet';

const HEADER = [
  'Codice ISTAT',
  'Codice linea',
  'Stato',
  'Avanzamento (%)',
  'Criticità',
  'ID attività',
  'Versione',
];
const ID = '3f0c2a4e-1b2c-4d5e-8f90-123456789abc';

async function refusal(file: Promise<unknown>): Promise<string> {
  try {
    await file;
  } catch (error) {
    expect(error).toBeInstanceOf(FileRefusal);
    return (error as FileRefusal).message;
  }
  throw new Error('not refused');
}

const written = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

describe('parseStatusFile, XLSX read as a stream (issue 26, points 2 and 6)', () => {
  const workbook = () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Linee 2022-2024');
    sheet.addRow(HEADER);
    sheet.addRow([
      '019035',
      'CAP1.PA.LA20',
      'In corso',
      40,
      { richText: [{ text: 'Manca ' }, { text: 'tutto' }] },
      ID,
      3,
    ]);
    return { book, sheet };
  };

  it('reads the import columns of a status sheet, rich text joined and formulas by their result', async () => {
    const { book, sheet } = workbook();
    sheet.getCell('D2').value = { formula: '20*2', result: 40 };
    book.addWorksheet('Fonti').addRow(['Generato da RTD Hub']);
    const file = await parseStatusFile('m.xlsx', await written(book));
    expect(file).toEqual({
      format: 'XLSX',
      rows: [
        {
          sheet: 'Linee 2022-2024',
          row: 2,
          cells: {
            istat: '019035',
            code: 'CAP1.PA.LA20',
            status: 'In corso',
            progress: 40,
            issues: 'Manca tutto',
            assignmentId: ID,
            version: 3,
          },
        },
      ],
    });
  });

  it('reads text across the 64 KB chunks without breaking a character', async () => {
    const { book, sheet } = workbook();
    const long = 'Criticità: è già più 😀 '.repeat(4_000);
    sheet.getCell('E2').value = long;
    const file = await parseStatusFile('m.xlsx', await written(book));
    expect(file.rows[0].cells.issues).toBe(long);
  });

  it('reads a workbook that exceljs rewrote, its workbook part after the worksheets', async () => {
    const { book } = workbook();
    book.addWorksheet('Appunti');
    await written(book);
    book.removeWorksheet(book.getWorksheet('Appunti')!.id);
    expect((await parseStatusFile('m.xlsx', await written(book))).rows).toHaveLength(1);
  });

  it('refuses a formula without its saved result in a column it reads, and ignores it elsewhere', async () => {
    const { book, sheet } = workbook();
    sheet.getCell('H2').value = { formula: 'A1' } as ExcelJS.CellFormulaValue;
    expect((await parseStatusFile('m.xlsx', await written(book))).rows).toHaveLength(1);
    sheet.getCell('D2').value = { formula: 'A1' } as ExcelJS.CellFormulaValue;
    expect(await refusal(parseStatusFile('m.xlsx', await written(book)))).toBe(
      'foglio «Linee 2022-2024», riga 2, colonna «Avanzamento (%)»: formula senza valore calcolato; aprire il file con un foglio di calcolo e salvarlo, oppure scrivere il valore',
    );
  });

  it('refuses a cell past column Z, naming it', async () => {
    const { book, sheet } = workbook();
    sheet.getCell('Z2').value = 'nota';
    expect((await parseStatusFile('m.xlsx', await written(book))).rows).toHaveLength(1);
    sheet.getCell('AB7').value = 'oltre';
    expect(await refusal(parseStatusFile('m.xlsx', await written(book)))).toMatch(
      /^foglio «Linee 2022-2024», cella AB7: al massimo 26 colonne/,
    );
  });

  it('counts the rows of every sheet: a second sheet without the header does not escape the caps', async () => {
    const { book } = workbook();
    const other = book.addWorksheet('Altro');
    for (let i = 0; i < 6_000; i++) other.addRow(['x']);
    expect(await refusal(parseStatusFile('m.xlsx', await written(book)))).toMatch(
      /^troppi dati: al massimo 6\.000 righe/,
    );
  });

  it('refuses a CSV record past 26 fields', async () => {
    const wide = `${HEADER.join(';')}\n${Array.from({ length: 27 }, () => 'x').join(';')}\n`;
    expect(await refusal(parseStatusFile('m.csv', Buffer.from(wide)))).toMatch(
      /^riga 2: al massimo 26 colonne/,
    );
  });
});
