/*
 * The restore drill runs pgBackRest with the production configuration (deploy/pgbackrest/
 * pgbackrest.conf): the same retention, encryption, compression and asynchronous archiving, only
 * its paths and port moved into the drill's temporary directory. Pure, so unit-tested.
 */

export interface DrillPaths {
  repo: string;
  dataDir: string;
  port: number;
  socketDir: string;
  logDir: string;
  spoolDir: string;
  lockDir: string;
  /** The repository's passphrase: production reads it from the environment, the drill's file holds it. */
  cipherPass: string;
}

/** The production file with every path and the port replaced; options it lacks are added to their section. */
export function drillPgbackrestConfig(production: string, paths: DrillPaths): string {
  const overrides: Record<string, Record<string, string>> = {
    global: {
      'repo1-path': paths.repo,
      'log-path': paths.logDir,
      'spool-path': paths.spoolDir,
      'lock-path': paths.lockDir,
      'repo1-cipher-pass': paths.cipherPass,
    },
    rtd: {
      'pg1-path': paths.dataDir,
      'pg1-port': String(paths.port),
      'pg1-socket-path': paths.socketDir,
    },
  };
  const out: string[] = [];
  let section = '';
  const flush = () => {
    for (const [key, value] of Object.entries(overrides[section] ?? {})) out.push(`${key}=${value}`);
    delete overrides[section];
  };
  for (const line of production.split('\n')) {
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) {
      flush();
      section = header[1];
      out.push(line);
      continue;
    }
    const option = /^([a-z0-9-]+)=/.exec(line);
    if (option && overrides[section] && option[1] in overrides[section]) continue;
    out.push(line);
  }
  flush();
  for (const [name, options] of Object.entries(overrides)) {
    out.push(`[${name}]`, ...Object.entries(options).map(([key, value]) => `${key}=${value}`));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The options of one section, as pgBackRest reads them (the last occurrence wins). */
export function sectionOptions(config: string, name: string): Record<string, string> {
  const options: Record<string, string> = {};
  let section = '';
  for (const line of config.split('\n')) {
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) section = header[1];
    const option = /^([a-z0-9-]+)=(.*)$/.exec(line);
    if (option && section === name) options[option[1]] = option[2];
  }
  return options;
}
