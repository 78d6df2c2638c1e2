import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedDemoObjectives } from '@rtd/demo';
import { ownerDataSource } from '@rtd/platform';
import { ADMIN, REFERENT_CREMA, RTD_A, RTD_B } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { eventually, startTestWorker } from './support/test-worker';

const PREVIEW = `query($c: ID!, $t: TargetInput!, $lines: [String!], $e: String) {
  targetPreview(consortiumId: $c, target: $t, lineCodes: $lines, edition: $e) {
    count comuni { name population populationDate }
    excluded { comune { name population } reasons }
    conditions { lineCode text } } }`;
const CREATE = `mutation($input: CreateSharedObjectiveInput!) {
  createSharedObjective(input: $input) { id version targetedCount dueDate } }`;
const LINES = `query($e: String!, $s: String) { planLines(edition: $e, search: $s, first: 5) { edges { node {
  code deadline deadlineKind minPopulation maxPopulation bodies comuniScope conditions printed dueDate
  deadlines { kind date precision words qualifier }
  corrections { find replace reason source }
  successors { kind reviewed note citation similarity line { edition code } }
  predecessors { kind line { edition code } } } } } }`;

/** The comuni of consortium A between 5,000 and 10,000 inhabitants at 1 January 2021 (popolazione-2021.csv). */
const BAND_5000_10000 = [
  ['Castelleone', 9278],
  ['Offanengo', 5874],
  ['Pandino', 8852],
  ['Pizzighettone', 6302],
  ["Rivolta d'Adda", 7919],
  ["Spino d'Adda", 6832],
];

describe('Catalogue facts: deadlines, who a line applies to, editions mapped (issue 20)', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: DataSource;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await ownerDataSource(api.config, 'catalogue-facts-test').initialize();
    await owner.transaction((db) => seedDemoObjectives(db));
    ids = await demoIds(api);
    worker = await startTestWorker(api.config);
  });
  afterAll(async () => {
    await worker?.close();
    await owner?.destroy();
    await api.close();
  });

  const line = async (edition: string, code: string) => {
    const page = ok(await api.as(RTD_A).graphql(LINES, { e: edition, s: code }), 'planLines');
    return page.edges.map((e: any) => e.node).find((l: any) => l.code === code);
  };
  const preview = async (lines: string[], edition: string, target: object = { all: true }) =>
    ok(
      await api.as(RTD_A).graphql(PREVIEW, { c: ids.consortiumA, t: target, lines, e: edition }),
      'targetPreview',
    );

  describe('deadlines as AgID writes them', () => {
    it('reads "Entro dicembre 2023" as 31 December and keeps a second deadline with its qualifier', async () => {
      expect(await line('2022-2024', 'CAP1.PA.LA19')).toMatchObject({
        deadlineKind: 'BY',
        deadline: '2023-12-31',
        dueDate: '2023-12-31',
        minPopulation: 15001,
        maxPopulation: null,
      });
      const la25 = await line('2022-2024', 'CAP1.PA.LA25');
      expect(la25.deadlines.map((d: any) => [d.date, d.words])).toEqual([
        ['2023-12-31', 'Entro dicembre 2023'],
        ['2025-12-31', 'entro Dicembre 2025'],
      ]);
      expect(la25.deadlines[1].qualifier).toMatch(
        /^Nel caso di Pubbliche Amministrazioni che rendono disponibili i dati non strutturati/,
      );
      expect((await line('2022-2024', 'CAP4.PA.LA16')).deadlines).toEqual([
        {
          kind: 'BY',
          date: '2023-02-28',
          precision: 'MONTH',
          words: 'Entro febbraio 2023',
          qualifier: '(o altro termine indicato nel Regolamento)',
        },
      ]);
      expect((await line('2022-2024', 'CAP4.PA.LA14')).printed).toMatch(
        /^Da luglio 2022 \(o altro termine indicato nel Regolamento\)/,
      );
    });

    it('corrects the seed misprint of CAP2.PA.LA07 and says what it follows', async () => {
      const la07 = await line('2022-2024', 'CAP2.PA.LA07');
      expect(la07.printed).toContain('dati non geografici alle specifiche nazionali');
      expect(la07.printed).toContain('dati.gov.it');
      expect(la07.printed).not.toContain('geodati.gov.it');
      expect(la07.corrections[0].source).toMatch(/2020-2022, CAP2\.PA\.LA07.*2024-2026, CAP5\.PA\.02/);
    });

    it('proposes the earliest deadline of the lines as the due date', async () => {
      const proposed = ok(
        await api
          .as(RTD_A)
          .graphql(
            `{ proposedDueDate(edition: "2022-2024", lineCodes: ["CAP1.PA.LA19", "CAP1.PA.LA20", "CAP1.PA.LA01"]) { code dueDate } }`,
          ),
        'proposedDueDate',
      );
      expect(proposed).toEqual({ code: 'CAP1.PA.LA20', dueDate: '2023-09-23' });
    });

    it('uses the corrected date in the demo objective on CAP1.PA.LA19', async () => {
      const page = ok(
        await api
          .as(RTD_A)
          .graphql(
            `query($c: ID!) { sharedObjectives(consortiumId: $c, first: 50) { edges { node { title dueDate } } } }`,
            { c: ids.consortiumA },
          ),
        'sharedObjectives',
      );
      const analytics = page.edges
        .map((e: any) => e.node)
        .find((o: any) => /Web Analytics Italia/.test(o.title));
      expect(analytics.dueDate).toBe('2023-12-31');
    });
  });

  describe('who a line applies to', () => {
    it('reaches with CAP5.PA.10 only the comuni between 5,000 and 10,000 inhabitants (ISTAT, 1 January 2021)', async () => {
      const result = await preview(['CAP5.PA.10'], '2024-2026');
      expect(result.comuni.map((c: any) => [c.name, c.population])).toEqual(BAND_5000_10000);
      expect(result.comuni.every((c: any) => c.populationDate === '2021-01-01')).toBe(true);
      expect(result.count).toBe(6);
      const crema = result.excluded.find((e: any) => e.comune.name === 'Crema');
      expect(crema).toEqual({
        comune: { name: 'Crema', population: 34242 },
        reasons: ['CAP5.PA.10: fuori dalla fascia 5.000-10.000 abitanti'],
      });
      expect(result.excluded).toHaveLength(42 - 6);
      expect(result.conditions).toEqual([
        { lineCode: 'CAP5.PA.10', text: 'non ancora presente nel 2024 nel catalogo dati.gov.it' },
      ]);
    });

    it.each([
      [
        'CAP3.PA.12',
        /^CAP3\.PA\.12: linea rivolta alle Regioni e Province autonome, alle Città metropolitane e ai Comuni capoluogo di Città metropolitana; il Comune non è capoluogo di Città metropolitana$/,
      ],
      ['CAP4.PA.19', /^CAP4\.PA\.19: linea rivolta alle Università e AFAM, non ai Comuni$/],
    ])('reaches no comune with %s, and says why for each', async (code, reason) => {
      const result = await preview([code], '2024-2026');
      expect(result.count).toBe(0);
      expect(result.excluded).toHaveLength(42);
      for (const excluded of result.excluded)
        expect(excluded.reasons).toEqual([expect.stringMatching(reason)]);
    });

    it('names the office’s own filters too', async () => {
      const result = await preview(['CAP5.PA.10'], '2024-2026', { provinceCodes: ['019'] });
      const rivolta = result.comuni.map((c: any) => c.name);
      expect(rivolta).not.toContain('Romano di Lombardia');
      const romano = result.excluded.find((e: any) => e.comune.name === 'Romano di Lombardia');
      expect(romano.reasons).toEqual([
        'CAP5.PA.10: fuori dalla fascia 5.000-10.000 abitanti',
        'provincia di Bergamo non scelta',
      ]);
    });

    it('refuses to publish objectives on CAP3.PA.12 or CAP4.PA.19 with the reason, and publishes CAP5.PA.10 to its six comuni', async () => {
      for (const [code, reason] of [
        ['CAP3.PA.12', /nessun Comune del consorzio è capoluogo di Città metropolitana/],
        ['CAP4.PA.19', /linea rivolta alle Università e AFAM, non ai Comuni/],
      ] as const) {
        const draft = ok(
          await api.as(RTD_A).graphql(CREATE, {
            input: {
              consortiumId: ids.consortiumA,
              title: `Prova ${code}`,
              edition: '2024-2026',
              lineCodes: [code],
              target: { all: true },
            },
          }),
          'createSharedObjective',
        );
        expect(draft.targetedCount).toBe(0);
        const res = await api
          .as(RTD_A)
          .graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: draft.id });
        expect(errorCodes(res)).toEqual(['CONFLICT']);
        expect(res.errors![0].message).toMatch(/^L'obiettivo non si pubblica ai Comuni: /);
        expect(res.errors![0].message).toMatch(reason);
        const after = ok(
          await api
            .as(RTD_A)
            .graphql(`query($id: ID!) { sharedObjective(id: $id) { state assignmentCount } }`, {
              id: draft.id,
            }),
          'sharedObjective',
        );
        expect(after).toEqual({ state: 'DRAFT', assignmentCount: 0 });
      }
      const opendata = ok(
        await api.as(RTD_A).graphql(CREATE, {
          input: {
            consortiumId: ids.consortiumA,
            title: 'Un dataset su dati.gov.it',
            edition: '2024-2026',
            lineCodes: ['CAP5.PA.10'],
            target: { all: true },
          },
        }),
        'createSharedObjective',
      );
      expect(opendata.targetedCount).toBe(6);
      // Other lines bring their own band: the target does not keep the old one.
      const moved = ok(
        await api.as(RTD_A).graphql(
          `mutation($id: ID!, $v: Int!) { updateSharedObjective(id: $id, expectedVersion: $v, input: { lineCodes: ["CAP5.PA.06"] }) {
            id version target { minPopulation maxPopulation } } }`,
          { id: opendata.id, v: opendata.version },
        ),
        'updateSharedObjective',
      );
      expect(moved.target).toEqual({ minPopulation: 10000, maxPopulation: 100000 });
      const back = ok(
        await api.as(RTD_A).graphql(
          `mutation($id: ID!, $v: Int!) { updateSharedObjective(id: $id, expectedVersion: $v, input: { lineCodes: ["CAP5.PA.10"] }) {
            targetedCount target { minPopulation maxPopulation } } }`,
          { id: moved.id, v: moved.version },
        ),
        'updateSharedObjective',
      );
      expect(back).toEqual({ targetedCount: 6, target: { minPopulation: 5000, maxPopulation: 10000 } });
      const run = ok(
        await api
          .as(RTD_A)
          .graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: opendata.id }),
        'publishSharedObjective',
      );
      const done = await eventually(
        async () =>
          ok(
            await api
              .as(RTD_A)
              .graphql(`query($id: ID!) { pushRun(id: $id) { state targeted created } }`, { id: run.id }),
            'pushRun',
          ),
        (r: any) => r.state === 'DONE',
      );
      expect(done).toMatchObject({ targeted: 6, created: 6 });
    });
  });

  describe('from one edition to the next', () => {
    it('shows what became of CAP1.PA.LA16 in 2024-2026, reviewed, and where CAP5.PA.02 comes from', async () => {
      const la16 = await line('2022-2024', 'CAP1.PA.LA16');
      expect(la16.successors.map((s: any) => [s.kind, s.line.edition, s.line.code, s.reviewed])).toEqual([
        ['SPLIT', '2024-2026', 'CAP3.PA.09', true],
        ['SPLIT', '2024-2026', 'CAP3.PA.13', true],
        ['SPLIT', '2024-2026', 'CAP3.PA.15', true],
      ]);
      expect(la16.successors[0].note).toMatch(/ogni anno/);
      const dropped = await line('2022-2024', 'CAP1.PA.LA03');
      expect(dropped.successors).toEqual([
        {
          kind: 'DROPPED',
          reviewed: true,
          note: expect.stringMatching(/Developers Italia/),
          citation: null,
          similarity: null,
          line: null,
        },
      ]);
      const cap502 = await line('2024-2026', 'CAP5.PA.02');
      expect(cap502.predecessors.map((p: any) => p.line.code).sort()).toEqual([
        'CAP2.PA.LA07',
        'CAP2.PA.LA08',
      ]);
      expect(cap502.successors[0]).toMatchObject({
        kind: 'UNCHANGED',
        line: { edition: '2024-2026-agg-2025', code: 'CAP5.PA.02' },
      });
    });

    it('carries an objective forward to the current edition: a new draft on the successor lines, the old one untouched', async () => {
      const page = ok(
        await api
          .as(RTD_A)
          .graphql(
            `query($c: ID!) { sharedObjectives(consortiumId: $c, first: 50) { edges { node { id title state version assignmentCount } } } }`,
            { c: ids.consortiumA },
          ),
        'sharedObjectives',
      );
      const old = page.edges
        .map((e: any) => e.node)
        .find((o: any) => /Dichiarazione di accessibilità/.test(o.title));
      const plan = ok(
        await api.as(RTD_A).graphql(
          `query($id: ID!) { carryForwardPreview(id: $id) { toEdition successorCount
          lines { from { code } to { code edition } droppedNote } } }`,
          { id: old.id },
        ),
        'carryForwardPreview',
      );
      expect(plan).toEqual({
        toEdition: '2024-2026-agg-2025',
        successorCount: 2,
        lines: [
          {
            from: { code: 'CAP1.PA.LA20' },
            to: [
              { code: 'CAP3.PA.14', edition: '2024-2026-agg-2025' },
              { code: 'CAP3.PA.16', edition: '2024-2026-agg-2025' },
            ],
            droppedNote: null,
          },
        ],
      });
      const draft = ok(
        await api.as(RTD_A).graphql(
          `mutation($id: ID!) { carryForwardSharedObjective(id: $id) {
          id title state edition dueDate lines { code } carriedFrom { id } target { all } } }`,
          { id: old.id },
        ),
        'carryForwardSharedObjective',
      );
      expect(draft).toMatchObject({
        title: old.title,
        state: 'DRAFT',
        edition: '2024-2026-agg-2025',
        dueDate: '2025-09-23',
        lines: [{ code: 'CAP3.PA.14' }, { code: 'CAP3.PA.16' }],
        carriedFrom: { id: old.id },
        target: { all: true },
      });
      const after = ok(
        await api
          .as(RTD_A)
          .graphql(
            `query($id: ID!) { sharedObjective(id: $id) { state version assignmentCount carriedTo { id } } }`,
            { id: old.id },
          ),
        'sharedObjective',
      );
      expect(after).toEqual({
        state: old.state,
        version: old.version,
        assignmentCount: old.assignmentCount,
        carriedTo: [{ id: draft.id }],
      });
      const audit = ok(
        await api
          .as(RTD_A)
          .graphql(
            `query($c: ID!) { auditLog(consortiumId: $c, first: 20) { edges { node { action entityId } } } }`,
            { c: ids.consortiumA },
          ),
        'auditLog',
      );
      const actions = audit.edges.map((e: any) => e.node);
      expect(actions).toEqual(
        expect.arrayContaining([
          { action: 'objective.carryForward', entityId: draft.id },
          { action: 'objective.carriedForward', entityId: old.id },
        ]),
      );
    });

    it('carries to an edition named, and refuses what cannot be carried, with a clear reason', async () => {
      const page = ok(
        await api
          .as(RTD_A)
          .graphql(
            `query($c: ID!) { sharedObjectives(consortiumId: $c, first: 50) { edges { node { id title edition } } } }`,
            { c: ids.consortiumA },
          ),
        'sharedObjectives',
      );
      const nodes = page.edges.map((e: any) => e.node);
      const old = nodes.find(
        (o: any) => /Dichiarazione di accessibilità/.test(o.title) && o.edition === '2022-2024',
      );
      const to2024 = ok(
        await api
          .as(RTD_A)
          .graphql(
            `query($id: ID!) { carryForwardPreview(id: $id, toEdition: "2024-2026") { lines { to { code } } } }`,
            { id: old.id },
          ),
        'carryForwardPreview',
      );
      expect(to2024.lines[0].to.map((l: any) => l.code)).toEqual(['CAP3.PA.11', 'CAP3.PA.14', 'CAP3.PA.16']);
      const current = nodes.find((o: any) => o.edition === '2024-2026-agg-2025');
      const again = await api
        .as(RTD_A)
        .graphql(`mutation($id: ID!) { carryForwardSharedObjective(id: $id) { id } }`, { id: current.id });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect(again.errors![0].message).toMatch(/già sull'edizione 2024-2026-agg-2025/);
      const unknown = await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!) { carryForwardSharedObjective(id: $id, toEdition: "1999-2001") { id } }`,
          { id: old.id },
        );
      expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
      expect(unknown.errors![0].extensions?.field).toBe('toEdition');
      for (const [who, code] of [
        [REFERENT_CREMA, 'FORBIDDEN'],
        [RTD_B, 'NOT_FOUND'],
        [ADMIN, 'NOT_FOUND'],
      ]) {
        const res = await api
          .as(who)
          .graphql(`mutation($id: ID!) { carryForwardSharedObjective(id: $id) { id } }`, { id: old.id });
        expect({ who, codes: errorCodes(res) }).toEqual({ who, codes: [code] });
      }
    });
  });
});
