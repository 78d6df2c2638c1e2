import { Client } from 'pg';
import { fiscalCodeCheckCharacter } from '@rtd/identity';
import { REFERENT_CREMA, RTD_A, RTD_B, VIEWER_CREMA } from './support/identities';
import { cremaAssignment, demoIds, DemoIds, ok } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id role person { fiscalCode displayName email } } }`;
const MEMBERS = `query($c: ID!) { comuneMembers(comuneId: $c) { id role person { fiscalCode displayName email } } }`;

/**
 * Granting a role is no way to look a person up (issue 26, point 4): Crema's referent, making the
 * RTD of consortium B a viewer of Crema, learned her name and e-mail. A person who shares no tenant
 * with the grantor is shown by the fiscal code the grantor typed, and nothing else, whatever is
 * read afterwards; e-mail addresses are those mail servers take (point 9).
 */
describe('Granting a role to a stranger does not reveal who they are', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: Client;

  const grant = (who: string, input: Record<string, unknown>) => api.as(who).graphql(GRANT, { input });
  const memberOf = async (who: string, comuneId: string, fiscalCode: string, role: string) =>
    (ok(await api.as(who).graphql(MEMBERS, { c: comuneId }), 'comuneMembers') as any[]).find(
      (m) => m.person.fiscalCode === fiscalCode && m.role === role,
    );

  beforeAll(async () => {
    api = await startTestApi();
    ids = await demoIds(api);
    owner = new Client({ connectionString: api.db.config.databaseOwnerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await api.close();
  });

  it("answers a referent's grant to the RTD of another consortium with her fiscal code only", async () => {
    const granted = ok(
      await grant(REFERENT_CREMA, { fiscalCode: RTD_B, role: 'COMUNE_VIEWER', comuneId: ids.crema }),
      'grantRole',
    );
    expect(granted.person).toEqual({ fiscalCode: RTD_B, displayName: null, email: null });
    // Nor is she named afterwards, to Crema's referent or to the office of its consortium.
    for (const who of [REFERENT_CREMA, RTD_A])
      expect({ who, member: await memberOf(who, ids.crema, RTD_B, 'COMUNE_VIEWER') }).toEqual({
        who,
        member: expect.objectContaining({ person: { fiscalCode: RTD_B, displayName: null, email: null } }),
      });
    // A second role, given while the first one is hers, reveals no more.
    const delegate = ok(
      await grant(REFERENT_CREMA, { fiscalCode: RTD_B, role: 'COMUNE_DELEGATE', comuneId: ids.crema }),
      'grantRole',
    );
    expect(delegate.person).toEqual({ fiscalCode: RTD_B, displayName: null, email: null });
    // Her own consortium still knows her.
    const own = ok(await api.as(RTD_B).graphql(`{ me { displayName } }`), 'me');
    expect(own.displayName).toBe('Chiara Rinaldi');
  });

  it('keeps the name out of an assignment delegated to her', async () => {
    const worker = await startTestWorker(api.config);
    let assignment;
    try {
      assignment = await cremaAssignment(api, ids);
    } finally {
      await worker.close();
    }
    const delegated = ok(
      await api
        .as(REFERENT_CREMA)
        .graphql(
          `mutation($id: ID!, $fc: String) { delegateAssignment(id: $id, fiscalCode: $fc) { delegate { displayName } } }`,
          { id: assignment.id, fc: RTD_B },
        ),
      'delegateAssignment',
    );
    expect(delegated.delegate).toEqual({ displayName: null });
  });

  it('names whom the grantor already knows, and whom the grant itself enrols', async () => {
    // The viewer of Crema is known to the RTD office of A: a role in Pandino shows him as before.
    const known = ok(
      await grant(RTD_A, { fiscalCode: VIEWER_CREMA, role: 'COMUNE_VIEWER', comuneId: ids.pandino }),
      'grantRole',
    );
    expect(known.person).toEqual({
      fiscalCode: VIEWER_CREMA,
      displayName: 'Roberto Lombardi',
      email: expect.stringContaining('@'),
    });
    const first15 = 'RSSGNN80A01D142';
    const fresh = ok(
      await grant(RTD_A, {
        fiscalCode: first15 + fiscalCodeCheckCharacter(first15),
        role: 'COMUNE_VIEWER',
        comuneId: ids.pandino,
        givenName: 'Giovanni',
        familyName: 'Rossi',
        email: 'giovanni.rossi@comune.pandino.cr.it',
      }),
      'grantRole',
    );
    expect(fresh.person).toMatchObject({
      displayName: 'Giovanni Rossi',
      email: 'giovanni.rossi@comune.pandino.cr.it',
    });
    const listed = await memberOf(
      RTD_A,
      ids.pandino,
      first15 + fiscalCodeCheckCharacter(first15),
      'COMUNE_VIEWER',
    );
    expect(listed.person.displayName).toBe('Giovanni Rossi');
  });

  it('takes e-mail addresses as mail servers do, and shows none that is not one (point 9)', async () => {
    const first15 = 'BNCLRA80A41D142';
    const refused = await grant(RTD_A, {
      fiscalCode: first15 + fiscalCodeCheckCharacter(first15),
      role: 'COMUNE_VIEWER',
      comuneId: ids.pandino,
      email: 'javascript:alert(1)//@x.it',
    });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions?.field).toBe('email');
    // An address stored before the check (here written by the owner) is not shown.
    await owner.query(`UPDATE person SET email = 'javascript:alert(1)//@x.it' WHERE fiscal_code = $1`, [
      VIEWER_CREMA,
    ]);
    const viewer = await memberOf(RTD_A, ids.crema, VIEWER_CREMA, 'COMUNE_VIEWER');
    expect(viewer.person).toEqual({ fiscalCode: VIEWER_CREMA, displayName: 'Roberto Lombardi', email: null });
  });
});
