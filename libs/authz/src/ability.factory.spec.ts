import { AccessScope, GrantedRole } from './access-scope';
import { buildAbility, on } from './ability.factory';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const CREMA = '00000000-0000-4000-8000-000000019035';
const PANDINO = '00000000-0000-4000-8000-000000019067';
const PAOLO = '00000000-0000-4000-8000-0000000000f1';

const grant = (role: GrantedRole['role'], scope: Partial<GrantedRole> = {}): GrantedRole => ({
  membershipId: role,
  role,
  consortiumId: null,
  comuneId: null,
  regionCode: null,
  ...scope,
});

describe('buildAbility', () => {
  it('gives a municipality referent its own assignments only', () => {
    const ability = buildAbility(
      new AccessScope(null, [grant('COMUNE_REFERENT', { consortiumId: A, comuneId: CREMA })]),
    );
    const crema = on('Assignment', { consortiumId: A, comuneId: CREMA, delegatePersonId: null });
    const pandino = on('Assignment', { consortiumId: A, comuneId: PANDINO, delegatePersonId: null });
    expect(ability.can('read', crema)).toBe(true);
    expect(ability.can('report', crema)).toBe(true);
    expect(ability.can('review', crema)).toBe(false);
    expect(ability.can('read', pandino)).toBe(false);
    expect(ability.can('read', on('Consortium', { id: A }))).toBe(true);
    expect(ability.can('read', on('Consortium', { id: B }))).toBe(false);
  });

  it('lets a delegate read only what is delegated to them, matched in arrays too', () => {
    const ability = buildAbility(
      new AccessScope(PAOLO, [grant('COMUNE_DELEGATE', { consortiumId: A, comuneId: CREMA })]),
    );
    expect(
      ability.can('read', on('Assignment', { consortiumId: A, comuneId: CREMA, delegatePersonId: PAOLO })),
    ).toBe(true);
    expect(
      ability.can('read', on('Assignment', { consortiumId: A, comuneId: CREMA, delegatePersonId: null })),
    ).toBe(false);
    const objective = (delegatePersonIds: string[]) =>
      on('SharedObjective', { consortiumId: A, assignedComuneIds: [CREMA], delegatePersonIds });
    expect(ability.can('read', objective([PAOLO]))).toBe(true);
    expect(ability.can('read', objective([]))).toBe(false);
  });

  it('keeps the role-granting rules of the matrix', () => {
    const admin = buildAbility(new AccessScope(null, [grant('PLATFORM_ADMIN')]));
    const rtd = buildAbility(new AccessScope(null, [grant('CONSORTIUM_RTD', { consortiumId: A })]));
    const referent = buildAbility(
      new AccessScope(null, [grant('COMUNE_REFERENT', { consortiumId: A, comuneId: CREMA })]),
    );
    const membership = (
      role: GrantedRole['role'],
      consortiumId: string | null,
      comuneId: string | null = null,
    ) => on('Membership', { role, consortiumId, comuneId, regionCode: null });
    expect(admin.can('grant', membership('CONSORTIUM_RTD', A))).toBe(true);
    expect(admin.can('grant', membership('COMUNE_REFERENT', A, CREMA))).toBe(false);
    expect(rtd.can('grant', membership('COMUNE_REFERENT', A, CREMA))).toBe(true);
    expect(rtd.can('grant', membership('COMUNE_REFERENT', B))).toBe(false);
    expect(rtd.can('grant', membership('CONSORTIUM_RTD', A))).toBe(false);
    expect(referent.can('grant', membership('COMUNE_DELEGATE', A, CREMA))).toBe(true);
    expect(referent.can('grant', membership('COMUNE_DELEGATE', A, PANDINO))).toBe(false);
    expect(referent.can('grant', membership('COMUNE_REFERENT', A, CREMA))).toBe(false);
  });

  it("leaves machine clients' roles to the operator (issue 12, point 5)", () => {
    const admin = buildAbility(new AccessScope(null, [grant('PLATFORM_ADMIN')]));
    const rtd = buildAbility(new AccessScope(null, [grant('CONSORTIUM_RTD', { consortiumId: A })]));
    const toClient = (role: GrantedRole['role'], consortiumId: string | null) =>
      on('Membership', { role, consortiumId, comuneId: null, regionCode: null, grantee: 'client' });
    const toPerson = (role: GrantedRole['role'], consortiumId: string | null) =>
      on('Membership', { role, consortiumId, comuneId: null, regionCode: null, grantee: 'person' });
    expect(rtd.can('grant', toPerson('AUDITOR', A))).toBe(true);
    expect(rtd.can('grant', toClient('AUDITOR', A))).toBe(false);
    expect(admin.can('grant', toClient('REGIONAL_OBSERVER', null))).toBe(true);
  });

  it('lets the whole office of a consortium, the operator and a referent read who holds roles', () => {
    const consortium = (role: GrantedRole['role']) =>
      buildAbility(new AccessScope(null, [grant(role, { consortiumId: A })]));
    const referent = buildAbility(
      new AccessScope(null, [grant('COMUNE_REFERENT', { consortiumId: A, comuneId: CREMA })]),
    );
    const admin = buildAbility(new AccessScope(null, [grant('PLATFORM_ADMIN')]));
    const ofConsortium = (id: string) =>
      on('Membership', { role: null, consortiumId: id, comuneId: null, regionCode: null });
    const ofComune = (comuneId: string) =>
      on('Membership', { role: null, consortiumId: A, comuneId, regionCode: null });
    for (const role of ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'] as const) {
      expect(consortium(role).can('read', ofConsortium(A))).toBe(true);
      expect(consortium(role).can('read', ofConsortium(B))).toBe(false);
      expect(consortium(role).can('read', ofComune(CREMA))).toBe(true);
    }
    const viewer = on('Membership', {
      role: 'COMUNE_VIEWER',
      consortiumId: A,
      comuneId: CREMA,
      regionCode: null,
    });
    expect(consortium('CONSORTIUM_STAFF').can('grant', viewer)).toBe(false);
    expect(consortium('CONSORTIUM_RTD').can('grant', viewer)).toBe(true);
    expect(admin.can('read', ofConsortium(B))).toBe(true);
    expect(referent.can('read', ofConsortium(A))).toBe(false);
    expect(referent.can('read', ofComune(CREMA))).toBe(true);
    expect(referent.can('read', ofComune(PANDINO))).toBe(false);
  });

  it('gives a person with no role nothing at all', () => {
    const ability = buildAbility(new AccessScope(null, []));
    expect(ability.can('read', 'PlanCatalog')).toBe(false);
    expect(ability.can('read', on('Consortium', { id: A }))).toBe(false);
  });

  it('lets a regional observer summarise its region and nothing per municipality', () => {
    const ability = buildAbility(
      new AccessScope(null, [grant('REGIONAL_OBSERVER', { regionCode: '03' })], [A]),
    );
    expect(ability.can('summarize', on('Compliance', { consortiumId: null, regionCode: '03' }))).toBe(true);
    expect(ability.can('summarize', on('Compliance', { consortiumId: null, regionCode: '09' }))).toBe(false);
    expect(ability.can('summarize', on('Compliance', { consortiumId: A, regionCode: null }))).toBe(false);
    expect(ability.can('read', on('Consortium', { id: A }))).toBe(true);
    expect(
      ability.can('read', on('Assignment', { consortiumId: A, comuneId: CREMA, delegatePersonId: null })),
    ).toBe(false);
  });

  it('lets the office export its consortium and members, a comune role its comune, an observer nothing', () => {
    const consortium = on('Export', { consortiumId: A, comuneId: null });
    const crema = on('Export', { consortiumId: A, comuneId: CREMA });
    const pandino = on('Export', { consortiumId: A, comuneId: PANDINO });
    for (const role of ['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'] as const) {
      const office = buildAbility(new AccessScope(null, [grant(role, { consortiumId: A })]));
      expect([office.can('export', consortium), office.can('export', crema)]).toEqual([true, true]);
      expect(office.can('export', on('Export', { consortiumId: B, comuneId: null }))).toBe(false);
    }
    for (const role of ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'] as const) {
      const comune = buildAbility(
        new AccessScope(PAOLO, [grant(role, { consortiumId: A, comuneId: CREMA })]),
      );
      expect([
        comune.can('export', crema),
        comune.can('export', pandino),
        comune.can('export', consortium),
      ]).toEqual([true, false, false]);
    }
    const observer = buildAbility(new AccessScope(null, [grant('REGIONAL_OBSERVER', { regionCode: '03' })]));
    expect(observer.can('export', crema)).toBe(false);
    expect(observer.can('read', 'PnrrFunding')).toBe(true);
    expect(buildAbility(new AccessScope(null, [])).can('read', 'PnrrFunding')).toBe(false);
  });

  it('lets the office read the periodic reports of its consortium, and only the RTD set their schedule', () => {
    const reports = on('ConsortiumReport', { consortiumId: A });
    const rights = (role: 'CONSORTIUM_RTD' | 'CONSORTIUM_STAFF' | 'AUDITOR' | 'COMUNE_REFERENT') => {
      const ability = buildAbility(
        new AccessScope(PAOLO, [grant(role, { consortiumId: A, comuneId: null })]),
      );
      return [ability.can('read', reports), ability.can('update', reports)];
    };
    expect(rights('CONSORTIUM_RTD')).toEqual([true, true]);
    expect(rights('CONSORTIUM_STAFF')).toEqual([true, false]);
    expect(rights('AUDITOR')).toEqual([true, false]);
    expect(rights('COMUNE_REFERENT')).toEqual([false, false]);
    const rtdOfB = buildAbility(new AccessScope(null, [grant('CONSORTIUM_RTD', { consortiumId: B })]));
    expect([rtdOfB.can('read', reports), rtdOfB.can('update', reports)]).toEqual([false, false]);
  });
  it("lets the office and the comune's people read the scheda's stato dell'arte, and the RTD and staff write it", () => {
    const crema = on('SchedaNarrative', { consortiumId: A, comuneId: CREMA });
    const rights = (role: GrantedRole['role'], scope: Partial<GrantedRole>) => {
      const ability = buildAbility(new AccessScope(PAOLO, [grant(role, scope)]));
      return [ability.can('read', crema), ability.can('update', crema)];
    };
    expect(rights('CONSORTIUM_RTD', { consortiumId: A })).toEqual([true, true]);
    expect(rights('CONSORTIUM_STAFF', { consortiumId: A })).toEqual([true, true]);
    expect(rights('AUDITOR', { consortiumId: A })).toEqual([true, false]);
    for (const role of ['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'] as const) {
      expect(rights(role, { consortiumId: A, comuneId: CREMA })).toEqual([true, false]);
      expect(rights(role, { consortiumId: A, comuneId: PANDINO })).toEqual([false, false]);
    }
    expect(rights('CONSORTIUM_RTD', { consortiumId: B })).toEqual([false, false]);
    expect(rights('REGIONAL_OBSERVER', { regionCode: '03' })).toEqual([false, false]);
  });
});
