/**
 * What one library declares about the database tables, in its `src/tables.ts`: the tables it
 * owns (only it writes them), the views it exports for others to read, and, for the few joins
 * that cannot go through one of its query functions, which other libraries may read which of its
 * tables in their own SQL. A library that keeps a read model built from other libraries' tables
 * names it `readModels` (source file name without `.ts`, which must contain `read-model`) with
 * the tables it reads. test/static/table-ownership.static-spec.ts scans every library's SQL against these
 * declarations.
 */
export interface TableOwnership {
  readonly library: string;
  readonly owns: readonly string[];
  readonly views?: readonly string[];
  readonly sharedWith?: Readonly<Record<string, readonly string[]>>;
  readonly readModels?: Readonly<Record<string, readonly string[]>>;
}
