import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { JobContext } from './job-context';

/** The repository's root, from the sources or from their compiled copy in dist-test. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist-test') {
    dir = path.dirname(dir);
  }
  return dir;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'web' ? [] : sources(full);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** The code of a file without its comments (a comment may name the setting it forbids). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('JobContext: no job runs as the platform admin', () => {
  const dataSource = {} as DataSource;
  const job = JobContext.forJob(dataSource, 'system:test', { consortiumId: 'c1' });

  it('gives a job its consortium office rights, never app.admin', () => {
    for (const context of [
      job,
      job.forConsortium('c2'),
      job.listingConsortia(),
      JobContext.forJob(dataSource, 's', {}),
      JobContext.forRequester(dataSource, { subject: 'anna', personId: 'p1' }, 'c1', [
        { membershipId: 'm0', role: 'PLATFORM_ADMIN', consortiumId: null, comuneId: null, regionCode: null },
      ]),
      JobContext.forRegionObserver(dataSource, { subject: 'davide', personId: 'p2' }, '03', ['c1']),
    ]) {
      expect(context.settings()['app.admin']).toBe('off');
    }
    expect(job.settings()).toMatchObject({
      'app.manage_consortia': '{c1}',
      'app.rtd_consortia': '{c1}',
      'app.subject': 'system:test',
    });
    expect(job.listingConsortia().settings()).toMatchObject({
      'app.list_consortia': 'on',
      'app.manage_consortia': '{}',
    });
  });

  it("gives a requester's job their own rights in the job's consortium only, without the relay flag", () => {
    const requester = JobContext.forRequester(dataSource, { subject: 'anna', personId: 'p1' }, 'c1', [
      { membershipId: 'm1', role: 'COMUNE_REFERENT', consortiumId: 'c1', comuneId: 'k1', regionCode: null },
      { membershipId: 'm2', role: 'CONSORTIUM_RTD', consortiumId: 'c2', comuneId: null, regionCode: null },
      { membershipId: 'm3', role: 'REGIONAL_OBSERVER', consortiumId: null, comuneId: null, regionCode: '03' },
    ]);
    expect(requester.settings()).toMatchObject({
      'app.subject': 'anna',
      'app.person_id': 'p1',
      'app.referent_comuni': '{k1}',
      'app.comuni': '{k1}',
      'app.full_consortia': '{}',
      'app.rtd_consortia': '{}',
      'app.regions': '{}',
      'app.admin': 'off',
    });
    expect(requester.settings()['app.relay']).toBeUndefined();
  });

  it("gives a region file's job the observer's one region and its consortia, nothing else", () => {
    const observer = JobContext.forRegionObserver(dataSource, { subject: 'davide', personId: 'p2' }, '03', [
      'c1',
      'c2',
    ]);
    expect(observer.settings()).toMatchObject({
      'app.subject': 'davide',
      'app.person_id': 'p2',
      'app.regions': '{03}',
      'app.read_consortia': '{c1,c2}',
      'app.full_consortia': '{}',
      'app.manage_consortia': '{}',
      'app.comuni': '{}',
      'app.admin': 'off',
    });
    expect(observer.settings()['app.relay']).toBeUndefined();
  });

  it('is the only way code sets app.admin: from a platform admin membership (access-scope.ts), nowhere else', () => {
    const root = projectRoot();
    const offenders = [...sources(path.join(root, 'libs')), ...sources(path.join(root, 'apps'))]
      .filter((file) => /app\.admin/.test(code(readFileSync(file, 'utf8'))))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual(['libs/authz/src/access-scope.ts']);
    const scope = code(readFileSync(path.join(root, 'libs/authz/src/access-scope.ts'), 'utf8'));
    expect(scope.match(/app\.admin.*/g)).toEqual([`app.admin': this.platformAdmin ? 'on' : 'off',`]);
  });
});
