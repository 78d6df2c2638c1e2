#!/usr/bin/env node
// Lockfile guard: fails before `npm ci` does, and says why, in English and in Italian.
//
//   node .ci/check-lock.mjs [directory] [--skip-dry-run]
//
// 1. Every entry of package-lock.json's `packages` (except the root "" and links) must carry a
//    `version`. npm writes versionless entries for optional platform packages in some cases, and
//    `npm ci` on another machine then refuses the lock or installs something else.
// 2. Unless --skip-dry-run: `npm ci --dry-run` in that directory, with a fresh empty cache, must
//    succeed, so the lock is in sync with package.json and resolvable by this machine's npm.
//
// Plain Node ESM, no dependencies: runs on the system Node (20) before `npm ci` installs Node 24.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = `usage / uso: node .ci/check-lock.mjs [directory] [--skip-dry-run]
  directory       where package.json and package-lock.json are (default: the repository root)
                  cartella con package.json e package-lock.json (predefinita: la radice del repository)
  --skip-dry-run  only check the lock's entries, do not run "npm ci --dry-run"
                  controlla solo le voci del lockfile, senza eseguire "npm ci --dry-run"`;

const REMEDY = `How to fix: run "npm install" with this machine's npm, then "node .ci/check-lock.mjs" again, and commit package-lock.json only when it passes.
Come rimediare: eseguire "npm install" con l'npm di questa macchina, poi di nuovo "node .ci/check-lock.mjs", e fare il commit di package-lock.json solo quando il controllo passa.`;

function fail(message) {
  console.error(message);
  process.exit(1);
}

function parseArgs(argv) {
  const options = { directory: undefined, skipDryRun: false };
  for (const arg of argv) {
    if (arg === '--skip-dry-run') options.skipDryRun = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option / opzione sconosciuta: ${arg}\n${USAGE}`);
    else if (options.directory === undefined) options.directory = arg;
    else fail(`only one directory, please / una sola cartella: ${arg}\n${USAGE}`);
  }
  return options;
}

/** Paths of the `packages` entries that have no version (the root and links excepted). */
export function versionlessEntries(lock) {
  return Object.entries(lock.packages ?? {})
    .filter(([key, entry]) => key !== '' && entry?.link !== true)
    .filter(([, entry]) => typeof entry?.version !== 'string' || entry.version.trim() === '')
    .map(([key]) => key);
}

function checkEntries(directory) {
  const lockPath = path.join(directory, 'package-lock.json');
  if (!existsSync(lockPath)) {
    fail(`${lockPath}: no lockfile / lockfile assente. ${REMEDY}`);
  }
  let lock;
  try {
    lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  } catch (error) {
    fail(`${lockPath}: not valid JSON / JSON non valido: ${error.message}\n${REMEDY}`);
  }
  if (typeof lock.packages !== 'object' || lock.packages === null) {
    fail(
      `${lockPath}: no "packages" section (lockfileVersion ${lock.lockfileVersion}); npm 7 or later writes it.\n` +
        `${lockPath}: manca la sezione "packages" (lockfileVersion ${lock.lockfileVersion}); la scrive npm 7 o successivo.\n${REMEDY}`,
    );
  }
  const missing = versionlessEntries(lock);
  if (missing.length > 0) {
    fail(
      [
        `${lockPath}: ${missing.length} entr${missing.length === 1 ? 'y has' : 'ies have'} no "version"; npm ci would refuse the lock or install something else:`,
        `${lockPath}: ${missing.length === 1 ? 'una voce è' : `${missing.length} voci sono`} senza "version"; npm ci rifiuterebbe il lockfile o installerebbe altro:`,
        ...missing.map((key) => `  - ${key}`),
        REMEDY,
      ].join('\n'),
    );
  }
  return Object.keys(lock.packages).length - 1;
}

function dryRun(directory) {
  const cache = mkdtempSync(path.join(tmpdir(), 'check-lock-cache-'));
  const args = ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', cache];
  let result;
  try {
    result = spawnSync('npm', args, { cwd: directory, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  if (result.error || result.status !== 0) {
    fail(
      [
        (result.stdout ?? '').trim(),
        (result.stderr ?? '').trim(),
        `"npm ${args.join(' ')}" failed in ${directory} (${result.error ? result.error.message : `exit ${result.status}`}).`,
        `"npm ci --dry-run" non è riuscito in ${directory}: il lockfile non è coerente con package.json o non si installa.`,
        REMEDY,
      ]
        .filter((line) => line !== '')
        .join('\n'),
    );
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const options = parseArgs(process.argv.slice(2));
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const directory = path.resolve(options.directory ?? root);
  const count = checkEntries(directory);
  if (!options.skipDryRun) dryRun(directory);
  console.log(
    `package-lock.json OK: ${count} entries with a version${options.skipDryRun ? '' : ', npm ci --dry-run passes'}` +
      ` / ${count} voci con versione${options.skipDryRun ? '' : ', npm ci --dry-run riuscito'}`,
  );
}
