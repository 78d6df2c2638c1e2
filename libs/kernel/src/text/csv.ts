/** One record of a CSV file, with the line it starts on (1 = the header). */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, riga ${line}: ${reason}`);
    this.name = 'CsvError';
  }
}

/**
 * RFC 4180 CSV (quoted fields may hold commas, quotes doubled, line breaks), with the header as
 * field names. Every record must have the header's number of fields; the first bad one fails
 * the whole file, naming file, line and reason.
 */
export function parseCsv(text: string, file: string, required: readonly string[]): CsvRecord[] {
  const rows = splitRecords(text.replace(/^\uFEFF/, ''), file);
  if (rows.length === 0) throw new CsvError(file, 1, 'file vuoto: manca la riga di intestazione');
  const header = rows[0].fields.map((name) => name.trim());
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new CsvError(file, 1, `mancano le colonne ${missing.join(', ')}`);
  }
  return rows.slice(1).map((row) => {
    if (row.fields.length !== header.length) {
      throw new CsvError(file, row.line, `attesi ${header.length} campi, trovati ${row.fields.length}`);
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => (values[name] = row.fields[index]));
    return { line: row.line, values };
  });
}

function splitRecords(text: string, file: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '')
        throw new CsvError(file, line, 'virgolette in mezzo a un campo non racchiuso tra virgolette');
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (fieldStarted || field !== '' || fields.length > 0) {
        fields.push(field);
        rows.push({ line: start, fields });
      }
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      start = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) throw new CsvError(file, start, 'virgolette non chiuse');
  if (fieldStarted || field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: start, fields });
  }
  return rows;
}
