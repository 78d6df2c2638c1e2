import { Client } from 'pg';
import { DEMO_CONSORTIA, DEMO_PEOPLE } from '@rtd/demo';
import { fiscalCodeCheckCharacter } from '@rtd/identity';
import {
  ADMIN,
  AUDITOR_A,
  DELEGATE_CREMA,
  NO_ROLE,
  PORTAL_LOMBARDIA,
  REFERENT_CREMA,
  REFERENT_PANDINO,
  REFERENT_VAIANO,
  RTD_A,
  RTD_B,
  STAFF_A,
  VIEWER_CREMA,
} from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { applySignedSettings } from './support/test-database';

const MEMBERSHIPS = `query($c: ID!) { consortiumMemberships(consortiumId: $c) {
  id role regionCode consortium { id } comune { istatCode } person { id fiscalCode displayName email } } }`;
const COMUNE_MEMBERS = `query($c: ID!) { comuneMembers(comuneId: $c) { role person { fiscalCode } } }`;

/** The demo people's grants in one consortium, as "fiscal code role istat" lines. */
function demoGrantsOf(key: 'A' | 'B'): string[] {
  const comuni = DEMO_CONSORTIA.find((c) => c.key === key)!.comuneIstatCodes;
  return DEMO_PEOPLE.flatMap((person) =>
    person.grants
      .filter((g) => g.consortium === key || (g.comuneIstatCode && comuni.includes(g.comuneIstatCode)))
      .map((g) => `${person.fiscalCode} ${g.role} ${g.comuneIstatCode ?? '-'}`),
  ).sort();
}

const lines = (memberships: any[]) =>
  memberships.map((m) => `${m.person?.fiscalCode} ${m.role} ${m.comune?.istatCode ?? '-'}`).sort();

describe('Memberships of a consortium (issue 11)', () => {
  let api: TestApi;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await api.close();
  });

  const memberships = (who: string, consortiumId: string) =>
    api.as(who).graphql(MEMBERSHIPS, { c: consortiumId });

  it("shows the RTD of A every active role of A and its municipalities, and nothing of B's", async () => {
    const list = ok(await memberships(RTD_A, ids.consortiumA), 'consortiumMemberships');
    expect(lines(list)).toEqual(demoGrantsOf('A'));
    for (const m of list) expect(m.consortium).toEqual({ id: ids.consortiumA });
    // Office roles first, then by municipality.
    expect(list.slice(0, 3).map((m: any) => m.role)).toEqual([
      'CONSORTIUM_RTD',
      'CONSORTIUM_STAFF',
      'AUDITOR',
    ]);
    expect(
      list.find((m: any) => m.role === 'COMUNE_REFERENT' && m.comune.istatCode === '019035'),
    ).toMatchObject({
      person: {
        fiscalCode: REFERENT_CREMA,
        displayName: 'Anna Moretti',
        email: 'anna.moretti@demo.rtdhub.it',
      },
    });
    const foreign = await memberships(RTD_A, ids.consortiumB);
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.data).toBeNull();
  });

  it('shows the same list to the staff, the auditors of A and the operator; B to its own RTD', async () => {
    for (const who of [STAFF_A, AUDITOR_A, ADMIN]) {
      const list = ok(await memberships(who, ids.consortiumA), 'consortiumMemberships');
      expect({ who, lines: lines(list) }).toEqual({ who, lines: demoGrantsOf('A') });
    }
    expect(lines(ok(await memberships(RTD_B, ids.consortiumB), 'consortiumMemberships'))).toEqual(
      demoGrantsOf('B'),
    );
    expect(lines(ok(await memberships(ADMIN, ids.consortiumB), 'consortiumMemberships'))).toEqual(
      demoGrantsOf('B'),
    );
  });

  it('refuses municipalities, observers and strangers', async () => {
    for (const who of [REFERENT_CREMA, DELEGATE_CREMA, VIEWER_CREMA, PORTAL_LOMBARDIA]) {
      const res = await memberships(who, ids.consortiumA);
      expect({ who, codes: errorCodes(res) }).toEqual({ who, codes: ['FORBIDDEN'] });
      expect(res.data).toBeNull();
    }
    for (const who of [NO_ROLE, RTD_B]) {
      expect({ who, codes: errorCodes(await memberships(who, ids.consortiumA)) }).toEqual({
        who,
        codes: ['NOT_FOUND'],
      });
    }
    const bad = await memberships(RTD_A, 'A');
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions?.field).toBe('consortiumId');
  });

  it('drops a revoked role from the list', async () => {
    const first15 = 'VRDLRA85M41D142';
    const fiscalCode = first15 + fiscalCodeCheckCharacter(first15);
    const granted = ok(
      await api.as(RTD_A).graphql(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
        input: { fiscalCode, role: 'COMUNE_VIEWER', comuneId: ids.pandino },
      }),
      'grantRole',
    );
    const withViewer = ok(await memberships(STAFF_A, ids.consortiumA), 'consortiumMemberships');
    expect(withViewer.find((m: any) => m.id === granted.id)).toMatchObject({
      role: 'COMUNE_VIEWER',
      comune: { istatCode: '019067' },
      person: { fiscalCode, displayName: null },
    });
    ok(
      await api.as(RTD_A).graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: granted.id }),
      'revokeRole',
    );
    const after = ok(await memberships(STAFF_A, ids.consortiumA), 'consortiumMemberships');
    expect(after.map((m: any) => m.id)).not.toContain(granted.id);
  });

  it('names in the registro whom a role change concerns, and no stranger (issue 23, point 8)', async () => {
    const first15 = 'VRDLRA86M41D142';
    const fiscalCode = first15 + fiscalCodeCheckCharacter(first15);
    const grant = (input: Record<string, unknown>) =>
      api
        .as(RTD_A)
        .graphql(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, { input });
    const granted = ok(
      await grant({
        fiscalCode,
        givenName: 'Lara',
        familyName: 'Verdi',
        role: 'COMUNE_VIEWER',
        comuneId: ids.pandino,
      }),
      'grantRole',
    );
    ok(
      await api.as(RTD_A).graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: granted.id }),
      'revokeRole',
    );
    // Matteo Greco (consortium B's referent of Vaiano) is a stranger to A: enrolled, not named.
    const stranger = ok(
      await grant({ fiscalCode: REFERENT_VAIANO, role: 'COMUNE_VIEWER', comuneId: ids.pandino }),
      'grantRole',
    );
    const entries = async (who: string, action: string) =>
      ok(
        await api.as(who).graphql(
          `query($c: ID!, $a: String) { auditLog(consortiumId: $c, action: $a, first: 20) {
            edges { node { entityId subjectName detailsJson } } } }`,
          { c: ids.consortiumA, a: action },
        ),
        'auditLog',
      ).edges.map((e: any) => e.node);
    for (const who of [RTD_A, AUDITOR_A]) {
      const grants = await entries(who, 'membership.grant');
      expect(grants.find((n: any) => n.entityId === granted.id)).toMatchObject({ subjectName: 'Lara Verdi' });
      expect(grants.find((n: any) => n.entityId === stranger.id)).toMatchObject({ subjectName: null });
      const revokes = await entries(who, 'membership.revoke');
      expect(revokes.find((n: any) => n.entityId === granted.id)).toMatchObject({
        subjectName: 'Lara Verdi',
      });
    }
    // Other entries name no one.
    const objectives = await entries(RTD_A, 'objective.create');
    expect(objectives.every((n: any) => n.subjectName === null)).toBe(true);
    ok(
      await api
        .as(RTD_A)
        .graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: stranger.id }),
      'revokeRole',
    );
  });

  it('lets the same readers, and the referent, list the roles of one municipality', async () => {
    const expected = demoGrantsOf('A')
      .filter((line) => line.endsWith(' 019035'))
      .map((line) => line.split(' ').slice(0, 2).join(' '))
      .sort();
    for (const who of [RTD_A, STAFF_A, AUDITOR_A, ADMIN, REFERENT_CREMA]) {
      const list = ok(await api.as(who).graphql(COMUNE_MEMBERS, { c: ids.crema }), 'comuneMembers');
      expect({ who, members: list.map((m: any) => `${m.person.fiscalCode} ${m.role}`).sort() }).toEqual({
        who,
        members: expected,
      });
    }
    for (const [who, code] of [
      [VIEWER_CREMA, 'FORBIDDEN'],
      [DELEGATE_CREMA, 'FORBIDDEN'],
      [REFERENT_PANDINO, 'FORBIDDEN'],
      [RTD_B, 'NOT_FOUND'],
    ]) {
      const res = await api.as(who).graphql(COMUNE_MEMBERS, { c: ids.crema });
      expect({ who, codes: errorCodes(res) }).toEqual({ who, codes: [code] });
    }
  });

  it("keeps B's memberships out of A's office's reach in the database too", async () => {
    const app = new Client({ connectionString: api.config.databaseUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      // What a request of Marco Galli (staff of A) sets, with a query that forgets its WHERE.
      await applySignedSettings(app, api.config, {
        'app.has_role': 'on',
        'app.read_consortia': `{${ids.consortiumA}}`,
        'app.full_consortia': `{${ids.consortiumA}}`,
        'app.manage_consortia': `{${ids.consortiumA}}`,
      });
      const rows = await app.query(`SELECT DISTINCT consortium_id FROM membership`);
      expect(rows.rows.map((row) => row.consortium_id)).toEqual([ids.consortiumA]);
      // Staff read who holds roles but grant nothing: the insert policy is the RTD office's.
      await expect(
        app.query(
          `INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by)
           SELECT id, 'COMUNE_VIEWER', $1, $2, 'test' FROM person LIMIT 1`,
          [ids.consortiumA, ids.crema],
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await app.query('ROLLBACK');
      await app.end();
    }
  });
});
