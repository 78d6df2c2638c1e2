import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

/**
 * What ships: the production image installs `dependencies` only (`npm ci --omit=dev`), and runs
 * the API, the worker and the CLI. Development tools (the local identity provider, the mail
 * catcher, the benchmark, the test helpers) stay in devDependencies and out of that tree.
 */
const SHIPPED = ['libs', 'apps/api/src', 'apps/worker/src', 'apps/cli/src'];
const DEV_ONLY = ['oidc-provider', 'smtp-server', 'mailparser', 'postgraphile', 'autocannon', 'fast-check'];

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'data' ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [full] : [];
  });
}

function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('@rtd/') || specifier.startsWith('node:'))
    return null;
  if (builtinModules.includes(specifier)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Each package the shipped code imports, with the first file that imports it. */
function shippedImports(): Map<string, string> {
  const imports = new Map<string, string>();
  for (const root of SHIPPED)
    for (const file of sourceFiles(path.join(PROJECT_ROOT, root))) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [
        ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm),
        ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
        ...text.matchAll(/\b(?:import|require)\(\s*'([^']+)'\s*\)/g),
      ];
      for (const match of specifiers) {
        const name = packageOf(match[1]);
        if (name && !imports.has(name)) imports.set(name, path.relative(PROJECT_ROOT, file));
      }
    }
  return imports;
}

/** The peers (optional ones included) a package declares: what it loads at run time itself. */
function peersOf(name: string): string[] {
  const manifest = JSON.parse(
    readFileSync(path.join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, unknown> };
  return [
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.peerDependenciesMeta ?? {}),
  ];
}

describe('The production dependency tree', () => {
  it('has every package the shipped code imports, and none of the development tools', () => {
    const imports = shippedImports();
    const notShipped = [...imports].filter(
      ([name]) => !(name in pkg.dependencies) && !name.startsWith('@types/'),
    );
    // A type-only import of a dev package would be erased at build time, but none is needed here.
    expect(notShipped.map(([name, file]) => `${name} (${file})`)).toEqual([]);
    for (const name of DEV_ONLY) {
      expect(pkg.dependencies).not.toHaveProperty(name);
      expect(pkg.devDependencies).toHaveProperty(name);
    }
  });

  it('declares no dependency that nothing uses: each is imported by shipped code or is a peer of one that is', () => {
    const imports = shippedImports();
    const declared = Object.keys(pkg.dependencies);
    const peers = new Set(declared.filter((name) => imports.has(name)).flatMap(peersOf));
    // A peer of a peer counts too (rxjs, a peer of nestjs-pino as of @nestjs/core).
    for (const name of declared) if (peers.has(name)) for (const peer of peersOf(name)) peers.add(peer);
    const unused = declared.filter((name) => !imports.has(name) && !peers.has(name));
    expect(unused).toEqual([]);
  });

  it('holds no development tool once dev packages are left out (npm ls --omit=dev)', () => {
    const tree = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    }).stdout;
    expect(tree).toContain('node_modules/@nestjs/core');
    const installed = new Set(tree.split('\n').map((line) => line.split('node_modules/').pop()));
    for (const name of DEV_ONLY) expect(installed.has(name)).toBe(false);
    for (const unused of ['class-validator', 'class-transformer'])
      expect(pkg.dependencies).not.toHaveProperty(unused);
  });
});
