import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { DomainError } from '@rtd/kernel';
import { cleanFileName, inspectFile, MAX_FILE_BYTES } from './evidence-content';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function odf(mimetype: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('content.xml', '<office:document-content/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function refusal(name: string, bytes: Buffer): Promise<DomainError> {
  try {
    await inspectFile(name, bytes);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`${name} was accepted`);
}

describe('inspectFile', () => {
  it('decides the type from the bytes, for each accepted kind', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Foglio').addRow(['Comune', 'Stato']);
    const cases: [string, Buffer, string][] = [
      ['scansione.pdf', PDF, 'application/pdf'],
      ['foto.png', PNG, 'image/png'],
      [
        'relazione.odt',
        await odf('application/vnd.oasis.opendocument.text'),
        'application/vnd.oasis.opendocument.text',
      ],
      [
        'tabella.ods',
        await odf('application/vnd.oasis.opendocument.spreadsheet'),
        'application/vnd.oasis.opendocument.spreadsheet',
      ],
      [
        'relazione.docx',
        await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Relazione')] }] })),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [
        'tabella.xlsx',
        Buffer.from(await book.xlsx.writeBuffer()),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      ['elenco.csv', Buffer.from('comune;stato\nCrema;fatto\n'), 'text/csv'],
      ['note.txt', Buffer.from('\uFEFFVerifica eseguita il 3 marzo: è tutto a posto'), 'text/plain'],
    ];
    for (const [name, bytes, type] of cases) {
      const facts = await inspectFile(name, bytes);
      expect([name, facts.contentType]).toEqual([name, type]);
      expect(facts.fileName).toBe(name);
      expect(facts.sizeBytes).toBe(bytes.length);
      expect(facts.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('names a file by its content when the name says otherwise', async () => {
    expect((await inspectFile('foto.pdf', PNG)).fileName).toBe('foto.pdf.png');
    expect((await inspectFile('verbale', PDF)).fileName).toBe('verbale.pdf');
  });

  it('refuses an executable renamed .pdf, a bare zip, binary junk, an empty and a 21 MB file', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 1)]);
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    const cases: [string, Buffer, RegExp][] = [
      ['fattura.pdf', exe, /non ammesso.*EXE/],
      ['archivio.zip', await zip.generateAsync({ type: 'nodebuffer' }), /non ammesso.*ZIP/],
      ['dati.bin', Buffer.from([0xff, 0xfe, 0x00, 0x12, 0x80]), /non riconosciuto/],
      ['vuoto.pdf', Buffer.alloc(0), /vuoto/],
      ['grande.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES + 1024 * 1024 - PDF.length)]), /20 MB/],
    ];
    for (const [name, bytes, message] of cases) {
      const error = await refusal(name, bytes);
      expect([name, error.code, error.field]).toEqual([name, 'BAD_USER_INPUT', 'file']);
      expect(error.message).toMatch(message);
    }
  });
});

describe('cleanFileName', () => {
  it('keeps the last part of a path, without control characters or leading dots', () => {
    expect(cleanFileName('C:\\Users\\anna\\Documenti\\report.pdf')).toBe('report.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('.htaccess')).toBe('htaccess');
    expect(cleanFileName('rep\u202Eort\u0000\n  finale.pdf')).toBe('report finale.pdf');
    expect(cleanFileName('a<b>:c.pdf')).toBe('a_b__c.pdf');
  });

  it('shortens a long name keeping its extension, and refuses an empty one', () => {
    const long = cleanFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(() => cleanFileName('/// \u0007')).toThrow(/vuoto/);
  });
});
