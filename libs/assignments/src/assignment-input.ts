import { badInput } from '@rtd/kernel';

/** The checks of what a person types into a report (progress, texts, a link), with Italian refusals. */

const MAX_URL = 2048;

export function checkProgress(progress: number | null | undefined): void {
  if (progress != null && (!Number.isInteger(progress) || progress < 0 || progress > 100)) {
    throw badInput('progress', 'un intero da 0 a 100');
  }
}

export function cleanText(field: string, value: string | null, max: number): string | null {
  if (value === null) return null;
  const text = value.trim();
  if (text.length > max) throw badInput(field, `al massimo ${max} caratteri`);
  return text || null;
}

export function checkUrl(url: string | null): string {
  if (!url) throw badInput('url', 'obbligatorio per una evidenza di tipo URL');
  const text = url.trim();
  if (text.length > MAX_URL) throw badInput('url', `al massimo ${MAX_URL} caratteri`);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw badInput('url', 'indirizzo non valido');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw badInput('url', 'solo indirizzi http(s)');
  if (parsed.username || parsed.password) throw badInput('url', "senza credenziali nell'indirizzo");
  return parsed.toString();
}
