import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

const LIBS = path.join(PROJECT_ROOT, 'libs');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') && !entry.endsWith('.spec.ts') ? [full] : [];
  });
}

/** What each library's production code imports: other libraries (by name) and paths outside libs/. */
function importsOf(library: string): { libraries: Set<string>; outside: Set<string> } {
  const libraries = new Set<string>();
  const outside = new Set<string>();
  const src = path.join(LIBS, library, 'src');
  for (const file of sourceFiles(src)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)) {
      const target = match[1];
      const named = /^@rtd\/([a-z-]+)/.exec(target);
      if (named && named[1] !== library) libraries.add(named[1]);
      if (target.startsWith('.')) {
        const resolved = path.resolve(path.dirname(file), target);
        if (!resolved.startsWith(src + path.sep)) {
          const other = path.relative(LIBS, resolved).split(path.sep);
          if (other[0] === '..') outside.add(path.relative(PROJECT_ROOT, resolved));
          else libraries.add(other[0]);
        }
      }
    }
  }
  return { libraries, outside };
}

const GRAPH = new Map(readdirSync(LIBS).map((library) => [library, importsOf(library)]));

/** `library: Name from @rtd/other` for each repository one library imports from another. */
function repositoryImports(text: string, library: string): string[] {
  return [...text.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@rtd\/([a-z-]+)'/g)].flatMap(
    ([, names, from]) =>
      from === library
        ? []
        : names
            .split(',')
            .map((name) =>
              name
                .replace(/^\s*type\s+/, '')
                .split(/\s+as\s+/)[0]
                .trim(),
            )
            .filter((name) => /Repository$/.test(name))
            .map((name) => `${library}: ${name} from @rtd/${from}`),
  );
}

describe('library graph', () => {
  it('has no cycle between libraries', () => {
    const cycles: string[] = [];
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      if (from === to) return true;
      if (seen.has(from)) return false;
      seen.add(from);
      return [...(GRAPH.get(from)?.libraries ?? [])].some((next) => reaches(next, to, seen));
    };
    for (const [library, { libraries }] of GRAPH) {
      for (const imported of libraries) {
        if (reaches(imported, library)) cycles.push(`${library} -> ${imported}`);
      }
    }
    expect(cycles).toEqual([]);
  });

  it('reaches another domain through its services and query functions, never its repository', () => {
    const found = readdirSync(LIBS).flatMap((library) =>
      sourceFiles(path.join(LIBS, library, 'src')).flatMap((file) =>
        repositoryImports(readFileSync(file, 'utf8'), library),
      ),
    );
    expect(found).toEqual([]);
    // The rule can fail:
    expect(
      repositoryImports(
        // (built in two pieces: tsc-alias rewrites a whole '@rtd/...' literal in the compiled test)
        `import { activeMembershipsOf, IdentityRepository } from '${'@rtd'}/identity';`,
        'exports',
      ),
    ).toEqual(['exports: IdentityRepository from @rtd/identity']);
  });

  it('keeps in the kernel only what every domain needs', () => {
    expect([...GRAPH.get('kernel')!.libraries]).toEqual([]);
    expect(readdirSync(path.join(LIBS, 'kernel', 'src')).sort()).toEqual(
      [
        'config',
        'context',
        'database',
        'dataloader',
        'errors',
        'graphql',
        'index.ts',
        'jobs', // the job scheduler helper only; each job lives with its domain
        'observability', // the metrics' definitions and the log context every library records with
        'pagination',
        'tables.ts',
        'text',
      ].sort(),
    );
  });

  it('keeps the platform free of domains and migrations', () => {
    const platform = GRAPH.get('platform')!;
    expect([...platform.libraries].sort()).toEqual(['kernel']);
    expect([...platform.outside]).toEqual([]);
  });

  it('imports nothing outside libs/ from any library', () => {
    const outside = [...GRAPH].flatMap(([library, { outside }]) =>
      [...outside].map((p) => `${library}: ${p}`),
    );
    expect(outside).toEqual([]);
  });
});
