import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drillPgbackrestConfig, sectionOptions } from './restore-config';

const PRODUCTION = readFileSync(
  path.join(__dirname, '../../../../../deploy/pgbackrest/pgbackrest.conf'),
  'utf8',
);
const PATHS = {
  repo: '/tmp/d/repo',
  dataDir: '/tmp/d/primary',
  port: 55442,
  socketDir: '/tmp/d',
  logDir: '/tmp/d/log',
  spoolDir: '/tmp/d/spool',
  lockDir: '/tmp/d/lock',
  cipherPass: 'drill-secret',
};

describe('the restore drill pgBackRest configuration', () => {
  const config = drillPgbackrestConfig(PRODUCTION, PATHS);

  it("keeps production's retention, encryption, compression and asynchronous archiving", () => {
    const global = sectionOptions(config, 'global');
    const production = sectionOptions(PRODUCTION, 'global');
    for (const key of [
      'repo1-retention-full-type',
      'repo1-retention-full',
      'repo1-cipher-type',
      'compress-type',
      'archive-async',
      'start-fast',
    ])
      expect(global[key]).toBe(production[key]);
    expect(global['repo1-cipher-type']).toBe('aes-256-cbc');
  });

  it('moves every path and the port into the drill directory, once each', () => {
    expect(sectionOptions(config, 'global')).toMatchObject({
      'repo1-path': '/tmp/d/repo',
      'log-path': '/tmp/d/log',
      'spool-path': '/tmp/d/spool',
      'lock-path': '/tmp/d/lock',
      'repo1-cipher-pass': 'drill-secret',
    });
    expect(PRODUCTION).not.toMatch(/^repo1-cipher-pass=/m);
    expect(sectionOptions(config, 'rtd')).toEqual({
      'pg1-path': '/tmp/d/primary',
      'pg1-port': '55442',
      'pg1-socket-path': '/tmp/d',
    });
    expect(config.match(/^repo1-path=/gm)).toHaveLength(1);
    expect(config).not.toContain('/var/lib');
  });
});
