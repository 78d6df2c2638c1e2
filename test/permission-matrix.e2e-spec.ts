import { INestApplicationContext } from '@nestjs/common';
import { fiscalCodeCheckCharacter } from '@rtd/identity';
import {
  ADMIN,
  AUDITOR_A,
  DELEGATE_CREMA,
  NO_ROLE,
  PORTAL_LOMBARDIA,
  PORTAL_TOSCANA,
  REFERENT_CREMA,
  REFERENT_PANDINO,
  RTD_A,
  RTD_B,
  STAFF_A,
  VIEWER_CREMA,
} from './support/identities';
import { assignmentOf, cremaAssignment, DemoIds, demoIds, ok, publishedObjective } from './support/scenario';
import { errorCodes, GraphqlResponse, startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

/** One person or client per role of demo-identities.md, in the matrix's column order. */
const ROLES = {
  PLATFORM_ADMIN: ADMIN,
  CONSORTIUM_RTD: RTD_A,
  CONSORTIUM_STAFF: STAFF_A,
  AUDITOR: AUDITOR_A,
  COMUNE_REFERENT: REFERENT_CREMA,
  COMUNE_DELEGATE: DELEGATE_CREMA,
  COMUNE_VIEWER: VIEWER_CREMA,
  REGIONAL_OBSERVER: PORTAL_LOMBARDIA,
} as const;
type Role = keyof typeof ROLES;
const ALL = Object.keys(ROLES) as Role[];

/** A fiscal code nobody holds yet, with its check character right. */
let serial = 0;
function newFiscalCode(): string {
  const first15 = `PRVTST80A01H${(501 + serial++).toString().padStart(3, '0')}`;
  return first15 + fiscalCodeCheckCharacter(first15);
}

interface Cell {
  /** Runs the action as `who` (the role's person or client) and returns each response it made. */
  run(who: string, role: Role): Promise<GraphqlResponse[]>;
  allowed: Role[];
}

describe('Permission matrix of demo-identities.md', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let ids: DemoIds;
  /** Published to Crema only; its Crema assignment is delegated to Paolo Conti. */
  let delegated: { objectiveId: string; id: string };
  /** Published to every member of consortium A; nothing delegated. */
  let everyone: string;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
    delegated = await cremaAssignment(api, ids, 'IN_PROGRESS', { delegated: true });
    everyone = await publishedObjective(api, { consortiumId: ids.consortiumA, title: 'Per tutti' });
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await api.close();
  });

  const as = (who: string) => api.as(who);
  const draft = async () =>
    ok(
      await as(RTD_A).graphql(
        `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id version } }`,
        {
          input: {
            consortiumId: ids.consortiumA,
            title: 'Bozza',
            edition: '2022-2024',
            lineCodes: ['CAP6.PA.LA06'],
            target: { comuneIds: [ids.crema] },
          },
        },
      ),
      'createSharedObjective',
    );
  const grantAs = (who: string, input: Record<string, unknown>) =>
    as(who).graphql(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { id role } }`, { input });
  const revokeAs = (who: string, membershipId: string) =>
    as(who).graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: membershipId });

  const MATRIX: Record<string, Cell> = {
    'read the plan catalogue': {
      allowed: ALL,
      run: async (who) => [
        await as(who).graphql(`{ planLines(edition: "2022-2024", first: 1) { totalCount } }`),
      ],
    },
    'create a consortium': {
      allowed: ['PLATFORM_ADMIN'],
      run: async (who) => [
        await as(who).graphql(
          `mutation { createConsortium(input: { name: "Unione dei Comuni di prova", comuneIstatCodes: ["015146"] }) { id } }`,
        ),
      ],
    },
    'read a consortium and its member list': {
      allowed: ALL,
      run: async (who) => [
        await as(who).graphql(
          `query($id: ID!) { consortium(id: $id) { name comuni(first: 5) { totalCount } } }`,
          {
            id: ids.consortiumA,
          },
        ),
      ],
    },
    'create objectives': {
      allowed: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'],
      run: async (who) => [
        await as(who).graphql(
          `mutation($input: CreateSharedObjectiveInput!) { createSharedObjective(input: $input) { id } }`,
          {
            input: {
              consortiumId: ids.consortiumA,
              title: 'Nuovo',
              edition: '2022-2024',
              lineCodes: ['CAP6.PA.LA06'],
              target: { all: true },
            },
          },
        ),
      ],
    },
    'update, publish, close objectives': {
      allowed: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'],
      run: async (who) => {
        const [a, b] = [await draft(), await draft()];
        return [
          await as(who).graphql(
            `mutation($id: ID!) { updateSharedObjective(id: $id, expectedVersion: 1, input: { title: "Nuovo titolo" }) { id } }`,
            { id: a.id },
          ),
          await as(who).graphql(`mutation($id: ID!) { publishSharedObjective(id: $id) { id } }`, {
            id: a.id,
          }),
          await as(who).graphql(
            `mutation($id: ID!) { closeSharedObjective(id: $id, expectedVersion: 1) { id } }`,
            {
              id: b.id,
            },
          ),
        ];
      },
    },
    'read objectives': {
      allowed: [
        'CONSORTIUM_RTD',
        'CONSORTIUM_STAFF',
        'AUDITOR',
        'COMUNE_REFERENT',
        'COMUNE_DELEGATE',
        'COMUNE_VIEWER',
      ],
      run: async (who) => [
        await as(who).graphql(`query($id: ID!) { sharedObjective(id: $id) { title lines { code } } }`, {
          id: delegated.objectiveId,
        }),
      ],
    },
    'read assignments, evidence, history': {
      allowed: [
        'CONSORTIUM_RTD',
        'CONSORTIUM_STAFF',
        'AUDITOR',
        'COMUNE_REFERENT',
        'COMUNE_DELEGATE',
        'COMUNE_VIEWER',
      ],
      run: async (who) => [
        await as(who).graphql(
          `query($id: ID!) { assignment(id: $id) { status evidence { id } history { to actor { displayName } } } }`,
          { id: delegated.id },
        ),
      ],
    },
    'update, submit, add evidence': {
      allowed: ['COMUNE_REFERENT', 'COMUNE_DELEGATE'],
      run: async (who) => {
        const target = await cremaAssignment(api, ids, 'IN_PROGRESS', { delegated: true });
        const update = await as(who).graphql(
          `mutation($id: ID!, $v: Int!) { updateAssignment(id: $id, expectedVersion: $v, input: { progress: 60, issues: "Attesa fornitore" }) { id version } }`,
          { id: target.id, v: target.version },
        );
        const evidence = await as(who).graphql(
          `mutation($id: ID!) { addEvidence(assignmentId: $id, kind: URL, url: "https://www.comune.crema.cr.it/accessibilita", description: "Dichiarazione pubblicata") { id } }`,
          { id: target.id },
        );
        const version = update.data?.updateAssignment?.version ?? target.version;
        const submit = await as(who).graphql(
          `mutation($id: ID!, $v: Int!) { submitAssignment(id: $id, expectedVersion: $v) { id } }`,
          { id: target.id, v: version },
        );
        return [update, evidence, submit];
      },
    },
    'delegate an assignment': {
      allowed: ['COMUNE_REFERENT'],
      run: async (who) => {
        const target = await cremaAssignment(api, ids, 'NOT_STARTED', { delegated: who === DELEGATE_CREMA });
        return [
          await as(who).graphql(
            `mutation($id: ID!, $fc: String) { delegateAssignment(id: $id, fiscalCode: $fc) { id } }`,
            {
              id: target.id,
              fc: DELEGATE_CREMA,
            },
          ),
        ];
      },
    },
    'review, mark not applicable': {
      allowed: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'],
      run: async (who) => {
        const target = await cremaAssignment(api, ids, 'SUBMITTED', { delegated: who === DELEGATE_CREMA });
        const review = await as(who).graphql(
          `mutation($id: ID!, $v: Int!) { reviewAssignment(id: $id, expectedVersion: $v, decision: REJECT, reason: "Manca il link") { id version } }`,
          { id: target.id, v: target.version },
        );
        const version = review.data?.reviewAssignment?.version ?? target.version;
        const notApplicable = await as(who).graphql(
          `mutation($id: ID!, $v: Int!) { markNotApplicable(id: $id, expectedVersion: $v, reason: "Servizio non erogato") { id } }`,
          { id: target.id, v: version },
        );
        return [review, notApplicable];
      },
    },
    complianceSummary: {
      allowed: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR', 'REGIONAL_OBSERVER'],
      run: async (who, role) => {
        const scope = role === 'REGIONAL_OBSERVER' ? { regionCode: '03' } : { consortiumId: ids.consortiumA };
        return [
          await as(who).graphql(
            `query($scope: ComplianceScope!) { complianceSummary(scope: $scope, groupBy: COMUNE) { key total } }`,
            { scope },
          ),
        ];
      },
    },
    consortiumDashboard: {
      allowed: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'],
      run: async (who) => [
        await as(who).graphql(
          `query($id: ID!) { consortiumDashboard(consortiumId: $id, comuniFirst: 5) { version changed } }`,
          { id: ids.consortiumA },
        ),
      ],
    },
    "read the scheda's stato dell'arte": {
      allowed: [
        'CONSORTIUM_RTD',
        'CONSORTIUM_STAFF',
        'AUDITOR',
        'COMUNE_REFERENT',
        'COMUNE_DELEGATE',
        'COMUNE_VIEWER',
      ],
      run: async (who) => [
        await as(who).graphql(`query($c: ID!) { comuneStateOfTheArt(comuneId: $c) { comuneId canEdit } }`, {
          c: ids.crema,
        }),
      ],
    },
    "write the scheda's stato dell'arte": {
      allowed: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'],
      run: async (who) => [
        await as(who).graphql(
          `mutation($input: SetComuneStateOfTheArtInput!) { setComuneStateOfTheArt(input: $input) { comuneId } }`,
          { input: { comuneId: ids.crema, text: 'Il Comune ha avviato la digitalizzazione.' } },
        ),
      ],
    },
    auditLog: {
      allowed: ['CONSORTIUM_RTD', 'AUDITOR'],
      run: async (who) => [
        await as(who).graphql(`query($id: ID!) { auditLog(consortiumId: $id, first: 5) { totalCount } }`, {
          id: ids.consortiumA,
        }),
      ],
    },
    'read the periodic reports and their schedule': {
      allowed: ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'],
      run: async (who) => [
        await as(who).graphql(
          `query($id: ID!) { consortiumReports(consortiumId: $id, first: 5) { id state } }`,
          {
            id: ids.consortiumA,
          },
        ),
        await as(who).graphql(
          `query($id: ID!) { consortiumReportSchedule(consortiumId: $id) { frequency } }`,
          {
            id: ids.consortiumA,
          },
        ),
      ],
    },
    'set the schedule of the periodic report': {
      allowed: ['CONSORTIUM_RTD'],
      run: async (who) => [
        await as(who).graphql(
          `mutation($input: SetConsortiumReportScheduleInput!) { setConsortiumReportSchedule(input: $input) { frequency } }`,
          { input: { consortiumId: ids.consortiumA, frequency: 'MONTHLY', format: 'PDF', dayOfMonth: 1 } },
        ),
      ],
    },
    'grant / revoke CONSORTIUM_RTD, REGIONAL_OBSERVER': {
      allowed: ['PLATFORM_ADMIN'],
      run: async (who) => {
        const grant = await grantAs(who, {
          clientId: `portale-prova-${serial++}`,
          role: 'REGIONAL_OBSERVER',
          regionCode: '09',
        });
        const existing = ok(
          await grantAs(ADMIN, { fiscalCode: RTD_B, role: 'CONSORTIUM_RTD', consortiumId: ids.consortiumB }),
          'grantRole',
        );
        const target = grant.data?.grantRole?.id ?? existing.id;
        return [grant, await revokeAs(who, target)];
      },
    },
    'grant / revoke other roles': {
      allowed: ['CONSORTIUM_RTD', 'COMUNE_REFERENT'],
      run: async (who) => {
        const grant = await grantAs(who, {
          fiscalCode: newFiscalCode(),
          role: 'COMUNE_VIEWER',
          comuneId: ids.crema,
        });
        const roberto = ok(
          await grantAs(RTD_A, { fiscalCode: VIEWER_CREMA, role: 'COMUNE_VIEWER', comuneId: ids.crema }),
          'grantRole',
        );
        const target = grant.data?.grantRole?.id ?? roberto.id;
        return [grant, await revokeAs(who, target)];
      },
    },
  };

  for (const [action, cell] of Object.entries(MATRIX)) {
    describe(action, () => {
      for (const role of ALL) {
        const allowed = cell.allowed.includes(role);
        it(`${allowed ? 'allows' : 'refuses'} ${role}`, async () => {
          for (const res of await cell.run(ROLES[role], role)) {
            if (allowed) {
              expect(res.errors).toBeUndefined();
              expect(Object.values(res.data ?? {}).every((value) => value !== null)).toBe(true);
            } else {
              expect(res.errors).toBeDefined();
              for (const code of errorCodes(res)) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(code);
              expect(Object.values(res.data ?? {}).every((value) => value === null)).toBe(true);
            }
          }
        }, 60_000);
      }
    });
  }

  describe('across tenants (done-when of issue 3)', () => {
    it("keeps Crema's municipality-scoped objects from Sara Colombo (Pandino)", async () => {
      const sara = as(REFERENT_PANDINO);
      const read = await sara.graphql(`query($id: ID!) { assignment(id: $id) { status } }`, {
        id: delegated.id,
      });
      expect(errorCodes(read)).toEqual(['NOT_FOUND']);
      expect(read.data).toEqual({ assignment: null });
      const list = await sara.graphql(
        `query($c: ID!) { assignments(filter: { comuneId: $c }) { totalCount edges { node { id } } } }`,
        {
          c: ids.crema,
        },
      );
      expect(list.data!.assignments).toEqual({ totalCount: 0, edges: [] });
      const write = await sara.graphql(
        `mutation($id: ID!) { updateAssignment(id: $id, expectedVersion: 1, input: { progress: 99 }) { id } }`,
        { id: delegated.id },
      );
      expect(errorCodes(write)).toEqual(['NOT_FOUND']);
      const grant = await grantAs(REFERENT_PANDINO, {
        fiscalCode: newFiscalCode(),
        role: 'COMUNE_DELEGATE',
        comuneId: ids.crema,
      });
      expect(errorCodes(grant)).toEqual(['FORBIDDEN']);
    });

    it('keeps consortium A from Chiara Rinaldi (RTD of B)', async () => {
      const chiara = as(RTD_B);
      for (const query of [
        `query($id: ID!) { consortium(id: $id) { name } }`,
        `query($id: ID!) { auditLog(consortiumId: $id) { totalCount } }`,
        `query($id: ID!) { complianceSummary(scope: { consortiumId: $id }, groupBy: COMUNE) { key } }`,
      ]) {
        const res = await chiara.graphql(query, { id: ids.consortiumA });
        expect(errorCodes(res)).toEqual(['NOT_FOUND']);
        expect(Object.values(res.data ?? {}).every((value) => value === null)).toBe(true);
      }
      expect(
        (await chiara.graphql(`query($id: ID!) { sharedObjective(id: $id) { title } }`, { id: everyone }))
          .data,
      ).toEqual({
        sharedObjective: null,
      });
      const consortia = await chiara.graphql(`{ consortia { name } }`);
      expect(consortia.data!.consortia).toEqual([{ name: 'Unione dei Comuni della Val di Bisenzio' }]);
    });

    it('keeps region 03 from portale-regione-toscana, and 09 from Lombardy', async () => {
      const query = `query($r: String!) { complianceSummary(scope: { regionCode: $r }, groupBy: PROVINCE) { key } }`;
      const toscana = await as(PORTAL_TOSCANA).graphql(query, { r: '03' });
      expect(errorCodes(toscana)).toEqual(['FORBIDDEN']);
      expect(toscana.data).toBeNull();
      const lombardia = await as(PORTAL_LOMBARDIA).graphql(query, { r: '09' });
      expect(errorCodes(lombardia)).toEqual(['FORBIDDEN']);
      const own = await as(PORTAL_LOMBARDIA).graphql(query, { r: '03' });
      expect(own.errors).toBeUndefined();
      expect(
        (
          await as(PORTAL_TOSCANA).graphql(`query($id: ID!) { consortium(id: $id) { name } }`, {
            id: ids.consortiumA,
          })
        ).data,
      ).toEqual({
        consortium: null,
      });
    });

    it('lets a delegate see only what is delegated to them', async () => {
      const paolo = as(DELEGATE_CREMA);
      const other = await assignmentOf(api, everyone, ids.crema);
      expect(
        errorCodes(await paolo.graphql(`query($id: ID!) { assignment(id: $id) { id } }`, { id: other.id })),
      ).toEqual(['NOT_FOUND']);
      const mine = await paolo.graphql(
        `query($c: ID!) { assignments(filter: { comuneId: $c }) { edges { node { id } } } }`,
        {
          c: ids.crema,
        },
      );
      expect(mine.data!.assignments.edges.map((e: any) => e.node.id)).toContain(delegated.id);
      expect(mine.data!.assignments.edges.map((e: any) => e.node.id)).not.toContain(other.id);
    });

    it('shows Francesca Villa (no role) nothing: empty lists and NOT_FOUND everywhere', async () => {
      const francesca = as(NO_ROLE);
      const lists = await francesca.graphql(
        `query($a: ID!) { planEditions { code } consortia { id }
          sharedObjectives(consortiumId: $a) { totalCount edges { node { id } } }
          assignments(filter: {}) { totalCount edges { node { id } } } }`,
        { a: ids.consortiumA },
      );
      expect(lists.errors).toBeUndefined();
      expect(lists.data).toEqual({
        planEditions: [],
        consortia: [],
        sharedObjectives: { totalCount: 0, edges: [] },
        assignments: { totalCount: 0, edges: [] },
      });
      for (const [query, variables] of [
        [`query($id: ID!) { consortium(id: $id) { name } }`, { id: ids.consortiumA }],
        [`query($id: ID!) { comune(id: $id) { name } }`, { id: ids.crema }],
        [`{ comuneByIstatCode(istatCode: "019035") { name } }`, {}],
        [`query($id: ID!) { sharedObjective(id: $id) { title } }`, { id: everyone }],
        [`query($id: ID!) { assignment(id: $id) { status } }`, { id: delegated.id }],
        [`query($id: ID!) { auditLog(consortiumId: $id) { totalCount } }`, { id: ids.consortiumA }],
        [`{ planLines(edition: "2022-2024") { totalCount } }`, {}],
      ] as const) {
        const res = await francesca.graphql(query, variables);
        expect({ query, codes: errorCodes(res) }).toEqual({ query, codes: ['NOT_FOUND'] });
        expect(Object.values(res.data ?? {}).every((value) => value === null)).toBe(true);
      }
    });
  });
});
