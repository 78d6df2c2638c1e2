import ExcelJS from 'exceljs';
import { handZip } from '../../../../test/support/hand-zip';
import { FileRefusal } from './file-refusal';
import { parseCsv } from './status-sheet';
import { checkXlsxZip } from './zip-guard';

const refusal = (run: () => void): string => {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(FileRefusal);
    expect((e as FileRefusal).field).toBe('file');
    return (e as FileRefusal).message;
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
    const limits = { maxEntries: 10, maxEntryBytes: 1024, maxTotalBytes: 4096, maxSheets: 5 };
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
    const limits = { maxEntries: 2, maxEntryBytes: 1024, maxTotalBytes: 4096, maxSheets: 5 };
    const entries = ['a', 'b', 'c'].map((name) => ({ name, data: Buffer.from(name) }));
    expect(refusal(() => checkXlsxZip(handZip(entries), limits))).toMatch(/troppi elementi/);
  });
});

describe('checkXlsxZip, sized to the monitoring sheet (issue 26, point 2)', () => {
  const sheet = (n: number, data = Buffer.from('<worksheet/>')) => ({
    name: `xl/worksheets/sheet${n}.xml`,
    data,
  });

  it("refuses a worksheet that inflates past 16 MB, the template's largest being 2.7 MB", () => {
    const bomb = Buffer.alloc(17 * 1024 * 1024, 0x20);
    expect(refusal(() => checkXlsxZip(handZip([sheet(1, bomb)])))).toMatch(/zip bomb/);
  });

  it('refuses more worksheets than the monitoring sheet has', () => {
    const five = [1, 2, 3, 4, 5].map((n) => sheet(n));
    expect(() => checkXlsxZip(handZip(five))).not.toThrow();
    expect(refusal(() => checkXlsxZip(handZip([...five, sheet(6)])))).toMatch(
      /troppi fogli \(6\): al massimo 5/,
    );
  });

  it('refuses an entry hidden between the others, which a streaming reader would read', () => {
    const file = handZip([sheet(1), sheet(2)]);
    // A third entry squeezed in after the first, not listed in the directory: every offset after it moves.
    const firstEnd = 30 + 'xl/worksheets/sheet1.xml'.length + file.readUInt32LE(18);
    const hidden = handZip([sheet(9, Buffer.alloc(1024 * 1024))]);
    const hiddenLength = hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const forged = Buffer.concat([
      file.subarray(0, firstEnd),
      hidden.subarray(0, hiddenLength),
      file.subarray(firstEnd),
    ]);
    // The directory's offsets, patched so that each entry it lists is still found where it says.
    const end = forged.length - 22;
    const directory = forged.readUInt32LE(end + 16) + hiddenLength;
    forged.writeUInt32LE(directory, end + 16);
    const second = directory + 46 + 'xl/worksheets/sheet1.xml'.length;
    forged.writeUInt32LE(forged.readUInt32LE(second + 42) + hiddenLength, second + 42);
    expect(refusal(() => checkXlsxZip(forged))).toMatch(/zip danneggiato/);
  });

  it('refuses two entries of the same name', () => {
    expect(refusal(() => checkXlsxZip(handZip([sheet(1), sheet(1)])))).toMatch(/stesso nome/);
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
