import { fiscalCodeCheckCharacter } from '@rtd/identity';
import { REFERENT_CREMA, RTD_A, RTD_B } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';

const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id role canRevoke person { fiscalCode displayName email } } }`;
const MEMBERS = `query($c: ID!) { comuneMembers(comuneId: $c) { role canRevoke person { fiscalCode } } }`;
const code = (first15: string) => first15 + fiscalCodeCheckCharacter(first15);

describe('Enrolling a person with name and e-mail, and what the caller may revoke (issue 11)', () => {
  let api: TestApi;
  let ids: DemoIds;

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
  });
  afterAll(async () => {
    await api.close();
  });

  it('records the name and e-mail of a person new to RTD Hub', async () => {
    const fiscalCode = code('BNCLRA80A41D142');
    const granted = ok(
      await api.as(RTD_A).graphql(GRANT, {
        input: {
          fiscalCode,
          role: 'COMUNE_VIEWER',
          comuneId: ids.pandino,
          givenName: ' Laura ',
          familyName: 'Bianchi',
          email: 'Laura.Bianchi@Comune.Pandino.CR.it',
        },
      }),
      'grantRole',
    );
    expect(granted.person).toEqual({
      fiscalCode,
      displayName: 'Laura Bianchi',
      email: 'laura.bianchi@comune.pandino.cr.it',
    });
    expect(granted.canRevoke).toBe(true);
  });

  it('refuses a bad e-mail or name, naming the field, and changes nothing', async () => {
    const fiscalCode = code('NRELCU80A01D142');
    const bad = await api.as(RTD_A).graphql(GRANT, {
      input: { fiscalCode, role: 'COMUNE_VIEWER', comuneId: ids.pandino, email: 'non-una-mail' },
    });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions?.field).toBe('email');
    const long = await api.as(RTD_A).graphql(GRANT, {
      input: { fiscalCode, role: 'COMUNE_VIEWER', comuneId: ids.pandino, givenName: 'x'.repeat(101) },
    });
    expect(long.errors![0].extensions?.field).toBe('givenName');
    const members = ok(await api.as(RTD_A).graphql(MEMBERS, { c: ids.pandino }), 'comuneMembers');
    expect(members.map((m: any) => m.person.fiscalCode)).not.toContain(fiscalCode);
  });

  it('tells each caller which roles they may revoke', async () => {
    const asRtd = ok(await api.as(RTD_A).graphql(MEMBERS, { c: ids.crema }), 'comuneMembers');
    expect(asRtd.every((m: any) => m.canRevoke)).toBe(true);
    const asReferent = ok(await api.as(REFERENT_CREMA).graphql(MEMBERS, { c: ids.crema }), 'comuneMembers');
    // A referent appoints delegates and viewers, not referents.
    for (const m of asReferent) expect([m.role, m.canRevoke]).toEqual([m.role, m.role !== 'COMUNE_REFERENT']);
    const foreign = await api.as(RTD_B).graphql(MEMBERS, { c: ids.crema });
    expect(errorCodes(foreign)).not.toEqual([]);
  });
});
