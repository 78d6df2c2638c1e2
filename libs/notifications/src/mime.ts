/**
 * Just enough MIME decoding for the development sink and the tests to read what nodemailer sends:
 * RFC 2047 encoded-words in headers, base64 / quoted-printable bodies and multipart nesting.
 * `mailparser` would do it fully but is not a dependency, and the sink must never become one of
 * production's parsing paths, so leniency is preferred to completeness here.
 *
 * The source is handled as a latin1 ("binary") string so that every character is one byte: bytes
 * of 8bit parts and headers are turned into text only once their charset is known.
 */

export interface ParsedMail {
  /** Lower-case names; unfolded and decoded; the first occurrence when a header repeats. */
  headers: Record<string, string>;
  from: string | null;
  to: string | null;
  subject: string | null;
  messageId: string | null;
  date: string | null;
  /** The first text/plain part that is not an attachment, line breaks normalised to `\n`. */
  text: string | null;
  /** The first text/html part that is not an attachment. */
  html: string | null;
}

const MAX_DEPTH = 10;

export function decodeBytes(bytes: Buffer, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 is by far the likeliest real encoding.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function latin1Bytes(value: string): Buffer {
  return Buffer.from(value, 'latin1');
}

function hexBytesToLatin1(value: string): string {
  return value.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function decodeQuotedPrintable(body: string): Buffer {
  return latin1Bytes(hexBytesToLatin1(body.replace(/=[ \t]*\r?\n/g, '')));
}

export function decodeBase64(body: string): Buffer {
  return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded-words. Adjacent words are joined at byte level before decoding,
 * because an encoder may split a multi-byte character across two words.
 */
export function decodeEncodedWords(value: string): string {
  let out = '';
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  let last = 0;
  const flush = () => {
    if (pending) out += decodeBytes(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const match of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, match.index);
    // RFC 2231 allows a language after the charset (`utf-8*it`), which TextDecoder does not know.
    const charset = match[1].split('*')[0].toLowerCase();
    const bytes =
      match[2].toUpperCase() === 'B'
        ? decodeBase64(match[3])
        : latin1Bytes(hexBytesToLatin1(match[3].replace(/_/g, ' ')));
    const onlySpaceBetween = /^[ \t\r\n]*$/.test(between);
    if (pending !== null && onlySpaceBetween) {
      // Whitespace between two encoded-words is folding, not content (RFC 2047, 6.2).
      const current: { charset: string; bytes: Buffer[] } = pending;
      if (current.charset === charset) current.bytes.push(bytes);
      else {
        flush();
        pending = { charset, bytes: [bytes] };
      }
    } else {
      flush();
      out += between;
      pending = { charset, bytes: [bytes] };
    }
    last = match.index + match[0].length;
  }
  flush();
  return out + value.slice(last);
}

interface Entity {
  headers: Map<string, string>;
  body: string;
}

/**
 * `String.prototype.trim` would also strip U+00A0, which in a latin1 view of UTF-8 is the last byte
 * of characters such as "à" (C3 A0).
 */
function trimSpaces(value: string): string {
  return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** Splits a latin1 entity into raw (unfolded, still encoded) headers and body. */
function splitEntity(source: string): Entity {
  const headers = new Map<string, string>();
  let headerBlock: string;
  let body: string;
  const leadingBreak = /^\r?\n/.exec(source);
  if (leadingBreak) {
    headerBlock = '';
    body = source.slice(leadingBreak[0].length);
  } else {
    const separator = /\r?\n\r?\n/.exec(source);
    headerBlock = separator ? source.slice(0, separator.index) : source;
    body = separator ? source.slice(separator.index + separator[0].length) : '';
  }
  for (const line of headerBlock.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const match = /^([^:\s]+)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!match) continue;
    const name = match[1].toLowerCase();
    if (!headers.has(name)) headers.set(name, trimSpaces(match[2]));
  }
  return { headers, body };
}

/** `text/plain; charset="utf-8"` -> `{ value: 'text/plain', params: { charset: 'utf-8' } }` */
export function parseHeaderParams(value: string): { value: string; params: Record<string, string> } {
  const semicolon = value.indexOf(';');
  const main = trimSpaces(semicolon < 0 ? value : value.slice(0, semicolon)).toLowerCase();
  const params: Record<string, string> = {};
  if (semicolon >= 0) {
    const re = /;[ \t\r\n]*([^=\s;]+)[ \t\r\n]*=[ \t\r\n]*("(?:[^"\\]|\\.)*"|[^;]*)/g;
    for (const match of value.slice(semicolon).matchAll(re)) {
      const raw = trimSpaces(match[2]);
      params[match[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    }
  }
  return { value: main, params };
}

function decodeHeader(raw: string): string {
  // Headers may carry raw UTF-8 (RFC 6532) besides encoded-words.
  return decodeEncodedWords(decodeBytes(latin1Bytes(raw), 'utf-8'));
}

function splitMultipart(body: string, boundary: string): string[] {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escaped}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
  const parts: string[] = [];
  let start = -1;
  for (const match of body.matchAll(delimiter)) {
    if (start >= 0) parts.push(body.slice(start, match.index));
    if (match[1]) return parts;
    start = match.index + match[0].length;
    const lineBreak = /^\r?\n/.exec(body.slice(start, start + 2));
    if (lineBreak) start += lineBreak[0].length;
  }
  // No closing delimiter (a truncated message): keep what was there.
  if (start >= 0) parts.push(body.slice(start));
  return parts;
}

function decodeBody(entity: Entity, charset: string | undefined): string {
  const encoding = trimSpaces(entity.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? decodeBase64(entity.body)
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(entity.body)
        : latin1Bytes(entity.body);
  return decodeBytes(bytes, charset).replace(/\r\n?/g, '\n');
}

function collectBodies(entity: Entity, found: { text: string | null; html: string | null }, depth: number) {
  const contentType = parseHeaderParams(entity.headers.get('content-type') ?? 'text/plain');
  if (contentType.value.startsWith('multipart/')) {
    const boundary = contentType.params.boundary;
    if (!boundary || depth >= MAX_DEPTH) return;
    for (const part of splitMultipart(entity.body, boundary)) {
      collectBodies(splitEntity(part), found, depth + 1);
    }
    return;
  }
  const disposition = parseHeaderParams(entity.headers.get('content-disposition') ?? 'inline').value;
  if (disposition === 'attachment') return;
  if (contentType.value === 'text/plain' && found.text === null) {
    found.text = decodeBody(entity, contentType.params.charset);
  } else if (contentType.value === 'text/html' && found.html === null) {
    found.html = decodeBody(entity, contentType.params.charset);
  }
}

/** Parses a whole message as received over SMTP (the DATA payload, dot-unstuffed). */
export function parseMail(source: Buffer): ParsedMail {
  const entity = splitEntity(source.toString('latin1'));
  const headers: Record<string, string> = {};
  for (const [name, raw] of entity.headers) headers[name] = decodeHeader(raw);
  const found = { text: null as string | null, html: null as string | null };
  collectBodies(entity, found, 0);
  return {
    headers,
    from: headers['from'] ?? null,
    to: headers['to'] ?? null,
    subject: headers['subject'] ?? null,
    messageId: headers['message-id'] ?? null,
    date: headers['date'] ?? null,
    text: found.text,
    html: found.html,
  };
}
