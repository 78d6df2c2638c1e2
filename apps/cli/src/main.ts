import 'reflect-metadata';
import path from 'node:path';
import { ConfigError, loadConfig, validateConfiguration } from '@rtd/kernel';
import { ServiceUnavailableError } from '@rtd/platform';
import { defaultPopulationOptions } from '@rtd/tenancy';
import { parseCliArgs, parsePeriod } from './cli-options';
import {
  assignCatalogLocalLines,
  extractSeedCatalogue,
  importCatalogEdition,
  importIstatPopulation,
  importPnrr,
  regenerateFacts,
  regenerateSuccessions,
} from './commands/catalog.commands';
import {
  createMigration,
  revertLastMigration,
  runMigrations,
  setupDatabase,
} from './commands/database.commands';
import { prepareDemoData, runDemo } from './commands/demo.command';
import { grantOperator, loadReference } from './commands/production.commands';
import { printSchema } from './commands/schema.command';

const ROOT = path.resolve(__dirname, '../../../..');
const log = (line: string) => console.log(line);

const USAGE = `Uso: rtd-hub <comando>
  db:setup                                   ruoli, database ed estensioni, poi le migrazioni
  reference:data                             comuni ISTAT, edizioni del Piano Triennale e PNRR (idempotente)
  operator:grant <codice fiscale>            l'operatore del servizio (PLATFORM_ADMIN), la prima volta
  migration:run | migration:revert           applica / annulla l'ultima migrazione
  migration:create <nome>                    scrive migrations/<ts>-<nome>.ts, vuota, per SQL scritto a mano
  catalog:import [--edition <codice>] <fonte> [--title <titolo>] [--period AAAA-AAAA] [--supersedes <codice>]
                 [--source-note <testo>] [--url <indirizzo>] [--revision <versione>] [--dry-run]
                                             importa un'edizione: cartella RST di AgID (con o senza edition.json),
                                             archivio .zip della cartella, o file .jsonl; --dry-run mostra e non salva
  catalog:facts                              rigenera facts.tsv di ogni edizione inclusa (libs/catalog/data/editions)
  catalog:map                                rigenera successions.json (corrispondenze tra edizioni) di ogni edizione inclusa
  istat:population <file.csv> --date AAAA-MM-GG [--source <testo>] [--code-column <nome>] [--population-column <nome>]
                                             carica un file ISTAT più recente della popolazione residente
  catalog:assign-local --edition <codice> --consortium <nome>
                                             le linee locali (LOC.*) ancora senza consorzio a quel consorzio
  catalog:extract-seed [seed]                rigenera il file dati .jsonl (edizione 2022-2024) dal seed 003
  pnrr:import [cartella] [--dry-run]         importa i dati PA digitale 2026 (predefinita: libs/pnrr/data/padigitale2026);
                                             --dry-run stampa cosa cambierebbe e non scrive
  demo:data                                  dati di riferimento e demo, senza avviare i servizi
  demo                                       tutto quanto sopra, poi avvia dev-idp, API e worker
  schema:print                               scrive apps/api/schema.gql`;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const config = loadConfig();
  validateConfiguration(); // and the slices of the libraries the commands use (notifications for demo)
  switch (command) {
    case 'db:setup':
      await setupDatabase(config);
      log(`Database pronto; migrazioni applicate: ${(await runMigrations(config)).join(', ') || 'nessuna'}`);
      return 0;
    case 'reference:data':
      log(await loadReference(config));
      return 0;
    case 'operator:grant':
      if (!args[0]) throw new UsageError("manca il codice fiscale dell'operatore");
      log(await grantOperator(config, args[0]));
      return 0;
    case 'migration:run':
      await setupDatabase(config);
      log(`Migrazioni applicate: ${(await runMigrations(config)).join(', ') || 'nessuna'}`);
      return 0;
    case 'migration:revert':
      await revertLastMigration(config);
      log('Ultima migrazione annullata');
      return 0;
    case 'migration:create': {
      if (!args[0]) throw new UsageError('manca il nome della migrazione');
      const file = createMigration(args[0], path.join(ROOT, 'migrations'));
      log(`Scritta ${file}: scrivere l'SQL di up e down, poi aggiungerla a migrations/index.ts`);
      return 0;
    }
    case 'catalog:import': {
      const cli = parseCliArgs(args);
      const source = cli.positional[0];
      if (!source) throw new UsageError("serve la cartella, l'archivio o il file della fonte");
      const option = (name: string) => cli.options.get(name);
      const period = parsePeriod(option('--period'));
      const code = option('--edition');
      if (!code && [...cli.options.keys()].some((k) => k !== '--edition'))
        throw new UsageError(
          'con --title, --period, --supersedes, --source-note, --url o --revision serve anche --edition',
        );
      const fields = code
        ? {
            code,
            title: option('--title'),
            periodFrom: period?.from,
            periodTo: period?.to,
            supersedes: option('--supersedes'),
            description: option('--source-note'),
            url: option('--url'),
            revision: option('--revision'),
          }
        : null;
      const where = path.resolve(process.env.INIT_CWD ?? process.cwd(), source);
      log(await importCatalogEdition(config, where, fields, { dryRun: cli.flags.has('--dry-run') }));
      return 0;
    }
    case 'catalog:facts':
      log(await regenerateFacts(path.join(ROOT, 'libs/catalog/data/editions')));
      return 0;
    case 'catalog:map':
      log(await regenerateSuccessions(path.join(ROOT, 'libs/catalog/data/editions')));
      return 0;
    case 'istat:population': {
      const cli = parseCliArgs(args);
      const file = cli.positional[0];
      const date = cli.options.get('--date');
      if (!file || !date) throw new UsageError('servono il file CSV e --date AAAA-MM-GG');
      const defaults = defaultPopulationOptions();
      log(
        await importIstatPopulation(config, path.resolve(process.env.INIT_CWD ?? process.cwd(), file), {
          referenceDate: date,
          source: cli.options.get('--source') ?? `ISTAT, popolazione residente al ${date}`,
          codeColumn: cli.options.get('--code-column') ?? defaults.codeColumn,
          populationColumn: cli.options.get('--population-column') ?? defaults.populationColumn,
          codeChanges: defaults.codeChanges,
        }),
      );
      return 0;
    }
    case 'catalog:assign-local': {
      const option = (name: string) => {
        const index = args.indexOf(name);
        return index >= 0 ? args[index + 1] : undefined;
      };
      const edition = option('--edition');
      const consortium = option('--consortium');
      if (!edition || !consortium) throw new UsageError('servono --edition <codice> e --consortium <nome>');
      log(await assignCatalogLocalLines(config, edition, consortium));
      return 0;
    }
    case 'catalog:extract-seed': {
      const seed = args[0] ?? path.join(ROOT, 'libs/catalog/data/2022-2024/seed-003-crema.txt');
      log(extractSeedCatalogue(seed, path.join(ROOT, 'libs/catalog/data/editions')));
      return 0;
    }
    case 'pnrr:import': {
      const cli = parseCliArgs(args);
      const folder = cli.positional[0];
      const source = folder
        ? path.resolve(process.env.INIT_CWD ?? process.cwd(), folder)
        : path.join(ROOT, 'libs/pnrr/data/padigitale2026');
      log(await importPnrr(config, source, undefined, { dryRun: cli.flags.has('--dry-run') }));
      return 0;
    }
    case 'demo:data':
      await prepareDemoData(config, log);
      return 0;
    case 'demo':
      await runDemo(config, log);
      return -1;
    case 'schema:print':
      log(await printSchema(path.join(ROOT, 'apps/api/schema.gql')));
      return 0;
    default:
      throw new UsageError(command ? `comando sconosciuto "${command}"` : 'manca il comando');
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError || error instanceof ServiceUnavailableError)
      console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof UsageError ? 64 : 1);
  },
);
