import {
  DEMO_CONSORTIA,
  DEMO_PEOPLE,
  type DemoGrant,
  type DemoPerson,
  type DemoRole,
} from '../../../libs/demo/src/demo-identities';

export type { DemoPerson };

/** Claims SPID brokers put in tokens; the API reads the person from these, not from userinfo. */
export interface PersonClaims {
  fiscal_number: string;
  given_name: string;
  family_name: string;
  email: string;
}

export function demoPeople(): readonly DemoPerson[] {
  return DEMO_PEOPLE;
}

/** Fiscal codes are case-insensitive in practice; people type them in lower case. */
export function normalizeFiscalCode(value: unknown): string {
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

export function findDemoPerson(fiscalCode: unknown): DemoPerson | undefined {
  const wanted = normalizeFiscalCode(fiscalCode);
  return DEMO_PEOPLE.find((person) => person.fiscalCode === wanted);
}

export function personClaims(person: DemoPerson): PersonClaims {
  return {
    // SPID's fiscalNumber attribute carries the TINIT- prefix (ETSI natural person identifier).
    fiscal_number: `TINIT-${person.fiscalCode}`,
    given_name: person.givenName,
    family_name: person.familyName,
    email: person.email,
  };
}

const ROLE_LABELS: Record<DemoRole, string> = {
  PLATFORM_ADMIN: 'Amministratore della piattaforma',
  CONSORTIUM_RTD: "RTD dell'ufficio associato",
  CONSORTIUM_STAFF: "Staff dell'ufficio associato",
  COMUNE_REFERENT: 'Referente del Comune',
  COMUNE_DELEGATE: 'Delegato del Comune',
  COMUNE_VIEWER: 'Consultazione del Comune',
  AUDITOR: 'Revisore',
  REGIONAL_OBSERVER: 'Osservatore regionale',
};

/** Italian one-liner for the login page, e.g. "Referente del Comune (ISTAT 019035)". */
export function roleSummary(person: DemoPerson): string {
  if (person.grants.length === 0) {
    return 'Nessun ruolo assegnato';
  }
  return person.grants.map(describeGrant).join('; ');
}

function describeGrant(grant: DemoGrant): string {
  const label = ROLE_LABELS[grant.role] ?? grant.role;
  if (grant.consortium) {
    const consortium = DEMO_CONSORTIA.find((c) => c.key === grant.consortium);
    return `${label} – ${consortium?.name ?? `ufficio ${grant.consortium}`}`;
  }
  if (grant.comuneIstatCode) {
    return `${label} (ISTAT ${grant.comuneIstatCode})`;
  }
  if (grant.regionCode) {
    return `${label} (regione ${grant.regionCode})`;
  }
  return label;
}
