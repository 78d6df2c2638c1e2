import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { DEMO_CONSORTIA, seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { parseCsv } from '@rtd/kernel';
import { DEFAULT_PNRR_SOURCE, importPnrrFunding } from '@rtd/pnrr';
import { importPnrr } from '../apps/cli/src/commands/catalog.commands';
import { PORTAL_TOSCANA, REFERENT_CREMA, RTD_A, tokenFor } from './support/identities';
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

const MEASURE_FILES = ['11', '12', '131', '141', '143', '144', '145'].map(
  (m) => `candidature_finanziate_${m}.csv`,
);

/**
 * The hand count: every measure file read on its own, the rows a comune made itself
 * (tipologia_ente "Comuni", or "Comune" in 1.2's older layout), withdrawn (R) left out,
 * summed per ISTAT code and per measure.
 */
function ownFundingFromFiles(): Map<string, Map<string, number>> {
  const byComune = new Map<string, Map<string, number>>();
  for (const file of MEASURE_FILES) {
    const records = parseCsv(readFileSync(path.join(DEFAULT_PNRR_SOURCE, file), 'utf8'), file, [
      'tipologia_ente',
      'cod_comune',
      'importo_finanziamento',
      'stato_candidatura',
      'misura',
    ]);
    for (const { values } of records) {
      if (!['Comuni', 'Comune'].includes(values.tipologia_ente) || values.stato_candidatura === 'R') continue;
      const measure = values.misura.split(' ')[0];
      const sums = byComune.get(values.cod_comune) ?? new Map<string, number>();
      sums.set(measure, (sums.get(measure) ?? 0) + Number(values.importo_finanziamento));
      byComune.set(values.cod_comune, sums);
    }
  }
  return byComune;
}

const sumOf = (values: Iterable<number>) => [...values].reduce((sum, v) => sum + v, 0);

const CONSORTIUM_A = `
  query ($id: ID!) {
    consortium(id: $id) {
      pnrr {
        amount fundedComuni comuneCount territoryAmount
        measures { measure { code asOf } amount fundedComuni comuniWithoutApplication servesObjectives }
      }
      comuni(first: 100) { edges { node { istatCode name pnrr { totalAmount ownAmount territoryAmount } } } }
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
    // Tokens first: the sums below keep the provider's connection idle long enough to be reset.
    await Promise.all([RTD_A, REFERENT_CREMA, PORTAL_TOSCANA].map(tokenFor));
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

  it("gives every comune of consortium A its own funding and its territory's apart, and the consortium the sum of its comuni's own", async () => {
    const response = await api.as(RTD_A).graphql(CONSORTIUM_A, { id: consortiumA });
    expect(response.errors).toBeUndefined();
    const territories = amountsByName();
    const own = ownFundingFromFiles();
    const comuni = response.data!.consortium.comuni.edges.map((e: any) => e.node);
    expect(comuni).toHaveLength(42);
    for (const comune of comuni) {
      const expected = sumOf(own.get(comune.istatCode)?.values() ?? []);
      expect({ name: comune.name, own: comune.pnrr.ownAmount, total: comune.pnrr.totalAmount }).toEqual({
        name: comune.name,
        own: expect.closeTo(expected, 2),
        total: expect.closeTo(expected, 2),
      });
      expect({ name: comune.name, territory: comune.pnrr.territoryAmount }).toEqual({
        name: comune.name,
        territory: territories.get(comune.name),
      });
    }
    const codes = new Set(comuni.map((c: any) => c.istatCode));
    const handCount = sumOf([...own].filter(([code]) => codes.has(code)).flatMap(([, m]) => [...m.values()]));
    const pnrr = response.data!.consortium.pnrr;
    expect(pnrr.amount).toBeCloseTo(handCount, 2);
    expect(pnrr.territoryAmount).toBeCloseTo(sumOf(comuni.map((c: any) => c.pnrr.territoryAmount)), 2);
    expect(pnrr.amount).toBeLessThan(pnrr.territoryAmount);
    expect(pnrr.comuneCount).toBe(42);
    // Per measure: the hand count, and the comuni without an application named.
    expect(pnrr.measures.map((m: any) => m.measure.code)).toEqual([
      '1.1',
      '1.2',
      '1.3.1',
      '1.4.1',
      '1.4.3',
      '1.4.4',
      '1.4.5',
    ]);
    for (const measure of pnrr.measures) {
      const funded = [...own].filter(([code, m]) => codes.has(code) && m.has(measure.measure.code));
      expect({ code: measure.measure.code, amount: measure.amount }).toEqual({
        code: measure.measure.code,
        amount: expect.closeTo(sumOf(funded.map(([, m]) => m.get(measure.measure.code)!)), 2),
      });
      expect(measure.fundedComuni + measure.comuniWithoutApplication.length).toBe(42);
    }
    const byCode = Object.fromEntries(pnrr.measures.map((m: any) => [m.measure.code, m]));
    expect(byCode['1.4.4'].measure.asOf).toBe('2025-03-27');
    expect(byCode['1.2'].measure.asOf).toBe('2023-03-04');
    expect(byCode['1.4.5'].servesObjectives).toBe(true);
    // Crema has no 1.1 application of its own (1.1 funds ASL and other bodies).
    expect(byCode['1.1'].comuniWithoutApplication).toContain('Crema');
  });

  it("lists Crema's own applications of every measure with status and date in Italian, not the hospital's, and counts a withdrawn one zero", async () => {
    const response = await api.as(REFERENT_CREMA).graphql(`{
      comuneByIstatCode(istatCode: "019035") {
        pnrr {
          totalAmount ownAmount applicationsAmount territoryAmount schoolsAmount otherBodiesAmount
          applications { amount countedAmount status statusLabel statusDate asOf cup bodyName bodyKind call { title measure { code asOf } } }
          territoryApplications { bodyName bodyKind amount countedAmount }
          measures { measure { code asOf } ownAmount applications { cup } }
        }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const pnrr = response.data!.comuneByIstatCode.pnrr;
    const row = (a: any) => [a.call.measure.code, a.amount, a.cup, a.statusLabel];
    expect(pnrr.applications.map(row)).toEqual(
      expect.arrayContaining([
        ['1.2', 252118, 'B91C22001370006', 'assegnata'],
        ['1.3.1', 30515, 'B51F22004780006', 'erogata'],
        ['1.3.1', 18990.54, 'B51J25000420006', 'erogata'],
        ['1.4.1', 280932, 'B91F22000690006', 'assegnata'],
        ['1.4.3', 36400, 'B91F22002600006', 'assegnata'],
        ['1.4.3', 87408, 'B91F22002590006', 'rinuncia'],
        ['1.4.4', 14000, 'B91F22000700006', 'erogata'],
        ['1.4.4', 14030, 'B51F24000930006', 'assegnata'],
        ['1.4.5', 59966, 'B91F22003100006', 'erogata'],
      ]),
    );
    expect(pnrr.applications).toHaveLength(9);
    expect(
      pnrr.applications.every((a: any) => a.bodyName === 'Comune di Crema' && a.bodyKind === 'COMUNE'),
    ).toBe(true);
    const pagopa = pnrr.applications.find((a: any) => a.cup === 'B91F22002590006');
    expect(pagopa).toMatchObject({
      status: 'WITHDRAWN',
      statusDate: '2023-07-06',
      countedAmount: 0,
      asOf: '2023-10-24',
    });
    expect(pagopa.call.title).toMatch(/pagoPA/);
    const appIo = pnrr.applications.find((a: any) => a.cup === 'B91F22002600006');
    expect(appIo.call.title).toMatch(/app IO/);
    expect(pnrr.applications.find((a: any) => a.cup === 'B91C22001370006')).toMatchObject({
      statusDate: null,
      asOf: '2023-03-04',
    });
    const own = 252118 + 30515 + 18990.54 + 280932 + 36400 + 14000 + 14030 + 59966;
    expect(pnrr.ownAmount).toBeCloseTo(own, 2);
    expect(pnrr.totalAmount).toBeCloseTo(own, 2);
    expect(pnrr.applicationsAmount).toBeCloseTo(own, 2);
    // The territory: the publisher's figure, and the hospital's money among the other bodies, not the comune's.
    expect(pnrr.territoryAmount).toBe(2637663);
    const asst = pnrr.territoryApplications.filter(
      (a: any) => a.bodyName === 'Azienda Socio Sanitaria Territoriale di Crema',
    );
    expect(asst.map((a: any) => a.amount)).toContain(1748875);
    expect(asst.every((a: any) => a.bodyKind === 'OTHER')).toBe(true);
    expect(pnrr.otherBodiesAmount).toBeGreaterThanOrEqual(1748875);
    expect(pnrr.schoolsAmount).toBeGreaterThan(0);
    expect(pnrr.ownAmount).toBeLessThan(1748875);
    const byMeasure = Object.fromEntries(pnrr.measures.map((m: any) => [m.measure.code, m]));
    expect(byMeasure['1.4.3'].ownAmount).toBe(36400);
    expect(byMeasure['1.4.3'].applications).toHaveLength(2);
    expect(byMeasure['1.4.4'].measure.asOf).toBe('2025-03-27');
    expect(byMeasure['1.1'].ownAmount).toBe(0);
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
          /^finanziato dal PNRR: avviso "1\.4\.5 'Piattaforma Notifiche Digitali' Comuni \(Settembre 2022\)", importo 59\.966,00 €, stato erogata \(dati al 16\/08\/2026\)$/,
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

  it("sums a region's comuni's own funding for any role, per measure as the files give it, and refuses an unknown region code", async () => {
    const tuscany = await api.as(PORTAL_TOSCANA).graphql(`{
      pnrrRegionTotal(regionCode: "09") { amount fundedComuni comuneCount territoryAmount measures { measure { code } amount fundedComuni } }
    }`);
    expect(tuscany.errors).toBeUndefined();
    const codes = new Set(
      (await owner.query(`SELECT istat_code AS code FROM comune WHERE region_code = '09'`)).map(
        (r: any) => r.code,
      ),
    );
    const own = [...ownFundingFromFiles()].filter(([code]) => codes.has(code));
    const total = tuscany.data!.pnrrRegionTotal;
    expect(total.amount).toBeCloseTo(sumOf(own.flatMap(([, m]) => [...m.values()])), 2);
    expect(total.fundedComuni).toBe(own.length);
    expect(total.comuneCount).toBe(codes.size);
    for (const measure of total.measures) {
      const funded = own.filter(([, m]) => m.has(measure.measure.code));
      expect({ code: measure.measure.code, amount: measure.amount, comuni: measure.fundedComuni }).toEqual({
        code: measure.measure.code,
        amount: expect.closeTo(sumOf(funded.map(([, m]) => m.get(measure.measure.code)!)), 2),
        comuni: funded.length,
      });
    }
    const [territory] = await owner.query(
      `SELECT sum(amount)::float AS amount FROM pnrr_comune_amount WHERE region_code = '09'`,
    );
    expect(total.territoryAmount).toBeCloseTo(territory.amount, 2);
    expect(total.amount).toBeLessThan(total.territoryAmount);
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
    expect(report.attribution.COMUNE).toBeGreaterThan(50000);
    expect(report.attribution.SCHOOL).toBeGreaterThan(10000);
    expect(report.attribution.OTHER).toBeGreaterThan(2000);
    expect(report.changes).toEqual({ added: [], statusChanged: [], withdrawn: [], removed: [] });
  });

  it('prints, in a dry run, what a new snapshot changes (new, changed status, withdrawn) and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pnrr-dry-'));
    cpSync(DEFAULT_PNRR_SOURCE, dir, { recursive: true });
    const file = path.join(dir, 'candidature_finanziate_144.csv');
    const text = readFileSync(file, 'utf8');
    // Crema withdraws its ANPR/ANSC application, and a new application appears.
    const anpr = text.split('\n').find((l) => l.includes('B51F24000930006'))!;
    const withdrawn = anpr.replace(/,A,2025-01-24,/, ',R,2025-06-30,');
    const fresh = anpr.replace('B51F24000930006', 'B51F25999990006');
    writeFileSync(file, text.replace(anpr, `${withdrawn}\n${fresh}`));
    const before = await count('pnrr_application');
    const out = await importPnrr(api.db.config, dir, undefined, { dryRun: true });
    expect(out).toContain('--dry-run');
    expect(out).toContain(
      '1 candidature nuove, 1 con stato cambiato, di cui 1 rinunciate, 0 non più nei file',
    );
    expect(out).toMatch(
      /rinunciate:\n {4}019035 Comune di Crema: "1\.4\.4 Adozione ANPR ANSC[^"]*", CUP B51F24000930006, 14030 €, assegnata → rinuncia/,
    );
    expect(out).toMatch(/nuove:\n {4}019035 Comune di Crema: .*CUP B51F25999990006/);
    expect(await count('pnrr_application')).toBe(before);
    const [{ status }] = await owner.query(
      `SELECT status FROM pnrr_application WHERE cup = 'B51F24000930006'`,
    );
    expect(status).toBe('A');
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
    expect(await importPnrr(api.db.config, dir)).toContain(
      'importi per territorio comunale (importi_per_comune.csv): 1 aggiunti, 1 rimossi',
    );
    expect(await importPnrr(api.db.config, DEFAULT_PNRR_SOURCE)).toContain(
      'importi per territorio comunale (importi_per_comune.csv): 1 aggiunti, 1 rimossi',
    );
  });
});
