import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../support/paths';

interface NestProject {
  type: 'application' | 'library';
  root: string;
  sourceRoot: string;
}

const nestCli = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'nest-cli.json'), 'utf8')) as {
  projects: Record<string, NestProject>;
};

const folders = (dir: string) =>
  readdirSync(path.join(PROJECT_ROOT, dir)).filter((name) =>
    statSync(path.join(PROJECT_ROOT, dir, name)).isDirectory(),
  );

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The apps that start a Nest application (the others are plain Node programs or the web app). */
const nestApps = folders('apps').filter((app) =>
  sources(path.join(PROJECT_ROOT, 'apps', app, 'src')).some((file) =>
    readFileSync(file, 'utf8').includes('NestFactory'),
  ),
);

describe('nest-cli.json', () => {
  const projects = Object.entries(nestCli.projects);

  it('lists every library of libs/ and nothing else as a library', () => {
    const libraries = projects.filter(([, p]) => p.type === 'library').map(([name]) => name);
    expect(libraries.sort()).toEqual(folders('libs').sort());
  });

  it('lists exactly the Nest applications of apps/', () => {
    const applications = projects.filter(([, p]) => p.type === 'application').map(([name]) => name);
    expect(applications.sort()).toEqual(nestApps.sort());
  });

  it('points every project at folders that exist', () => {
    for (const [name, p] of projects) {
      expect(`${name}: ${p.root}`).toBe(`${name}: ${p.type === 'library' ? 'libs' : 'apps'}/${name}`);
      expect(statSync(path.join(PROJECT_ROOT, p.sourceRoot)).isDirectory()).toBe(true);
    }
  });
});
