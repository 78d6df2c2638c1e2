import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { DEMO_CONSORTIA, seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { DEFAULT_PNRR_SOURCE, importPnrrFunding } from '@rtd/pnrr';
import { importPnrr } from '../apps/cli/src/commands/catalog.commands';
import { PORTAL_TOSCANA, REFERENT_CREMA, RTD_A } from './support/identities';
import { INestApplicationContext } from '@nestjs/common';
import { demoIds, ok, publishedObjective, assignmentOf } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

/** The shipped file, read by the test on its own: name -> sum of its rows (homonyms summed). */
function amountsByName(): Map<string, number> {
  const text = readFileSync(path.join(DEFAULT_PNRR_SOURCE, 'importi_per_comune.csv'), 'utf8');
  const sums = new Map<string, number>();
  for (const line of text.trim().split('\n').slice(1)) {
    const comma = line.lastIndexOf(',');
    const name = line.slice(0, comma);
    sums.set(name, (sums.get(name) ?? 0) + Number(line.slice(comma + 1)));
  }
  return sums;
}

const CONSORTIUM_A = `
  query ($id: ID!) {
    consortium(id: $id) {
      pnrr { amount fundedComuni comuneCount }
      comuni(first: 100) { edges { node { istatCode name pnrr { totalAmount } } } }
    }
  }`;

describe('PNRR funding', () => {
  let api: TestApi;
  let owner: DataSource;
  let worker: INestApplicationContext | undefined;
  let consortiumA: string;
  const count = async (table: string) =>
    (await owner.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.db.config, 'pnrr-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    [{ id: consortiumA }] = await owner.query(`SELECT id FROM consortium WHERE name = $1`, [
      DEMO_CONSORTIA[0].name,
    ]);
  });
  afterAll(async () => {
    await worker?.close();
    await owner.destroy();
    await api.close();
  });

  it('gives every comune of consortium A the sum of its rows in importi_per_comune.csv, and the consortium their total', async () => {
    const response = await api.as(RTD_A).graphql(CONSORTIUM_A, { id: consortiumA });
    expect(response.errors).toBeUndefined();
    const sums = amountsByName();
    const comuni = response.data!.consortium.comuni.edges.map((e: any) => e.node);
    expect(comuni).toHaveLength(42);
    for (const comune of comuni) {
      expect({ name: comune.name, amount: comune.pnrr.totalAmount }).toEqual({
        name: comune.name,
        amount: sums.get(comune.name),
      });
    }
    const total = comuni.reduce((sum: number, c: any) => sum + c.pnrr.totalAmount, 0);
    expect(response.data!.consortium.pnrr).toEqual({ amount: total, fundedComuni: 42, comuneCount: 42 });
    expect(sums.get('Crema')).toBe(2637663);
  });

  it("lists Crema's own funded applications (not those of the hospital seated there) with status in Italian", async () => {
    const response = await api.as(REFERENT_CREMA).graphql(`{
      comuneByIstatCode(istatCode: "019035") {
        pnrr { applicationsAmount applications { amount status statusLabel cup call { title measure { code title } } } }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const { applications, applicationsAmount } = response.data!.comuneByIstatCode.pnrr;
    expect(applications.map((a: any) => [a.call.measure.code, a.amount])).toEqual(
      expect.arrayContaining([
        ['1.3.1', 30515],
        ['1.3.1', 18990.54],
        ['1.4.5', 59966],
      ]),
    );
    expect(applications).toHaveLength(3);
    expect(applicationsAmount).toBeCloseTo(30515 + 18990.54 + 59966, 2);
    expect(
      applications.every((a: any) => ['finanziata', 'rinunciata', 'erogata'].includes(a.statusLabel)),
    ).toBe(true);
  });

  it('shows the curated mapping on the line and the funding on each assignment of the lines', async () => {
    const line = await api.as(RTD_A).graphql(`{
      planLines(edition: "2022-2024", search: "CAP3.PA.LA22") { edges { node { code pnrrMeasures { measure { code } justification source } } } }
    }`);
    const node = line.data!.planLines.edges.find((e: any) => e.node.code === 'CAP3.PA.LA22').node;
    expect(node.pnrrMeasures).toEqual([
      expect.objectContaining({
        measure: { code: '1.4.5' },
        source: expect.stringContaining('CAP3.PA.LA22'),
      }),
    ]);

    const [{ id: comuneId }] = await owner.query(`SELECT id FROM comune WHERE istat_code = '019035'`);
    const assignments = await api.as(REFERENT_CREMA).graphql(
      `query ($c: ID!) { assignments(filter: { comuneId: $c }, first: 100) { edges { node {
          objective { lines { code } } pnrrFunding { lineCodes summary application { amount } } } } } }`,
      { c: comuneId },
    );
    expect(assignments.errors).toBeUndefined();
    const nodes = assignments.data!.assignments.edges.map((e: any) => e.node);
    const notifications = nodes.find((n: any) =>
      n.objective.lines.some((l: any) => l.code === 'CAP3.PA.LA22'),
    );
    expect(notifications.pnrrFunding).toEqual([
      {
        lineCodes: ['CAP3.PA.LA22'],
        application: { amount: 59966 },
        summary: expect.stringMatching(
          /^finanziato dal PNRR: avviso "1\.4\.5 'Piattaforma Notifiche Digitali' Comuni \(Settembre 2022\)", importo 59\.966,00 €, stato (finanziata|erogata|rinunciata)$/,
        ),
      },
    ]);
    const accessibility = nodes.find((n: any) =>
      n.objective.lines.some((l: any) => l.code === 'CAP1.PA.LA20'),
    );
    expect(accessibility.pnrrFunding).toEqual([]);
  });

  it('maps the measures to the lines of every edition: a 2024-2026 notifications line shows 1.4.5 and its funding', async () => {
    const lines = await api.as(RTD_A).graphql(`{
      send: planLines(edition: "2024-2026", search: "CAP4.PA.03") { edges { node { code pnrrMeasures { measure { code } justification source } } } }
      pdnd: planLines(edition: "2020-2022", search: "CAP5.PA.LA02") { edges { node { code pnrrMeasures { measure { code } } } } }
    }`);
    expect(lines.errors).toBeUndefined();
    const send = lines.data!.send.edges.find((e: any) => e.node.code === 'CAP4.PA.03').node;
    expect(send.pnrrMeasures).toEqual([
      expect.objectContaining({
        measure: { code: '1.4.5' },
        justification: expect.stringContaining('SEND'),
        source: expect.stringContaining('Piano Triennale 2024-2026'),
      }),
    ]);
    const pdnd = lines.data!.pdnd.edges.find((e: any) => e.node.code === 'CAP5.PA.LA02').node;
    expect(pdnd.pnrrMeasures).toEqual([{ measure: { code: '1.3.1' } }]);

    // An objective on the 2024-2026 line, assigned to Crema: its assignment shows Crema's 1.4.5 call.
    worker = await startTestWorker(api.config);
    const ids = await demoIds(api);
    const objectiveId = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      edition: '2024-2026',
      lineCodes: ['CAP4.PA.03'],
      title: 'Integrazione con SEND',
    });
    const assignment = await assignmentOf(api, objectiveId, ids.crema);
    const funding = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `query ($id: ID!) { assignment(id: $id) { pnrrFunding { lineCodes summary application { amount } } } }`,
          { id: assignment.id },
        ),
      'assignment',
    );
    expect(funding.pnrrFunding).toEqual([
      {
        lineCodes: ['CAP4.PA.03'],
        application: { amount: 59966 },
        summary: expect.stringMatching(
          /^finanziato dal PNRR: avviso "1\.4\.5 'Piattaforma Notifiche Digitali'/,
        ),
      },
    ]);
  });

  it('sums a region, for any role, and refuses an unknown region code', async () => {
    const tuscany = await api
      .as(PORTAL_TOSCANA)
      .graphql(`{ pnrrRegionTotal(regionCode: "09") { amount fundedComuni comuneCount } }`);
    expect(tuscany.errors).toBeUndefined();
    const [expected] = await owner.query(
      `SELECT sum(amount)::float AS amount, count(*)::int AS n FROM pnrr_comune_amount WHERE region_code = '09'`,
    );
    expect(tuscany.data!.pnrrRegionTotal.amount).toBeCloseTo(expected.amount, 2);
    expect(tuscany.data!.pnrrRegionTotal.fundedComuni).toBe(expected.n);
    const bad = await api.as(RTD_A).graphql(`{ pnrrRegionTotal(regionCode: "99") { amount } }`);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const anonymous = await api.graphql(`{ pnrrRegionTotal(regionCode: "03") { amount } }`);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });

  it('changes nothing when imported again, and reports homonyms and unknown names instead of guessing', async () => {
    const report = await owner.transaction((tx) => importPnrrFunding(tx));
    for (const table of ['measures', 'calls', 'applications', 'amounts', 'links'] as const) {
      expect({ table, added: report[table].added, removed: report[table].removed }).toEqual({
        table,
        added: 0,
        removed: 0,
      });
    }
    expect(report.applications.unchanged).toBe(await count('pnrr_application'));
    expect(report.ambiguousNames.map((n) => n.name)).toEqual(
      expect.arrayContaining(['Samone', 'Livo', 'Peglio', 'Castro', 'San Teodoro']),
    );
    const samone = report.ambiguousNames.find((n) => n.name === 'Samone')!;
    expect(samone.candidates).toHaveLength(2);
    expect(report.unresolvedNames.map((n) => n.name)).toContain('Moransengo-Tonengo');
    expect(report.otherBodies).toBeGreaterThan(0);
  });

  it('rejects a bad row with file, line and reason, and changes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pnrr-'));
    cpSync(DEFAULT_PNRR_SOURCE, dir, { recursive: true });
    const file = path.join(dir, 'candidature_finanziate_145.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[41] = lines[41].replace(/,(\d+\.\d),1\.4\.5/, ',dodicimila,1.4.5');
    writeFileSync(file, lines.join('\n'));
    // A changed amount elsewhere, that would be written if the bad row did not stop the import.
    writeFileSync(
      path.join(dir, 'importi_per_comune.csv'),
      readFileSync(path.join(dir, 'importi_per_comune.csv'), 'utf8').replace('Crema,2637663', 'Crema,1'),
    );
    const before = await owner.query(`SELECT amount FROM pnrr_comune_amount WHERE istat_code = '019035'`);
    await expect(importPnrr(api.db.config, dir)).rejects.toThrow(
      /candidature_finanziate_145\.csv, riga 42: importo_finanziamento non è un importo valido: "dodicimila"/,
    );
    expect(await owner.query(`SELECT amount FROM pnrr_comune_amount WHERE istat_code = '019035'`)).toEqual(
      before,
    );

    // The same folder without the bad row: the changed amount goes in, and back out with the shipped files.
    writeFileSync(file, readFileSync(path.join(DEFAULT_PNRR_SOURCE, 'candidature_finanziate_145.csv')));
    expect(await importPnrr(api.db.config, dir)).toContain('importi per comune: 1 aggiunti, 1 rimossi');
    expect(await importPnrr(api.db.config, DEFAULT_PNRR_SOURCE)).toContain(
      'importi per comune: 1 aggiunti, 1 rimossi',
    );
  });
});
