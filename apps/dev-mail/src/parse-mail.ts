import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';

/**
 * What the development mail catcher and the tests read of a received message, parsed by
 * `mailparser` (RFC 2047 words, quoted-printable and base64 bodies, multipart nesting, charsets).
 * Development only: production sends mail and never parses it.
 */
export interface ParsedMail {
  /** Lower-case names, decoded; the first occurrence when a header repeats. */
  headers: Record<string, string>;
  from: string | null;
  /** The decoded To header, e.g. `Anna Moretti <anna@example.it>`. */
  to: string | null;
  /** Decoded (RFC 2047) subject. */
  subject: string | null;
  /** As in the header, angle brackets included: `<assignment-review-...@rtdhub>`. */
  messageId: string | null;
  /** The text/plain body, line breaks normalised to `\n`. */
  text: string | null;
  /** The text/html body. */
  html: string | null;
}

export async function parseMail(source: Buffer): Promise<ParsedMail> {
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  const headers: Record<string, string> = {};
  for (const [name, value] of mail.headers) headers[name] ??= headerText(value);
  return {
    headers,
    from: addressText(mail.from),
    to: addressText(mail.to),
    subject: mail.subject ?? null,
    messageId: mail.messageId ?? null,
    text: mail.text === undefined ? null : mail.text.replace(/\r\n/g, '\n'),
    html: typeof mail.html === 'string' ? mail.html : null,
  };
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | null {
  if (!value) return null;
  // As written in the message, without mailparser's quotes: `Anna Moretti <anna@example.it>`.
  return (Array.isArray(value) ? value : [value])
    .flatMap((group) => group.value)
    .map((address) => (address.name ? `${address.name} <${address.address ?? ''}>` : (address.address ?? '')))
    .join(', ');
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(', ');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('value' in value && typeof value.value === 'string') return value.value;
  return JSON.stringify(value);
}
