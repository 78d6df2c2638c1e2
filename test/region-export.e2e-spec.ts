import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DEMO_PEOPLE, seedDemoObjectives } from '@rtd/demo';
import { AccessScope, JobContext } from '@rtd/authz';
import { ExpiredFilesCleaner, SCHEDULED_REPORT_SUBJECT } from '@rtd/exports';
import { APP_DATA_SOURCE } from '@rtd/kernel';
import { ownerDataSource } from '@rtd/platform';
import { PORTAL_LOMBARDIA, PORTAL_TOSCANA, REFERENT_CREMA, RTD_A } from './support/identities';
import { downloadFile, EXPORT_JOB } from './support/exports';
import { ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { applySignedSettings } from './support/test-database';
import { eventually, outboxSettled, startTestWorker } from './support/test-worker';

/** Davide Ricci, the person observing Lombardy (region 03); docs/demo-identities.md. */
const OBSERVER_LOMBARDIA = 'RCCDVD77C12F205L';
const REQUEST = `mutation ($input: ExportRequestInput!) {
  requestExport(input: $input) { id state kind progress regionCode consortiumId downloadUrl }
}`;
const BUCKETS = `key label total completed inProgress submitted rejected notStarted notApplicable overdue completionRate`;
const PAGE = `query ($r: String!, $from: Date!, $to: Date!) {
  byProvince: complianceSummary(groupBy: PROVINCE, scope: { regionCode: $r }) { ${BUCKETS} }
  byConsortium: complianceSummary(groupBy: CONSORTIUM, scope: { regionCode: $r }) { ${BUCKETS} }
  complianceTrend(scope: { regionCode: $r }, from: $from, to: $to, groupBy: PROVINCE) {
    day buckets { total completed submitted notApplicable overdue }
  }
  pnrrRegionTotal(regionCode: $r) {
    amount territoryAmount fundedComuni comuneCount
    measures { measure { code asOf } amount fundedComuni applicationCount withdrawnCount }
  }
}`;
const COUNTS = [
  'total',
  'completed',
  'inProgress',
  'submitted',
  'rejected',
  'notStarted',
  'notApplicable',
  'overdue',
];

const romeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const daysBefore = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};
/** Every cell of a sheet as text, row by row (what a person reads, values not formats). */
const sheetRows = (ws: ExcelJS.Worksheet): unknown[][] => {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe('«La Regione» as a workbook (REGION_XLSX, issue 24)', () => {
  let api: TestApi;
  let owner: DataSource;
  let worker: INestApplicationContext;

  const request = (who: string, input: Record<string, unknown>) => api.as(who).graphql(REQUEST, { input });
  const built = async (who: string, regionCode = '03') => {
    const queued = ok(await request(who, { kind: 'REGION_XLSX', regionCode }), 'requestExport');
    expect(queued).toMatchObject({
      state: 'QUEUED',
      kind: 'REGION_XLSX',
      progress: 0,
      regionCode,
      consortiumId: null,
      downloadUrl: null,
    });
    const job = await eventually(
      async () => ok(await api.as(who).graphql(EXPORT_JOB, { id: queued.id }), 'exportJob'),
      (j) => j.state === 'COMPLETED' || j.state === 'FAILED',
      60_000,
    );
    await outboxSettled(api);
    return job;
  };

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.db.config, 'region-export-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    worker = await startTestWorker(api.config);
  });
  afterAll(async () => {
    await worker?.close();
    await owner?.destroy();
    await api?.close();
  });

  it("is built by the worker for the region's observer, with the page's figures, and names nobody", async () => {
    const job = await built(OBSERVER_LOMBARDIA);
    expect(job).toMatchObject({ state: 'COMPLETED', kind: 'REGION_XLSX', progress: 100 });
    expect(job.fileName).toMatch(/^regione-lombardia-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const res = await downloadFile(api, job.downloadUrl, OBSERVER_LOMBARDIA);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      'Sintesi',
      'Province',
      'Consorzi',
      'Andamento',
    ]);

    const today = romeToday();
    const answer = await api
      .as(OBSERVER_LOMBARDIA)
      .graphql(PAGE, { r: '03', from: daysBefore(today, 90), to: today });
    expect(answer.errors).toBeUndefined();
    const page = answer.data as Record<string, any>;
    // «Province» and «Consorzi»: every bucket of the page, its counts and rate, lowest rate first.
    for (const [name, buckets] of [
      ['Province', page.byProvince],
      ['Consorzi', page.byConsortium],
    ] as const) {
      const ws = workbook.getWorksheet(name)!;
      const head = sheetRows(ws)[0] as string[];
      expect(head.slice(-9)).toEqual([
        'Totale',
        'Completate',
        'In corso',
        'Inviate, da validare',
        'Respinte',
        'Non avviate',
        'Non applicabili',
        'In ritardo',
        'Completamento',
      ]);
      const rows = sheetRows(ws).slice(1);
      expect(rows).toHaveLength(buckets.length);
      const byLabel = new Map(rows.map((r) => [r[0], r.slice(-9)]));
      for (const b of buckets)
        expect({ label: b.label, values: byLabel.get(b.label) }).toEqual({
          label: b.label,
          values: [...COUNTS.map((k) => b[k]), b.completionRate],
        });
      const rates = rows.map((r) => r.at(-1) as number);
      expect(rates).toEqual([...rates].sort((a, b) => a - b));
      expect(ws.getRow(2).getCell(head.length).numFmt).toBe('0.0%');
    }
    expect(
      sheetRows(workbook.getWorksheet('Province')!)
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(page.byProvince.map((b: any) => b.key).sort());

    // «Sintesi»: the region, the date, the totals (the provinces summed) and the PNRR with its source.
    const sintesi = sheetRows(workbook.getWorksheet('Sintesi')!);
    const value = (label: string | RegExp) =>
      sintesi.find((r) => (typeof label === 'string' ? r[0] === label : label.test(String(r[0]))))?.[1];
    expect(sintesi[0][0]).toBe('La Regione Lombardia');
    expect(value('Codice ISTAT della Regione')).toBe('03');
    expect((value('Dati al') as Date).toISOString().slice(0, 10)).toBe(today);
    const sum = (k: string) => page.byProvince.reduce((n: number, b: any) => n + b[k], 0);
    expect(value('Totale')).toBe(sum('total'));
    expect(value('Totale')).toBeGreaterThan(0);
    expect(value('Completate')).toBe(sum('completed'));
    expect(value('In ritardo')).toBe(sum('overdue'));
    expect(value('Non applicabili')).toBe(sum('notApplicable'));
    expect(value(/^Completamento/)).toBeCloseTo(sum('completed') / (sum('total') - sum('notApplicable')), 10);
    expect(value('Province')).toBe(page.byProvince.length);
    expect(value('Consorzi')).toBe(page.byConsortium.length);
    const pnrr = page.pnrrRegionTotal;
    expect(value(/^Finanziamenti PNRR dei Comuni della Regione/)).toBe(pnrr.amount);
    expect(value(/^Territori dei Comuni/)).toBe(pnrr.territoryAmount);
    expect(value(/^Comuni con finanziamenti propri \(su [\d.]+ della Regione\)$/)).toBe(pnrr.fundedComuni);
    for (const m of pnrr.measures) {
      const row = sintesi.find((r) => String(r[0]).startsWith(`${m.measure.code} `))!;
      expect(row.slice(1, 5)).toEqual([m.amount, m.fundedComuni, m.applicationCount, m.withdrawnCount]);
    }
    const text = sintesi.flat().map(String).join('\n');
    expect(text).toContain('«PA digitale 2026 - Open Data»');
    expect(text).toContain('CC BY 4.0');
    expect(text).toMatch(/dati al \d{2}\/\d{2}\/\d{4}/);

    // «Andamento»: the page's days, summed over the provinces.
    const trend = sheetRows(workbook.getWorksheet('Andamento')!);
    expect(trend[0]).toEqual([
      'Giorno',
      'Completamento',
      'Completate',
      'Da validare',
      'In ritardo',
      'Totale',
    ]);
    const points = page.complianceTrend as any[];
    if (points.length === 0) expect(String(trend[1][0])).toMatch(/^Nessun dato di andamento/);
    else {
      expect(trend.slice(1).map((r) => (r[0] as Date).toISOString().slice(0, 10))).toEqual(
        points.map((p) => p.day),
      );
      const last = points.at(-1);
      const total = last.buckets.reduce((n: number, b: any) => n + b.total, 0);
      expect(trend.at(-1)![5]).toBe(total);
    }

    // Nobody named: no demo person's name, fiscal code or e-mail in any sheet.
    const all = workbook.worksheets.flatMap((ws) => sheetRows(ws).flat().map(String)).join('\n');
    for (const p of DEMO_PEOPLE)
      for (const word of [
        `${p.givenName} ${p.familyName}`,
        `${p.familyName} ${p.givenName}`,
        p.fiscalCode,
        p.email,
      ])
        expect({ word, found: all.includes(word) }).toEqual({ word, found: false });
  });

  it("is built for the region's portal too (a machine client observing it)", async () => {
    const job = await built(PORTAL_LOMBARDIA);
    expect(job.state).toBe('COMPLETED');
    expect((await downloadFile(api, job.downloadUrl, PORTAL_LOMBARDIA)).status).toBe(200);
  });

  it('is refused to the observer of another region, an RTD and a referent, who read none of it', async () => {
    for (const who of [PORTAL_TOSCANA, RTD_A, REFERENT_CREMA]) {
      const res = await request(who, { kind: 'REGION_XLSX', regionCode: '03' });
      expect({ who, codes: errorCodes(res) }).toEqual({ who, codes: ['FORBIDDEN'] });
      expect(res.errors![0].message).toBe(
        'Solo l’osservatore regionale di questa Regione può esportarne i dati (La Regione)',
      );
    }
    const job = await built(OBSERVER_LOMBARDIA);
    for (const who of [PORTAL_TOSCANA, RTD_A, REFERENT_CREMA, PORTAL_LOMBARDIA]) {
      const read = await api.as(who).graphql(EXPORT_JOB, { id: job.id });
      expect({ who, codes: errorCodes(read) }).toEqual({ who, codes: ['NOT_FOUND'] });
      expect((await downloadFile(api, job.downloadUrl, who)).status).toBe(403);
    }
    // Under the API (row-level security, the settings signed as the API signs them): the row is
    // the region's, readable by its requester only while they observe region 03; an observer of
    // 09, even under the same subject, sees nothing and may not queue a file of 03.
    const [{ requested_by: subject, consortium_id }] = await owner.query(
      `SELECT requested_by, consortium_id FROM export_job WHERE id = $1`,
      [job.id],
    );
    expect(consortium_id).toBeNull();
    const observing = (region: string) => ({
      ...new AccessScope(null, [
        {
          membershipId: 'm',
          role: 'REGIONAL_OBSERVER',
          consortiumId: null,
          comuneId: null,
          regionCode: region,
        },
      ]).rlsSettings(),
      'app.subject': subject,
    });
    const app = new Client({ connectionString: api.db.config.databaseUrl });
    await app.connect();
    const asObserverOf = async <T>(region: string, work: () => Promise<T>): Promise<T> => {
      await app.query('BEGIN');
      try {
        await applySignedSettings(app, api.db.config, observing(region));
        return await work();
      } finally {
        await app.query('ROLLBACK');
      }
    };
    const visible = () =>
      app.query(`SELECT id FROM export_job WHERE id = $1`, [job.id]).then((r) => r.rowCount);
    const insert = (region: string) =>
      app.query(`INSERT INTO export_job (kind, region_code, requested_by) VALUES ('REGION_XLSX', $1, $2)`, [
        region,
        subject,
      ]);
    try {
      expect(await asObserverOf('03', visible)).toBe(1);
      expect(await asObserverOf('09', visible)).toBe(0);
      await expect(asObserverOf('03', () => insert('03'))).resolves.toBeDefined();
      await expect(asObserverOf('09', () => insert('03'))).rejects.toThrow(/row-level security/);
      // A job names one scope: a consortium or a region, never both.
      await expect(
        owner.query(`INSERT INTO export_job (kind, region_code, consortium_id, requested_by)
                     SELECT 'REGION_XLSX', '03', id, 'x' FROM consortium LIMIT 1`),
      ).rejects.toThrow(/export_job_scope_check/);
    } finally {
      await app.end();
    }
  });

  it('is deleted by the nightly cleaner once expired, like every file asked for; a fresh one stays', async () => {
    const fresh = await built(OBSERVER_LOMBARDIA);
    const old = await built(OBSERVER_LOMBARDIA);
    await owner.query(`UPDATE export_job SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      old.id,
    ]);
    const job = JobContext.forJob(worker.get(APP_DATA_SOURCE), SCHEDULED_REPORT_SUBJECT, {});
    expect(await worker.get(ExpiredFilesCleaner).run(job)).toBeGreaterThanOrEqual(1);
    const left: { id: string }[] = await owner.query(`SELECT id FROM export_job WHERE id = ANY ($1)`, [
      [fresh.id, old.id],
    ]);
    expect(left.map((r) => r.id)).toEqual([fresh.id]);
  });

  it('refuses bad input with a clear Italian error naming the field, queueing nothing', async () => {
    const [{ before }] = await owner.query(`SELECT count(*)::int AS before FROM export_job`);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: 'REGION_XLSX', regionCode: '99' }, 'regionCode', /codice ISTAT di regione sconosciuto/],
      [{ kind: 'REGION_XLSX', regionCode: 'Lombardia' }, 'regionCode', /codice ISTAT di regione sconosciuto/],
      [{ kind: 'REGION_XLSX' }, 'regionCode', /indicare il codice ISTAT della Regione/],
      [
        { kind: 'REGION_XLSX', regionCode: '03', consortiumId: '00000000-0000-4000-8000-000000000000' },
        'consortiumId',
        /solo regionCode/,
      ],
      [{ kind: 'MONITORING_XLSX', regionCode: '03' }, 'regionCode', /solo per i dati della Regione/],
    ];
    for (const [input, field, reason] of cases) {
      const res = await request(OBSERVER_LOMBARDIA, input);
      expect({ input, codes: errorCodes(res) }).toEqual({ input, codes: ['BAD_USER_INPUT'] });
      expect(res.errors![0].extensions).toMatchObject({ field });
      expect(res.errors![0].message).toMatch(reason);
    }
    const [{ after }] = await owner.query(`SELECT count(*)::int AS after FROM export_job`);
    expect(after).toBe(before);
  });
});
