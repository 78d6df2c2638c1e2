/**
 * Raised for any input the catalogue parsers refuse. `line` is 1-based; 0 means the input as a
 * whole (e.g. a directory without any line of action). `reason` is Italian because it reaches the
 * operators who maintain the catalogue sources.
 */
export class CatalogParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CatalogParseError';
  }
}
