/**
 * Where a login may send the person back: a path of this very site, as the browser would read it.
 * Anything else gives null: another origin (`https://...`), a protocol-relative address
 * (`//evil.example/x`, which a navigation would take to another site), a backslash or a control
 * character (browsers read `/\evil.example` as `//evil.example` and drop tabs and line breaks).
 */
export function sameOriginPath(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
