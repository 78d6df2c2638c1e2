import { ADMIN, AUDITOR_A, REFERENT_CREMA, RTD_A, RTD_B, STAFF_A } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

const PREVIEW = `query($c: ID!, $t: TargetInput!, $lines: [String!], $e: String) {
  targetPreview(consortiumId: $c, target: $t, lineCodes: $lines, edition: $e) { count comuni { name istatCode population } } }`;

describe('Objective editor (issue 11)', () => {
  let api: TestApi;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await api.close();
  });

  const preview = (who: string, variables: Record<string, unknown>) =>
    api.as(who).graphql(PREVIEW, { c: ids.consortiumA, ...variables });

  describe('targetPreview', () => {
    it('reaches exactly Crema and Romano di Lombardia with CAP1.PA.LA19 (over 15,000 inhabitants, ISTAT 2021)', async () => {
      for (const who of [RTD_A, STAFF_A]) {
        const result = ok(
          await preview(who, { t: { all: true }, lines: ['CAP1.PA.LA19'], e: '2022-2024' }),
          'targetPreview',
        );
        expect(result).toEqual({
          count: 2,
          comuni: [
            { name: 'Crema', istatCode: '019035', population: 34242 },
            { name: 'Romano di Lombardia', istatCode: '016183', population: 20317 },
          ],
        });
      }
    });

    it('agrees with what a created objective would target, for assorted targets', async () => {
      const targets: [Record<string, unknown>, string[], number | null][] = [
        [{ all: true }, ['CAP1.PA.LA20'], 42],
        [{ all: true }, [], 42],
        [{ provinceCodes: ['016', '098'] }, ['CAP1.PA.LA20'], 2],
        [{ comuneIds: [ids.crema, ids.pandino], minPopulation: 10000 }, ['CAP6.PA.LA06'], 1],
        [{ all: true, maxPopulation: 1000 }, ['CAP1.PA.LA20'], null],
        [{ comuneIds: [ids.pandino] }, ['CAP1.PA.LA19'], 0],
      ];
      for (const [target, lineCodes, expected] of targets) {
        const result = ok(
          await preview(RTD_A, { t: target, lines: lineCodes, e: '2022-2024' }),
          'targetPreview',
        );
        const names = result.comuni.map((c: any) => c.name);
        expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'it')));
        expect(result.count).toBe(result.comuni.length);
        if (expected !== null) expect({ target, count: result.count }).toEqual({ target, count: expected });
        if (lineCodes.length === 0) continue;
        const created = ok(
          await api
            .as(RTD_A)
            .graphql(
              `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { targetedCount } }`,
              {
                input: {
                  consortiumId: ids.consortiumA,
                  title: 'Anteprima',
                  edition: '2022-2024',
                  lineCodes,
                  target,
                },
              },
            ),
          'createSharedObjective',
        );
        expect({ target, count: result.count }).toEqual({ target, count: created.targetedCount });
      }
    });

    it('answers bad input with BAD_USER_INPUT naming the field', async () => {
      for (const [variables, field] of [
        [{ t: { all: true }, lines: ['CAP1.PA.LA19'] }, 'edition'],
        [{ t: { all: true }, lines: ['CAP1.PA.LA19'], e: '1999-2001' }, 'edition'],
        [{ t: { all: true }, e: '1999-2001' }, 'edition'],
        [{ t: { all: true }, lines: ['CAP9.PA.LA99'], e: '2022-2024' }, 'lineCodes'],
        [{ t: {} }, 'target'],
        [{ t: { comuneIds: [ids.vaiano] } }, 'target.comuneIds'],
        [{ t: { all: true, minPopulation: -1 } }, 'target.minPopulation'],
        [{ t: { all: true }, c: 'A' }, 'consortiumId'],
      ] as const) {
        const res = await preview(RTD_A, variables);
        expect({ field, codes: errorCodes(res) }).toEqual({ field, codes: ['BAD_USER_INPUT'] });
        expect(res.errors![0].extensions?.field).toBe(field);
      }
    });

    it('is for who may create objectives in the consortium only', async () => {
      for (const who of [AUDITOR_A, REFERENT_CREMA, ADMIN]) {
        const res = await preview(who, { t: { all: true } });
        expect({ who, codes: errorCodes(res) }).toEqual({ who, codes: ['FORBIDDEN'] });
        expect(res.data).toBeNull();
      }
      expect(errorCodes(await preview(RTD_B, { t: { all: true } }))).toEqual(['NOT_FOUND']);
      const own = ok(
        await api.as(RTD_B).graphql(PREVIEW, { c: ids.consortiumB, t: { all: true } }),
        'targetPreview',
      );
      expect(own.comuni.map((c: any) => c.name)).toEqual(['Cantagallo', 'Vaiano', 'Vernio']);
    });
  });

  describe('deleteSharedObjective', () => {
    const DELETE = `mutation($id: ID!, $v: Int!) { deleteSharedObjective(id: $id, expectedVersion: $v) }`;
    const draft = async (title: string) =>
      ok(
        await api
          .as(RTD_A)
          .graphql(
            `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id version } }`,
            {
              input: {
                consortiumId: ids.consortiumA,
                title,
                edition: '2022-2024',
                lineCodes: ['CAP6.PA.LA06'],
                target: { all: true },
              },
            },
          ),
        'createSharedObjective',
      ) as { id: string; version: number };
    const read = (id: string) =>
      api.as(RTD_A).graphql(`query($id: ID!) { sharedObjective(id: $id) { id state version } }`, { id });

    it('deletes a draft never published, with its audit entry', async () => {
      const objective = await draft('Bozza da eliminare');
      const res = await api.as(RTD_A).graphql(DELETE, { id: objective.id, v: objective.version });
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ deleteSharedObjective: true });
      const gone = await read(objective.id);
      expect(errorCodes(gone)).toEqual(['NOT_FOUND']);
      const audit = ok(
        await api
          .as(RTD_A)
          .graphql(
            `query($c: ID!) { auditLog(consortiumId: $c, action: "objective.delete") { edges { node { entityId actorName detailsJson } } } }`,
            { c: ids.consortiumA },
          ),
        'auditLog',
      );
      const entry = audit.edges.map((e: any) => e.node).find((n: any) => n.entityId === objective.id);
      expect(entry).toMatchObject({ actorName: 'Giulia Ferrari' });
      expect(JSON.parse(entry.detailsJson)).toEqual({ title: 'Bozza da eliminare', version: 1 });
      // Deleting it again: it is no longer there.
      expect(errorCodes(await api.as(RTD_A).graphql(DELETE, { id: objective.id, v: 1 }))).toEqual([
        'NOT_FOUND',
      ]);
    });

    it('lets the staff delete a draft too', async () => {
      const objective = await draft('Bozza dello staff');
      expect(
        ok(await api.as(STAFF_A).graphql(DELETE, { id: objective.id, v: 1 }), 'deleteSharedObjective'),
      ).toBe(true);
    });

    it('refuses a stale version, a published and a closed objective with CONFLICT, keeping them', async () => {
      const edited = await draft('Bozza modificata');
      ok(
        await api
          .as(RTD_A)
          .graphql(
            `mutation($id: ID!) { updateSharedObjective(id: $id, expectedVersion: 1, input: { title: "Bozza rivista" }) { version } }`,
            { id: edited.id },
          ),
        'updateSharedObjective',
      );
      expect(errorCodes(await api.as(RTD_A).graphql(DELETE, { id: edited.id, v: 1 }))).toEqual(['CONFLICT']);
      expect(ok(await read(edited.id), 'sharedObjective')).toMatchObject({ state: 'DRAFT', version: 2 });

      const published = await draft('Obiettivo pubblicato');
      ok(
        await api
          .as(RTD_A)
          .graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, { id: published.id }),
        'publishSharedObjective',
      );
      const current = ok(await read(published.id), 'sharedObjective');
      expect(current.state).toBe('PUBLISHED');
      expect(
        errorCodes(await api.as(RTD_A).graphql(DELETE, { id: published.id, v: current.version })),
      ).toEqual(['CONFLICT']);

      const closed = await draft('Obiettivo chiuso');
      ok(
        await api
          .as(RTD_A)
          .graphql(`mutation($id: ID!) { closeSharedObjective(id: $id, expectedVersion: 1) { state } }`, {
            id: closed.id,
          }),
        'closeSharedObjective',
      );
      expect(errorCodes(await api.as(RTD_A).graphql(DELETE, { id: closed.id, v: 2 }))).toEqual(['CONFLICT']);
      for (const id of [published.id, closed.id]) expect(ok(await read(id), 'sharedObjective').id).toBe(id);

      const bad = await api.as(RTD_A).graphql(DELETE, { id: edited.id, v: 0 });
      expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
      expect(bad.errors![0].extensions?.field).toBe('expectedVersion');
    });

    it('refuses who may not update objectives of the consortium', async () => {
      const objective = await draft('Bozza protetta');
      for (const [who, code] of [
        [AUDITOR_A, 'FORBIDDEN'],
        [REFERENT_CREMA, 'NOT_FOUND'],
        [RTD_B, 'NOT_FOUND'],
        [ADMIN, 'NOT_FOUND'],
      ]) {
        const res = await api.as(who).graphql(DELETE, { id: objective.id, v: 1 });
        expect({ who, codes: errorCodes(res) }).toEqual({ who, codes: [code] });
        expect(res.data).toBeNull();
      }
      expect(ok(await read(objective.id), 'sharedObjective')).toMatchObject({ state: 'DRAFT', version: 1 });
    });
  });
});
