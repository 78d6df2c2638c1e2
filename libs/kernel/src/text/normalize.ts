/**
 * Folds text for accent- and case-insensitive search: "Accessibilità" and "ACCESSIBILITA"
 * both become "accessibilita". Used both when a line is stored and when a query is read, so
 * the database needs no unaccent extension.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so that user input is matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
