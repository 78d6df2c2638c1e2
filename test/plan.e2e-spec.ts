import { Client } from 'pg';
import {
  AUDITOR_A,
  PORTAL_LOMBARDIA,
  PORTAL_TOSCANA,
  REFERENT_CREMA,
  REFERENT_VAIANO,
  RTD_A,
  RTD_B,
  STAFF_A,
} from './support/identities';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

/** The consortium's own Piano (issue 25): versions, schede, indicators, values, tenancy. */
describe('The consortium Piano', () => {
  let api: TestApi;
  let consortiumA: string;
  let crema: string;
  let pandino: string;
  let versionId: string;
  let interventoId: string;
  let indicatorId: string;
  let officeIndicatorId: string;

  const INTERVENTO_FIELDS = `id code title version axis horizon removedReason startPeriod endPeriod totalCost
    costs { year initial running } funding { source amount pnrrMeasure cup } effort benefitDirect
    lines { edition code text } comuni { id name } sharedObjective { id state title }
    indicators { id lineageId name kind aggregation measuredBy targets { year value } }`;

  beforeAll(async () => {
    api = await startTestApi();
    const res = await api
      .as(RTD_A)
      .graphql(`{ consortia { id comuni(first: 100) { edges { node { id name } } } } }`);
    consortiumA = res.data!.consortia[0].id;
    const comuni = res.data!.consortia[0].comuni.edges.map((e: any) => e.node);
    crema = comuni.find((c: any) => c.name === 'Crema').id;
    pandino = comuni.find((c: any) => c.name === 'Pandino').id;
  });
  afterAll(() => api.close());

  const gql = (who: string, query: string, variables?: Record<string, unknown>) =>
    api.as(who).graphql(query, variables);

  const createIntervento = (who: string, input: Record<string, unknown>, version = versionId) =>
    gql(
      who,
      `mutation($v: ID!, $input: InterventoInput!) { createPianoIntervento(versionId: $v, input: $input) { ${INTERVENTO_FIELDS} } }`,
      { v: version, input },
    );

  const updateIntervento = (who: string, id: string, input: Record<string, unknown>) =>
    gql(
      who,
      `mutation($id: ID!, $input: InterventoInput!) { updatePianoIntervento(id: $id, input: $input) { id title version } }`,
      { id, input },
    );

  const record = (who: string, input: Record<string, unknown>) =>
    gql(
      who,
      `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id period value comuneId comuneName } }`,
      { input },
    );

  it('the RTD office starts a draft and writes a scheda with its lines, costs, funding and indicators', async () => {
    const created = await gql(
      RTD_A,
      `mutation($input: CreatePianoVersionInput!) { createPianoVersion(input: $input) { id state number year title canEdit } }`,
      { input: { consortiumId: consortiumA, year: 2026 } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createPianoVersion).toMatchObject({
      state: 'DRAFT',
      year: 2026,
      title: 'Piano triennale per la transizione al digitale 2026',
      canEdit: true,
    });
    versionId = created.data!.createPianoVersion.id;

    const again = await gql(
      STAFF_A,
      `mutation($input: CreatePianoVersionInput!) { createPianoVersion(input: $input) { id } }`,
      { input: { consortiumId: consortiumA, year: 2026 } },
    );
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const scheda = await createIntervento(STAFF_A, {
      code: 'SA-01',
      title: 'Sportello telematico unico associato',
      owner: 'Ufficio associato RTD',
      beneficiaries: 'Cittadini e imprese dei Comuni aderenti',
      problem: 'Istanze ancora cartacee',
      axis: 'NUOVI_SERVIZI',
      horizon: 'SHORT_TERM',
      effort: 'MEDIO',
      benefitDirect: 'ALTO',
      startPeriod: '2026-s1',
      endPeriod: '2027-S2',
      costs: [
        { year: 2026, initial: 20000, running: 3000 },
        { year: 2027, initial: 0, running: 3000 },
      ],
      funding: [{ source: 'PNRR', amount: 15000, pnrrMeasure: '1.4.1', cup: 'J51B21005280006' }],
      comuneIds: [crema, pandino],
      lines: [{ edition: '2022-2024', code: 'CAP1.PA.LA19' }],
    });
    expect(scheda.errors).toBeUndefined();
    const row = scheda.data!.createPianoIntervento;
    expect(row).toMatchObject({
      code: 'SA-01',
      startPeriod: '2026-S1',
      totalCost: 26000,
      funding: [{ source: 'PNRR', pnrrMeasure: '1.4.1', cup: 'J51B21005280006' }],
      lines: [{ edition: '2022-2024', code: 'CAP1.PA.LA19' }],
      sharedObjective: null,
    });
    expect(row.lines[0].text).toEqual(expect.any(String));
    expect(row.comuni.map((c: any) => c.name).sort()).toEqual(['Crema', 'Pandino']);
    interventoId = row.id;

    const indicator = await gql(
      RTD_A,
      `mutation($id: ID!, $input: IndicatorInput!) { createPianoIndicator(interventoId: $id, input: $input) {
        id name kind aggregation measuredBy frequency targets { year value } } }`,
      {
        id: interventoId,
        input: {
          name: 'Comuni con lo sportello attivo',
          kind: 'YES_NO',
          measuredBy: 'COMUNE',
          source: 'Rilevazione presso i Comuni',
          targets: [{ year: 2026, value: 50 }],
        },
      },
    );
    expect(indicator.errors).toBeUndefined();
    expect(indicator.data!.createPianoIndicator).toMatchObject({
      aggregation: 'SHARE_YES',
      frequency: 'SEMIANNUAL',
      measuredBy: 'COMUNE',
    });
    indicatorId = indicator.data!.createPianoIndicator.id;

    const office = await gql(
      RTD_A,
      `mutation($id: ID!, $input: IndicatorInput!) { createPianoIndicator(interventoId: $id, input: $input) { id aggregation } }`,
      {
        id: interventoId,
        input: {
          name: 'Pratiche presentate online',
          kind: 'NUMBER',
          unit: 'pratiche',
          targets: [{ year: 2026, value: 100 }],
        },
      },
    );
    expect(office.data!.createPianoIndicator.aggregation).toBe('SUM');
    officeIndicatorId = office.data!.createPianoIndicator.id;
  });

  it('refuses bad input with the field named, in Italian', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { code: 'X1', title: 'T', axis: 'GOVERNANCE', horizon: 'REMOVED' },
        'removedReason',
        /motivo dello stralcio/,
      ],
      [
        { code: 'X1', title: 'T', axis: 'GOVERNANCE', horizon: 'PROGRAMMED', startPeriod: '2026-03' },
        'startPeriod',
        /semestre/,
      ],
      [
        {
          code: 'X1',
          title: 'T',
          axis: 'GOVERNANCE',
          horizon: 'PROGRAMMED',
          startPeriod: '2027-S1',
          endPeriod: '2026-S2',
        },
        'endPeriod',
        /precede/,
      ],
      [{ code: 'X1', title: '', axis: 'GOVERNANCE', horizon: 'PROGRAMMED' }, 'title', /obbligatorio/],
      [{ code: 'SA-01', title: 'T', axis: 'GOVERNANCE', horizon: 'PROGRAMMED' }, 'code', /già/],
      [
        {
          code: 'X1',
          title: 'T',
          axis: 'GOVERNANCE',
          horizon: 'PROGRAMMED',
          funding: [{ source: 'PNRR', cup: 'ABC' }],
        },
        'funding[0].cup',
        /CUP/,
      ],
      [
        {
          code: 'X1',
          title: 'T',
          axis: 'GOVERNANCE',
          horizon: 'PROGRAMMED',
          lines: [{ edition: '2022-2024', code: 'CAP9.XX' }],
        },
        'lines',
        /non è nell'edizione/,
      ],
      [
        {
          code: 'X1',
          title: 'T',
          axis: 'GOVERNANCE',
          horizon: 'PROGRAMMED',
          costs: [{ year: 2026, initial: -5 }],
        },
        'costs[0].initial',
        /importo/,
      ],
    ];
    for (const [input, field, message] of cases) {
      const res = await createIntervento(RTD_A, input);
      expect({ field, codes: errorCodes(res) }).toEqual({ field, codes: ['BAD_USER_INPUT'] });
      expect(res.errors![0].message).toMatch(message);
      expect(res.errors![0].message).toContain(`"${field}"`);
    }
    const badValue = await record(RTD_A, { indicatorId, period: '2026-S1', value: 3, comuneId: crema });
    expect(errorCodes(badValue)).toEqual(['BAD_USER_INPUT']);
    expect(badValue.errors![0].message).toMatch(/sì\/no/);
    const badPeriod = await record(RTD_A, { indicatorId, period: '2026', value: 1, comuneId: crema });
    expect(badPeriod.errors![0].message).toMatch(/"period".*2026-S1/);
    const noComune = await record(RTD_A, { indicatorId, period: '2026-S1', value: 1 });
    expect(badPeriod.errors![0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(noComune.errors![0].message).toMatch(/"comuneId"/);
  });

  it('an auditor reads every version and changes nothing', async () => {
    const versions = await gql(
      AUDITOR_A,
      `query($c: ID!) { pianoVersions(consortiumId: $c) { id state canEdit } }`,
      {
        c: consortiumA,
      },
    );
    expect(versions.data!.pianoVersions).toContainEqual({ id: versionId, state: 'DRAFT', canEdit: false });
    expect(errorCodes(await updateIntervento(AUDITOR_A, interventoId, { title: 'Cambiato' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      errorCodes(
        await createIntervento(AUDITOR_A, {
          code: 'Z',
          title: 'Z',
          axis: 'GOVERNANCE',
          horizon: 'PROGRAMMED',
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await gql(
          AUDITOR_A,
          `mutation($id: ID!) { approvePianoVersion(id: $id, input: { approvedOn: "2026-03-01", approvalAct: "verbale" }) { id } }`,
          {
            id: versionId,
          },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(await record(AUDITOR_A, { indicatorId: officeIndicatorId, period: '2026-S1', value: 4 })),
    ).toEqual(['FORBIDDEN']);
  });

  it('another consortium, the comuni and the region see nothing of a draft', async () => {
    for (const who of [RTD_B, REFERENT_VAIANO, REFERENT_CREMA, PORTAL_LOMBARDIA, PORTAL_TOSCANA]) {
      const versions = await gql(
        who,
        `query($c: ID!) { pianoVersions(consortiumId: $c) { id } piano(consortiumId: $c) { id } }`,
        {
          c: consortiumA,
        },
      );
      expect({ who, data: versions.data }).toEqual({ who, data: { pianoVersions: [], piano: null } });
      const one = await gql(who, `query($id: ID!) { pianoIntervento(id: $id) { id } }`, { id: interventoId });
      expect({ who, codes: errorCodes(one) }).toEqual({ who, codes: ['NOT_FOUND'] });
    }
    expect(errorCodes(await updateIntervento(RTD_B, interventoId, { title: 'Preso' }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(
      errorCodes(
        await createIntervento(RTD_B, { code: 'B', title: 'B', axis: 'GOVERNANCE', horizon: 'PROGRAMMED' }),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('approval freezes the version: no change through the API, nor in the database', async () => {
    const approve = `mutation($id: ID!, $d: Date!, $act: String!) {
      approvePianoVersion(id: $id, input: { approvedOn: $d, approvalAct: $act }) { id } }`;
    const badDate = await gql(RTD_A, approve, {
      id: versionId,
      d: '2026-02-30',
      act: 'Conferenza dei Sindaci',
    });
    expect(errorCodes(badDate)).toEqual(['BAD_USER_INPUT']);
    expect(badDate.errors![0].message).toMatch(/Data inesistente/);
    const noAct = await gql(RTD_A, approve, { id: versionId, d: '2026-03-12', act: ' ' });
    expect(errorCodes(noAct)).toEqual(['BAD_USER_INPUT']);
    expect(noAct.errors![0].message).toMatch(/"approvalAct".*Conferenza dei Sindaci/);
    const approved = await gql(
      RTD_A,
      `mutation($id: ID!) { approvePianoVersion(id: $id, input: { approvedOn: "2026-03-12", approvalAct: "Conferenza dei Sindaci, verbale n. 3" }) {
        state approvedOn approvalAct canEdit } }`,
      { id: versionId },
    );
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approvePianoVersion).toEqual({
      state: 'APPROVED',
      approvedOn: '2026-03-12',
      approvalAct: 'Conferenza dei Sindaci, verbale n. 3',
      canEdit: false,
    });

    const changed = await updateIntervento(RTD_A, interventoId, { title: 'Dopo l’approvazione' });
    expect(errorCodes(changed)).toEqual(['CONFLICT']);
    expect(changed.errors![0].message).toMatch(/già approvata/);
    expect(
      errorCodes(
        await createIntervento(RTD_A, { code: 'N', title: 'N', axis: 'GOVERNANCE', horizon: 'PROGRAMMED' }),
      ),
    ).toEqual(['CONFLICT']);
    expect(
      errorCodes(
        await gql(RTD_A, `mutation($id: ID!) { deletePianoIndicator(id: $id) }`, { id: indicatorId }),
      ),
    ).toEqual(['CONFLICT']);

    // The second wall: even the owner role cannot rewrite an approved scheda or version.
    const owner = new Client({ connectionString: api.db.config.databaseOwnerUrl });
    await owner.connect();
    try {
      await expect(
        owner.query(`UPDATE piano_intervento SET title = 'x' WHERE id = $1`, [interventoId]),
      ).rejects.toThrow(/not a draft/);
      await expect(
        owner.query(`UPDATE piano_version SET title = 'x' WHERE id = $1`, [versionId]),
      ).rejects.toThrow(/not a draft/);
      await expect(
        owner.query(`UPDATE piano_version SET state = 'DRAFT' WHERE id = $1`, [versionId]),
      ).rejects.toThrow(/cannot move/);
      await expect(owner.query(`DELETE FROM piano_indicator WHERE id = $1`, [indicatorId])).rejects.toThrow(
        /not a draft/,
      );
    } finally {
      await owner.end();
    }
  });

  it('member comuni read the approved Piano; the region only once it is published', async () => {
    const referent = await gql(
      REFERENT_CREMA,
      `query($c: ID!) { piano(consortiumId: $c) { id state interventi { code } } }`,
      {
        c: consortiumA,
      },
    );
    expect(referent.data!.piano).toMatchObject({
      id: versionId,
      state: 'APPROVED',
      interventi: [{ code: 'SA-01' }],
    });
    const before = await gql(PORTAL_LOMBARDIA, `query($c: ID!) { piano(consortiumId: $c) { id } }`, {
      c: consortiumA,
    });
    expect(before.data!.piano).toBeNull();

    const published = await gql(
      RTD_A,
      `mutation($id: ID!) { publishPianoVersion(id: $id) { state publishedAt } }`,
      {
        id: versionId,
      },
    );
    expect(published.data!.publishPianoVersion.state).toBe('PUBLISHED');

    const after = await gql(
      PORTAL_LOMBARDIA,
      `query($c: ID!) { piano(consortiumId: $c) { id interventi { code title } } }`,
      {
        c: consortiumA,
      },
    );
    expect(after.data!.piano).toMatchObject({ id: versionId, interventi: [{ code: 'SA-01' }] });
    const tuscany = await gql(PORTAL_TOSCANA, `query($c: ID!) { piano(consortiumId: $c) { id } }`, {
      c: consortiumA,
    });
    expect(tuscany.data!.piano).toBeNull();
    const otherOffice = await gql(RTD_B, `query($c: ID!) { piano(consortiumId: $c) { id } }`, {
      c: consortiumA,
    });
    expect(otherOffice.data!.piano).toBeNull();
  });

  it('values: the referent for its comune, the office for any; history kept; aggregated against the target', async () => {
    const mine = await record(REFERENT_CREMA, { indicatorId, period: '2026-S1', value: 0, comuneId: crema });
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.recordIndicatorValue).toMatchObject({
      period: '2026-S1',
      value: 0,
      comuneName: 'Crema',
    });
    const corrected = await record(REFERENT_CREMA, {
      indicatorId,
      period: '2026-S1',
      value: 1,
      comuneId: crema,
    });
    expect(corrected.errors).toBeUndefined();
    const notMine = await record(REFERENT_CREMA, {
      indicatorId,
      period: '2026-S1',
      value: 1,
      comuneId: pandino,
    });
    expect(errorCodes(notMine)[0]).toMatch(/FORBIDDEN|NOT_FOUND/);
    const officeForPandino = await record(STAFF_A, {
      indicatorId,
      period: '2026-S1',
      value: 0,
      comuneId: pandino,
    });
    expect(officeForPandino.errors).toBeUndefined();
    expect(
      errorCodes(
        await record(REFERENT_CREMA, { indicatorId: officeIndicatorId, period: '2026-S1', value: 3 }),
      )[0],
    ).toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(
      (await record(RTD_A, { indicatorId: officeIndicatorId, period: '2026-S1', value: 40 })).errors,
    ).toBeUndefined();
    expect(
      (await record(RTD_A, { indicatorId: officeIndicatorId, period: '2026-S2', value: 120 })).errors,
    ).toBeUndefined();

    const read = await gql(
      RTD_A,
      `query($id: ID!) { pianoIndicator(id: $id) { periods { period value count target onTarget }
        values { period value comuneName } history: values(history: true) { value comuneName } } }`,
      { id: indicatorId },
    );
    expect(read.data!.pianoIndicator.periods).toEqual([
      { period: '2026-S1', value: 50, count: 2, target: 50, onTarget: true },
    ]);
    expect(read.data!.pianoIndicator.values).toHaveLength(2);
    expect(
      read.data!.pianoIndicator.history.filter((v: any) => v.comuneName === 'Crema').map((v: any) => v.value),
    ).toEqual([1, 0]);
    const office = await gql(
      RTD_A,
      `query($id: ID!) { pianoIndicator(id: $id) { periods { period value onTarget } } }`,
      {
        id: officeIndicatorId,
      },
    );
    expect(office.data!.pianoIndicator.periods).toEqual([
      { period: '2026-S1', value: 40, onTarget: false },
      { period: '2026-S2', value: 120, onTarget: true },
    ]);
    // The referent reads its comune's values only.
    const referentView = await gql(
      REFERENT_CREMA,
      `query($id: ID!) { pianoIndicator(id: $id) { values { comuneName value } } }`,
      {
        id: indicatorId,
      },
    );
    expect(referentView.data!.pianoIndicator.values).toEqual([{ comuneName: 'Crema', value: 1 }]);
  });

  it('creates the shared objective from an approved scheda and keeps the link', async () => {
    const created = await gql(
      RTD_A,
      `mutation($id: ID!) { createObjectiveFromIntervento(interventoId: $id, dueDate: "2027-06-30") { id state edition lines { code } } }`,
      { id: interventoId },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createObjectiveFromIntervento).toMatchObject({
      state: 'DRAFT',
      edition: '2022-2024',
      lines: [{ code: 'CAP1.PA.LA19' }],
    });
    const objectiveId = created.data!.createObjectiveFromIntervento.id;
    const scheda = await gql(
      RTD_A,
      `query($id: ID!) { pianoIntervento(id: $id) { sharedObjective { id } } }`,
      {
        id: interventoId,
      },
    );
    expect(scheda.data!.pianoIntervento.sharedObjective).toEqual({ id: objectiveId });
    const twice = await gql(
      RTD_A,
      `mutation($id: ID!) { createObjectiveFromIntervento(interventoId: $id) { id } }`,
      {
        id: interventoId,
      },
    );
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
    const auditor = await gql(
      AUDITOR_A,
      `mutation($id: ID!) { createObjectiveFromIntervento(interventoId: $id) { id } }`,
      {
        id: interventoId,
      },
    );
    expect(errorCodes(auditor)).toEqual(['FORBIDDEN']);
  });

  it('the yearly update is a new draft copied from the last; the approved one stays readable as it was', async () => {
    const created = await gql(
      RTD_A,
      `mutation($input: CreatePianoVersionInput!) { createPianoVersion(input: $input) { id number state copiedFromId
        interventi { id code title indicators { lineageId periods { period value } } } } }`,
      { input: { consortiumId: consortiumA, year: 2027 } },
    );
    expect(created.errors).toBeUndefined();
    const next = created.data!.createPianoVersion;
    expect(next).toMatchObject({ state: 'DRAFT', copiedFromId: versionId, interventi: [{ code: 'SA-01' }] });
    const copied = next.interventi[0];
    expect(copied.id).not.toBe(interventoId);
    // Values belong to the indicator across versions.
    expect(copied.indicators.find((x: any) => x.periods.length === 1).periods).toEqual([
      { period: '2026-S1', value: 50 },
    ]);
    expect(
      (await updateIntervento(RTD_A, copied.id, { title: 'Sportello telematico, seconda fase' })).errors,
    ).toBeUndefined();
    const old = await gql(RTD_A, `query($id: ID!) { pianoVersion(id: $id) { state interventi { title } } }`, {
      id: versionId,
    });
    expect(old.data!.pianoVersion).toEqual({
      state: 'PUBLISHED',
      interventi: [{ title: 'Sportello telematico unico associato' }],
    });
    const coverage = await gql(
      RTD_A,
      `query($id: ID!) { pianoVersion(id: $id) { coverage(edition: "2022-2024") { totalLines coveredCount
        lines { code interventoCodes } } } }`,
      { id: next.id },
    );
    const cov = coverage.data!.pianoVersion.coverage;
    expect(cov.coveredCount).toBe(1);
    expect(cov.totalLines).toBeGreaterThan(10);
    expect(cov.lines.find((l: any) => l.code === 'CAP1.PA.LA19').interventoCodes).toEqual(['SA-01']);
  });

  it('writes each change in the audit log', async () => {
    const log = await gql(
      RTD_A,
      `query($c: ID!) { auditLog(consortiumId: $c, first: 100) { edges { node { action } } } }`,
      {
        c: consortiumA,
      },
    );
    expect(log.errors).toBeUndefined();
    const actions = log.data!.auditLog.edges.map((e: any) => e.node.action);
    for (const action of [
      'piano.version.create',
      'piano.intervento.create',
      'piano.indicator.create',
      'piano.version.approve',
      'piano.version.publish',
      'piano.indicator.value',
      'piano.intervento.objective',
    ]) {
      expect(actions).toContain(action);
    }
  });
});
