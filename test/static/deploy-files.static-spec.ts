import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { metricsRegistry } from '@rtd/kernel';
import { PROJECT_ROOT as ROOT } from '../support/paths';

const DEPLOY = path.join(ROOT, 'deploy');

/** Runs a validator that must be installed (.ci/run installs the Debian packages); its output on failure. */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.error)
    throw new Error(`${command} is missing (apt-get install it, see .ci/run): ${result.error.message}`);
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: { refId: string; expr: string; datasource?: { uid: string } }[];
}

const dashboard = JSON.parse(readFileSync(path.join(DEPLOY, 'grafana/rtd-hub.json'), 'utf8')) as {
  uid: string;
  title: string;
  schemaVersion: number;
  templating: { list: { name: string; type: string; query: string }[] };
  panels: Panel[];
};
const alerts = readFileSync(path.join(DEPLOY, 'prometheus/alerts.yml'), 'utf8');
const expressions = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr));

/** The rtd_* series an expression reads, without the histogram suffixes. */
function seriesNames(text: string): string[] {
  return [...text.matchAll(/\b(rtd_[a-z_]+)/g)].map((m) => m[1].replace(/_(bucket|count|sum)$/, ''));
}

describe('Deployment and monitoring files', () => {
  describe("Prometheus (promtool, from Debian's prometheus package)", () => {
    it('loads the alert rules and passes their unit tests', () => {
      const check = run('promtool', ['check', 'rules', 'alerts.yml'], {
        cwd: path.join(DEPLOY, 'prometheus'),
      });
      expect(check.output).toContain('SUCCESS: 7 rules found');
      expect(check.code).toBe(0);
      const tested = run('promtool', ['test', 'rules', 'alerts.test.yml'], {
        cwd: path.join(DEPLOY, 'prometheus'),
      });
      expect(tested.output).toContain('SUCCESS');
      expect(tested.code).toBe(0);
    });

    it('has an alert for each thing that needs a person', () => {
      const names = [...alerts.matchAll(/- alert: (\w+)/g)].map((m) => m[1]).sort();
      expect(names).toEqual(
        [
          'RtdApiDown',
          'RtdBackupTooOld',
          'RtdMailsFailing',
          'RtdOutboxLag',
          'RtdQueueBacklogGrowing',
          'RtdReplicaLag',
          'RtdWorkerDown',
        ].sort(),
      );
    });

    it('loads the scrape configuration', () => {
      const check = run('promtool', ['check', 'config', 'prometheus.yml'], {
        cwd: path.join(DEPLOY, 'prometheus'),
      });
      expect(check.code).toBe(0);
    });
  });

  describe('Grafana dashboard (structural check, and every query parsed by promtool)', () => {
    it('is a dashboard model Grafana imports: uid, schema version, a Prometheus data source variable, panels on a 24-column grid without overlap', () => {
      expect(dashboard.uid).toBe('rtd-hub');
      expect(dashboard.title).toBe('RTD Hub');
      expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
      expect(dashboard.templating.list).toContainEqual(
        expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
      );
      const ids = dashboard.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      const cells = new Set<string>();
      for (const panel of dashboard.panels) {
        expect(['row', 'timeseries', 'stat']).toContain(panel.type);
        expect(panel.title).toBeTruthy();
        const { h, w, x, y } = panel.gridPos;
        expect(x + w).toBeLessThanOrEqual(24);
        for (let dy = 0; dy < h; dy++)
          for (let dx = 0; dx < w; dx++) {
            const cell = `${x + dx},${y + dy}`;
            expect(cells.has(cell)).toBe(false);
            cells.add(cell);
          }
        if (panel.type === 'row') continue;
        expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
        expect(panel.targets?.length).toBeGreaterThan(0);
        const refIds = panel.targets!.map((t) => t.refId);
        expect(new Set(refIds).size).toBe(refIds.length);
      }
    });

    it('writes every query in valid PromQL', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'rtd-dashboard-'));
      try {
        const rules = expressions
          .map((expr, i) => `      - record: rtd:dashboard:${i}\n        expr: ${JSON.stringify(expr)}`)
          .join('\n');
        writeFileSync(path.join(dir, 'queries.yml'), `groups:\n  - name: dashboard\n    rules:\n${rules}\n`);
        const check = run('promtool', ['check', 'rules', 'queries.yml'], { cwd: dir });
        expect(check.output).toContain(`SUCCESS: ${expressions.length} rules found`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('watches only series the processes or the backup script export', () => {
    const exported = new Set(metricsRegistry.getMetricsAsArray().map((metric) => metric.name));
    const script = readFileSync(path.join(DEPLOY, 'pgbackrest/rtd-backup'), 'utf8');
    const fromScript = new Set(seriesNames(script));
    const watched = new Set([...seriesNames(alerts), ...expressions.flatMap(seriesNames)]);
    const unknown = [...watched].filter((name) => !exported.has(name) && !fromScript.has(name));
    expect(unknown).toEqual([]);
    // And every series of the list is on the dashboard.
    for (const name of [
      'rtd_graphql_requests_total',
      'rtd_graphql_errors_total',
      'rtd_graphql_request_duration_seconds',
      'rtd_db_pool_connections',
      'rtd_db_connection_wait_seconds',
      'rtd_db_transaction_duration_seconds',
      'rtd_queue_jobs',
      'rtd_job_duration_seconds',
      'rtd_outbox_lag_seconds',
      'rtd_mails_total',
      'rtd_gate_refusals_total',
      'rtd_export_duration_seconds',
      'rtd_import_duration_seconds',
      'rtd_db_replica_lag_seconds',
      'rtd_backup_last_success_timestamp_seconds',
    ])
      expect(watched).toContain(name);
  });

  describe('the backup script (deploy/pgbackrest/rtd-backup)', () => {
    /** Runs the script with a stand-in pgbackrest on PATH that exits with `code`. */
    function backup(type: string, code: number) {
      const dir = mkdtempSync(path.join(tmpdir(), 'rtd-backup-'));
      const bin = path.join(dir, 'bin');
      execFileSync('mkdir', ['-p', bin]);
      writeFileSync(
        path.join(bin, 'pgbackrest'),
        `#!/bin/sh\necho "pgbackrest $*" >> "${dir}/calls"\nexit ${code}\n`,
      );
      chmodSync(path.join(bin, 'pgbackrest'), 0o755);
      const textfiles = path.join(dir, 'textfile');
      const result = spawnSync(path.join(DEPLOY, 'pgbackrest/rtd-backup'), [type], {
        encoding: 'utf8',
        env: { PATH: `${bin}:${process.env.PATH}`, RTD_BACKUP_TEXTFILE_DIR: textfiles },
      });
      return { dir, textfiles, result };
    }

    it('runs the backup of the rtd stanza and writes its metrics in the exposition format (promtool check metrics)', () => {
      const { dir, textfiles, result } = backup('full', 0);
      try {
        expect(result.status).toBe(0);
        expect(readFileSync(path.join(dir, 'calls'), 'utf8')).toBe(
          'pgbackrest --stanza=rtd --type=full backup\n',
        );
        expect(readdirSync(textfiles)).toEqual(['rtd_backup_full.prom']);
        const text = readFileSync(path.join(textfiles, 'rtd_backup_full.prom'), 'utf8');
        const stamp = Number(
          /rtd_backup_last_success_timestamp_seconds\{stanza="rtd",type="full"\} (\d+)/.exec(text)?.[1],
        );
        expect(Math.abs(stamp - Date.now() / 1000)).toBeLessThan(60);
        const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
        expect(`${check.stdout}${check.stderr}`).toBe('');
        expect(check.status).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('writes nothing when the backup fails, and refuses an unknown type', () => {
      const failed = backup('incr', 1);
      const unknown = backup('everything', 0);
      try {
        expect(failed.result.status).not.toBe(0);
        expect(() => readdirSync(failed.textfiles)).toThrow();
        expect(unknown.result.status).toBe(64);
        expect(unknown.result.stderr).toContain('tipo di backup sconosciuto');
      } finally {
        rmSync(failed.dir, { recursive: true, force: true });
        rmSync(unknown.dir, { recursive: true, force: true });
      }
    });
  });

  describe("the compose file (docker-compose config, Debian's docker-compose: no container engine needed)", () => {
    function composeConfig(extra: string[] = [], fill = true) {
      const dir = mkdtempSync(path.join(tmpdir(), 'rtd-compose-'));
      const example = readFileSync(path.join(DEPLOY, 'production.env.example'), 'utf8');
      const env = path.join(dir, 'production.env');
      // Every secret filled in, as the operator must; and the file also serves as env_file.
      writeFileSync(
        env,
        `${fill ? example.replace(/^([A-Z0-9_]+)=$/gm, '$1=validation-secret') : example}\nRTD_ENV_FILE=${env}\n`,
      );
      try {
        return run('docker-compose', ['-f', path.join(DEPLOY, 'compose.yaml'), '--env-file', env, ...extra]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('is a valid compose file for the whole stack, and the monitoring profile', () => {
      const check = composeConfig(['config', '-q']);
      expect(check.output).toBe('');
      expect(check.code).toBe(0);
      const services = composeConfig(['--profile', 'monitoring', 'config', '--services']);
      expect(services.output.trim().split('\n').sort()).toEqual(
        [
          'api',
          'grafana',
          'keycloak',
          'migrate',
          'node-exporter',
          'postgres',
          'prometheus',
          'redis',
          'worker',
        ].sort(),
      );
    });

    it('refuses to start with a secret left empty', () => {
      const check = composeConfig(['config', '-q'], false);
      expect(check.code).not.toBe(0);
      expect(check.output).toMatch(/set POSTGRES_PASSWORD/);
    });

    it('publishes the API on loopback for the proxy, never the metrics ports, and imports the realm', () => {
      const config = composeConfig(['config']).output;
      expect(config).toContain('127.0.0.1:4000');
      expect(config).not.toMatch(/published: 946[45]|946[45]:946[45]/);
      expect(config).toContain('/opt/keycloak/data/import/rtd-hub-realm.json');
      expect(config).toMatch(/archive_command=pgbackrest --stanza=rtd archive-push %p/);
    });
  });
});
