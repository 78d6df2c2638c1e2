import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { ADMIN, RTD_A } from './support/identities';
import { handZip } from './support/hand-zip';
import { ok } from './support/scenario';
import { PROJECT_ROOT } from './support/paths';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

const FIXTURE = path.join(PROJECT_ROOT, 'test/fixtures/pianotriennale-2027-2029');
const IMPORT = `mutation($input: PlanEditionImportInput!) { importPlanEdition(input: $input) {
  edition title dryRun created added changed removed unchanged summary
  successions { fromEdition links reviewed dropped automatic } } }`;

/** The fixture as GitHub's "Download ZIP" gives a repository: everything under one folder. */
async function zipOf(
  dir: string,
  edit: (file: string, text: string) => string = (_f, t) => t,
): Promise<string> {
  const zip = new JSZip();
  const add = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative))) {
      const file = path.join(relative, entry);
      if (statSync(path.join(dir, file)).isDirectory()) add(file);
      else
        zip.file(
          `pianotriennale-ict-doc-2027-2029/${file}`,
          edit(file, readFileSync(path.join(dir, file), 'utf8')),
        );
    }
  };
  add('');
  return (await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })).toString('base64');
}

describe('Importing an edition over GraphQL (the operator, issue 20)', () => {
  let api: TestApi;
  const fields = {
    code: '2027-2029',
    supersedes: '2024-2026-agg-2025',
    sourceNote: 'Edizione di prova dei test',
  };
  const editions = async () =>
    ok(await api.as(RTD_A).graphql(`{ planEditions { code status lineCount } }`), 'planEditions');

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('is for the platform operator only', async () => {
    const res = await api
      .as(RTD_A)
      .graphql(IMPORT, { input: { ...fields, archiveBase64: await zipOf(FIXTURE) } });
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
  });

  it('checks a ZIP with a dry run that saves nothing, then imports it, idempotently', async () => {
    const archiveBase64 = await zipOf(FIXTURE);
    const dry = ok(
      await api.as(ADMIN).graphql(IMPORT, { input: { ...fields, archiveBase64, dryRun: true } }),
      'importPlanEdition',
    );
    expect(dry).toMatchObject({
      edition: '2027-2029',
      dryRun: true,
      created: true,
      added: ['CAP3.PA.01', 'CAP3.PA.02', 'CAP3.PA.03', 'CAP5.PA.01', 'CAP5.PA.02'],
    });
    expect((await editions()).map((e: any) => e.code)).not.toContain('2027-2029');

    const done = ok(
      await api.as(ADMIN).graphql(IMPORT, { input: { ...fields, archiveBase64 } }),
      'importPlanEdition',
    );
    expect(done).toMatchObject({
      dryRun: false,
      created: true,
      title: "Piano Triennale per l'informatica nella PA 2027-2029",
      successions: { fromEdition: '2024-2026-agg-2025', links: expect.any(Number), automatic: true },
    });
    expect(done.summary).toMatch(/Edizione 2027-2029 \(nuova\)/);
    expect(await editions()).toEqual(
      expect.arrayContaining([
        { code: '2024-2026-agg-2025', status: 'SUPERSEDED', lineCount: 121 },
        { code: '2027-2029', status: 'CURRENT', lineCount: 5 },
      ]),
    );
    const again = ok(
      await api.as(ADMIN).graphql(IMPORT, { input: { ...fields, archiveBase64 } }),
      'importPlanEdition',
    );
    expect(again).toMatchObject({ created: false, added: [], changed: [], removed: [], unchanged: 5 });
    expect(again.summary).toContain('nessuna modifica');

    const band = ok(
      await api
        .as(RTD_A)
        .graphql(
          `{ planLines(edition: "2027-2029", search: "CAP5.PA.01") { edges { node { minPopulation maxPopulation deadline predecessors { kind } } } } }`,
        ),
      'planLines',
    );
    expect(band.edges[0].node).toMatchObject({
      minPopulation: 3000,
      maxPopulation: 15000,
      deadline: '2028-06-30',
    });
  });

  it('answers a defect of the archive with the file and line, and changes nothing', async () => {
    const broken = await zipOf(FIXTURE, (file, text) =>
      file.endsWith('accessibilita.rst') ? text.replace('**Marzo 2027**', '**Entro marzzo 2027**') : text,
    );
    const res = await api
      .as(ADMIN)
      .graphql(IMPORT, { input: { ...fields, code: '2028-2030', archiveBase64: broken } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions?.field).toBe('archiveBase64');
    expect(res.errors![0].message).toContain(
      'capitolo-3_servizi/accessibilita.rst:13: mese sconosciuto "marzzo"',
    );
    expect((await editions()).map((e: any) => e.code)).not.toContain('2028-2030');
  });

  it('refuses what is not a ZIP, and a ZIP whose files are too large once unpacked', async () => {
    const notZip = await api
      .as(ADMIN)
      .graphql(IMPORT, { input: { ...fields, archiveBase64: Buffer.from('ciao').toString('base64') } });
    expect(errorCodes(notZip)).toEqual(['BAD_USER_INPUT']);
    expect(notZip.errors![0].message).toMatch(/non è un archivio ZIP leggibile/);
    const bomb = handZip([{ name: 'capitolo.rst', data: Buffer.alloc(6 * 1024 * 1024, 0x61) }]);
    const tooLarge = await api
      .as(ADMIN)
      .graphql(IMPORT, { input: { ...fields, archiveBase64: bomb.toString('base64') } });
    expect(errorCodes(tooLarge)).toEqual(['BAD_USER_INPUT']);
    expect(tooLarge.errors![0].message).toMatch(/troppo grande/);
  });
});
