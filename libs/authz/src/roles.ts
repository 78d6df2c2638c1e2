/** The roles of the contract (`enum Role`), with the scope each one is granted on. */
export const ROLES = [
  'PLATFORM_ADMIN',
  'CONSORTIUM_RTD',
  'CONSORTIUM_STAFF',
  'COMUNE_REFERENT',
  'COMUNE_DELEGATE',
  'COMUNE_VIEWER',
  'AUDITOR',
  'REGIONAL_OBSERVER',
] as const;

export type Role = (typeof ROLES)[number];

export type RoleScope = 'service' | 'consortium' | 'comune' | 'region';

export const ROLE_SCOPE: Record<Role, RoleScope> = {
  PLATFORM_ADMIN: 'service',
  CONSORTIUM_RTD: 'consortium',
  CONSORTIUM_STAFF: 'consortium',
  AUDITOR: 'consortium',
  COMUNE_REFERENT: 'comune',
  COMUNE_DELEGATE: 'comune',
  COMUNE_VIEWER: 'comune',
  REGIONAL_OBSERVER: 'region',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
