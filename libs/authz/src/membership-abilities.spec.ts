import { HeldRole, membershipAbilities } from './membership-abilities';
import { Role } from './roles';

const A = '00000000-0000-4000-8000-00000000000a';
const CREMA = '00000000-0000-4000-8000-000000019035';
const PAOLO = '00000000-0000-4000-8000-0000000000f1';

const held = (role: Role, scope: Partial<HeldRole> = {}): HeldRole => ({
  role,
  consortiumId: null,
  comuneId: null,
  regionCode: null,
  ...scope,
});
const granted = (h: HeldRole, person: string | null = PAOLO) =>
  Object.entries(membershipAbilities(h, person))
    .filter(([, yes]) => yes)
    .map(([name]) => name)
    .sort();

describe('membershipAbilities', () => {
  it('answers for each role of the matrix, from the ability factory', () => {
    expect(granted(held('COMUNE_REFERENT', { comuneId: CREMA }))).toEqual([
      'importsComuneStatuses',
      'readsComuneActivities',
      'recordsIndicators',
    ]);
    expect(granted(held('COMUNE_DELEGATE', { comuneId: CREMA }))).toEqual(['readsComuneActivities']);
    // Without a person a delegate's rule matches nothing (it is about what was delegated to them).
    expect(granted(held('COMUNE_DELEGATE', { comuneId: CREMA }), null)).toEqual([]);
    expect(granted(held('COMUNE_VIEWER', { comuneId: CREMA }))).toEqual(['readsComuneActivities']);
    expect(granted(held('CONSORTIUM_RTD', { consortiumId: A }))).toEqual([
      'grantsConsortiumRoles',
      'managesConsortium',
      'readsAuditLog',
      'readsConsortium',
      'recordsIndicators',
    ]);
    expect(granted(held('CONSORTIUM_STAFF', { consortiumId: A }))).toEqual([
      'managesConsortium',
      'readsConsortium',
      'recordsIndicators',
    ]);
    expect(granted(held('AUDITOR', { consortiumId: A }))).toEqual(['readsAuditLog', 'readsConsortium']);
    expect(granted(held('REGIONAL_OBSERVER', { regionCode: '03' }))).toEqual(['readsRegion']);
    expect(granted(held('PLATFORM_ADMIN'))).toEqual(['createsConsortia']);
  });

  it('gives nothing to a role whose scope is missing', () => {
    expect(granted(held('CONSORTIUM_RTD'))).toEqual([]);
    expect(granted(held('COMUNE_REFERENT'))).toEqual([]);
    expect(granted(held('REGIONAL_OBSERVER'))).toEqual([]);
  });
});
