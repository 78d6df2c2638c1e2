import { handZip } from './hand-zip';

/**
 * Workbooks written by hand, part by part, as a hostile uploader would (issue 26, point 2): small
 * files whose worksheets inflate to tens of megabytes of valid XML, every cell with its address
 * so that a reader has to take each one.
 */
const HEADERS = [
  'Codice ISTAT',
  'Codice linea',
  'Stato',
  'Avanzamento (%)',
  'Criticità',
  'ID attività',
  'Versione',
];

const CONTENT_TYPES = (sheets: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
  `<Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('') +
  `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;

const ROOT_RELS =
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK = (sheets: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
  Array.from(
    { length: sheets },
    (_, i) => `<sheet name="Foglio${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  ).join('') +
  `</sheets></workbook>`;

const WORKBOOK_RELS = (sheets: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('') +
  `<Relationship Id="rId${sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

/** Shared strings: the headers, then one short text every filler cell points at. */
const SHARED_STRINGS =
  `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  [...HEADERS, 'x'].map((text) => `<si><t>${text}</t></si>`).join('') +
  `</sst>`;

function column(n: number): string {
  let name = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + ((i - 1) % 26)) + name;
  return name;
}

/**
 * A worksheet: the import's header first when asked, then `rows` rows of `columns` cells of "x",
 * each with its address (`r`, as spreadsheets write it) or without (allowed, and far smaller once
 * compressed: the 121 KB file of the issue).
 */
function worksheet(rows: number, columns: number, header: boolean, addresses: boolean): Buffer {
  const letters = Array.from({ length: columns }, (_, i) => (addresses ? column(i + 1) : ''));
  const cell = (letter: string, r: number, value: number) =>
    letter ? `<c r="${letter}${r}" t="s"><v>${value}</v></c>` : `<c t="s"><v>${value}</v></c>`;
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`,
  ];
  let first = 1;
  if (header) {
    parts.push(
      `<row r="1">${HEADERS.map((_, i) => `<c r="${column(i + 1)}1" t="s"><v>${i}</v></c>`).join('')}</row>`,
    );
    first = 2;
  }
  for (let r = first; r < first + rows; r++)
    parts.push(`<row r="${r}">${letters.map((l) => cell(l, r, HEADERS.length)).join('')}</row>`);
  parts.push(`</sheetData></worksheet>`);
  return Buffer.from(parts.join(''));
}

/** An XLSX of these worksheets (the first one with the import's header), written by hand. */
export function handWorkbook(sheets: { rows: number; columns: number; addresses?: boolean }[]): Buffer {
  return handZip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES(sheets.length)) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK(sheets.length)) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS(sheets.length)) },
    { name: 'xl/sharedStrings.xml', data: Buffer.from(SHARED_STRINGS) },
    ...sheets.map((sheet, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: worksheet(sheet.rows, sheet.columns, i === 0, sheet.addresses ?? true),
    })),
  ]);
}
