/**
 * Unsent form text kept in this browser, per person and per form (an assignment's report), so
 * that a session that ends mid-sentence (a 401, two idle hours) loses nothing: the form restores
 * it after the new login. "Esci" forgets every draft of the browser.
 */
const PREFIX = 'rtd.draft.';

const keyOf = (person: string, form: string) => `${PREFIX}${person}.${form}`;

export function loadDraft<T>(person: string | null | undefined, form: string): T | null {
  if (!person) return null;
  try {
    const raw = window.localStorage.getItem(keyOf(person, form));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(person: string | null | undefined, form: string, value: unknown): void {
  if (!person) return;
  try {
    window.localStorage.setItem(keyOf(person, form), JSON.stringify(value));
  } catch {
    // A full or disabled storage only loses the safety net, never the form itself.
  }
}

export function clearDraft(person: string | null | undefined, form: string): void {
  if (!person) return;
  window.localStorage.removeItem(keyOf(person, form));
}

/** On "Esci": nothing typed by anyone stays behind in a shared browser. */
export function forgetAllDrafts(): void {
  for (const key of Object.keys(window.localStorage))
    if (key.startsWith(PREFIX)) window.localStorage.removeItem(key);
}
