import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import type { TableOwnership } from '@rtd/kernel';

export interface Violation {
  library: string;
  file: string;
  kind: 'write' | 'read';
  table: string;
  sql: string;
}

const WRITE_PATTERNS = [
  /\bINSERT\s+INTO\s+([a-z_][a-z0-9_]*)/gi,
  /\bUPDATE\s+([a-z_][a-z0-9_]*)/gi,
  /\bDELETE\s+FROM\s+([a-z_][a-z0-9_]*)/gi,
  /\bTRUNCATE\s+(?:TABLE\s+)?([a-z_][a-z0-9_]*)/gi,
];
/** FROM/JOIN of a name not followed by "(" (a function) or "." (a column); DELETE FROM is a write. */
const READ_PATTERN =
  /(?<!\bDELETE\s+)\b(?:FROM|JOIN)\s+(?:ONLY\s+)?([a-z_][a-z0-9_]*)(?![a-z0-9_]*\s*[(.])/gi;

/** The string literals of a TypeScript source: template literals (without ${} parts) and quoted strings. */
export function sqlStrings(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');
  const strings: string[] = [];
  const pattern =
    /`((?:\\[\s\S]|\$\{(?:[^{}]|\{[^{}]*\})*\}|[^`\\])*)`|'((?:\\.|[^'\\\n])*)'|"((?:\\.|[^"\\\n])*)"/g;
  for (const match of withoutComments.matchAll(pattern)) {
    const text = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, ' ');
    if (/\b(SELECT|INSERT|UPDATE|DELETE|TRUNCATE|FROM|JOIN)\b/i.test(text)) strings.push(text);
  }
  return strings;
}

/** The tables a piece of SQL writes and reads, among `known` names (CTE names and functions are not tables). */
export function tablesIn(
  sql: string,
  known: ReadonlySet<string>,
): { writes: Set<string>; reads: Set<string> } {
  const writes = new Set<string>();
  const reads = new Set<string>();
  const ctes = new Set(
    [...sql.matchAll(/\b([a-z_][a-z0-9_]*)\s+AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\(/gi)].map((m) =>
      m[1].toLowerCase(),
    ),
  );
  for (const pattern of WRITE_PATTERNS) {
    for (const match of sql.matchAll(pattern)) {
      const name = match[1].toLowerCase();
      if (known.has(name) && !ctes.has(name)) writes.add(name);
    }
  }
  for (const match of sql.matchAll(READ_PATTERN)) {
    const name = match[1].toLowerCase();
    if (known.has(name) && !ctes.has(name)) reads.add(name);
  }
  return { writes, reads };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') ? [full] : [];
  });
}

export interface KnownException {
  file: string;
  kind: 'write' | 'read';
  table: string;
}

/**
 * Every write to a table the library does not own, and every read of another library's table
 * that is none of: a view its owner exports, a table its owner shares with this library
 * (`sharedWith`), a source of a read model this library declares (only in that file, whose name
 * says `read-model`). `libsDir` holds `<library>/src/**.ts`; spec files are not scanned.
 */
export function ownershipViolations(
  libsDir: string,
  ownerships: readonly TableOwnership[],
  exceptions: readonly KnownException[] = [],
): Violation[] {
  const ownerOf = new Map(ownerships.flatMap((o) => o.owns.map((table) => [table, o] as const)));
  const exportedViews = new Set(ownerships.flatMap((o) => o.views ?? []));
  const known = new Set([...ownerOf.keys(), ...exportedViews]);
  const violations: Violation[] = [];
  for (const ownership of ownerships) {
    const dir = path.join(libsDir, ownership.library, 'src');
    for (const file of sourceFiles(dir)) {
      const relative = path.relative(path.dirname(libsDir), file).split(path.sep).join('/');
      const readModel = path.basename(file, '.ts');
      const readModelSources = new Set(
        readModel.includes('read-model') ? (ownership.readModels?.[readModel] ?? []) : [],
      );
      const excused = (kind: 'write' | 'read', table: string) =>
        exceptions.some((e) => e.file === relative && e.table === table && e.kind === kind);
      const readable = (table: string) =>
        ownership.owns.includes(table) ||
        exportedViews.has(table) ||
        readModelSources.has(table) ||
        (ownerOf.get(table)?.sharedWith?.[table] ?? []).includes(ownership.library);
      for (const sql of sqlStrings(readFileSync(file, 'utf8'))) {
        const { writes, reads } = tablesIn(sql, known);
        for (const table of writes) {
          if (!ownership.owns.includes(table) && !excused('write', table))
            violations.push({
              library: ownership.library,
              file: relative,
              kind: 'write',
              table,
              sql: sql.trim(),
            });
        }
        for (const table of reads) {
          if (!readable(table) && !excused('read', table))
            violations.push({
              library: ownership.library,
              file: relative,
              kind: 'read',
              table,
              sql: sql.trim(),
            });
        }
      }
    }
  }
  return violations;
}

/** The tables (or, with `kind` 'VIEW', the views) the migrations create. */
export function migratedTables(migrationsDir: string, kind: 'TABLE' | 'VIEW' = 'TABLE'): string[] {
  const names = new Set<string>();
  const pattern = new RegExp(
    `CREATE\\s+(?:OR\\s+REPLACE\\s+)?${kind}\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-z_][a-z0-9_]*)`,
    'gi',
  );
  for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(migrationsDir, file), 'utf8');
    for (const match of source.matchAll(pattern)) names.add(match[1].toLowerCase());
  }
  return [...names].sort();
}
