import ExcelJS from 'exceljs';
import { DomainError } from '@rtd/kernel';
import { handZip } from '../../../../test/support/hand-zip';
import { parseCsv } from './status-file';
import { checkXlsxZip } from './zip-guard';

const refusal = (run: () => void): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('BAD_USER_INPUT');
    return (e as DomainError).message;
  }
  throw new Error('not refused');
};

describe('checkXlsxZip', () => {
  it('lets an ordinary workbook through', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Linee').addRow(['Codice linea', 'Stato']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(() => checkXlsxZip(file)).not.toThrow();
  });

  it('refuses what is not a zip', () => {
    expect(refusal(() => checkXlsxZip(Buffer.from('not a zip at all, just text')))).toMatch(/non è un XLSX/);
  });

  it('refuses macros, by the part or by the content type', () => {
    expect(
      refusal(() => checkXlsxZip(handZip([{ name: 'xl/vbaProject.bin', data: Buffer.from('x') }]))),
    ).toMatch(/macro/);
    const types =
      '<Types><Override ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>';
    expect(
      refusal(() => checkXlsxZip(handZip([{ name: '[Content_Types].xml', data: Buffer.from(types) }]))),
    ).toMatch(/macro/);
  });

  it('refuses an entry over the cap, declared honestly or not, without inflating it whole', () => {
    const limits = { maxEntries: 10, maxEntryBytes: 1024, maxTotalBytes: 4096 };
    const big = Buffer.alloc(10 * 1024);
    expect(refusal(() => checkXlsxZip(handZip([{ name: 'a.xml', data: big }]), limits))).toMatch(/zip bomb/);
    expect(
      refusal(() => checkXlsxZip(handZip([{ name: 'a.xml', data: big, declaredSize: 100 }]), limits)),
    ).toMatch(/zip bomb/);
    const many = Array.from({ length: 5 }, (_, i) => ({ name: `${i}.xml`, data: Buffer.alloc(1000) }));
    expect(refusal(() => checkXlsxZip(handZip(many), limits))).toMatch(/zip bomb/);
    expect(() => checkXlsxZip(handZip(many.slice(0, 4)), limits)).not.toThrow();
  });

  it('refuses too many entries', () => {
    const limits = { maxEntries: 2, maxEntryBytes: 1024, maxTotalBytes: 4096 };
    const entries = ['a', 'b', 'c'].map((name) => ({ name, data: Buffer.from(name) }));
    expect(refusal(() => checkXlsxZip(handZip(entries), limits))).toMatch(/troppi elementi/);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    expect(parseCsv('a;b\r\n"x; ""y""";"riga\nnuova"\n', ';')).toEqual([
      ['a', 'b'],
      ['x; "y"', 'riga\nnuova'],
    ]);
    expect(parseCsv('a,b\n1,2', ',')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
