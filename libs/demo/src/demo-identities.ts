/**
 * The demo tenants, people and machine clients of shared/contract/demo-identities.md.
 * One source for the demo seed, the local OIDC provider and the end-to-end tests, so that
 * everybody logs in with the same names.
 */
export type DemoRole =
  | 'PLATFORM_ADMIN'
  | 'CONSORTIUM_RTD'
  | 'CONSORTIUM_STAFF'
  | 'COMUNE_REFERENT'
  | 'COMUNE_DELEGATE'
  | 'COMUNE_VIEWER'
  | 'AUDITOR'
  | 'REGIONAL_OBSERVER';

export type DemoConsortiumKey = 'A' | 'B';

export interface DemoConsortium {
  key: DemoConsortiumKey;
  name: string;
  comuneIstatCodes: string[];
}

export interface DemoGrant {
  role: DemoRole;
  consortium?: DemoConsortiumKey;
  comuneIstatCode?: string;
  regionCode?: string;
}

export interface DemoPerson {
  fiscalCode: string;
  givenName: string;
  familyName: string;
  email: string;
  grants: DemoGrant[];
}

export interface DemoClient {
  clientId: string;
  name: string;
  grants: DemoGrant[];
}

export const DEMO_CONSORTIA: readonly DemoConsortium[] = [
  {
    key: 'A',
    name: "Ufficio RTD associato dell'Area Cremasca",
    comuneIstatCodes: [
      '019002',
      '019003',
      '019005',
      '019010',
      '019011',
      '019015',
      '019018',
      '019024',
      '019019',
      '019020',
      '019025',
      '019034',
      '019035',
      '019037',
      '019039',
      '019044',
      '019049',
      '019055',
      '098039',
      '019058',
      '019059',
      '019060',
      '019062',
      '019065',
      '019067',
      '019072',
      '019073',
      '019076',
      '019078',
      '019079',
      '019080',
      '019081',
      '019082',
      '019084',
      '019086',
      '016183',
      '019102',
      '019104',
      '019105',
      '019110',
      '019111',
      '019112',
    ],
  },
  {
    key: 'B',
    name: 'Unione dei Comuni della Val di Bisenzio',
    comuneIstatCodes: ['100001', '100006', '100007'],
  },
];

const person = (
  fiscalCode: string,
  givenName: string,
  familyName: string,
  grants: DemoGrant[],
): DemoPerson => ({
  fiscalCode,
  givenName,
  familyName,
  email: `${givenName}.${familyName}@demo.rtdhub.it`.toLowerCase(),
  grants,
});

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  person('SPSGRG72R15H501Q', 'Giorgio', 'Esposito', [{ role: 'PLATFORM_ADMIN' }]),
  person('FRRGLI75C52D142B', 'Giulia', 'Ferrari', [{ role: 'CONSORTIUM_RTD', consortium: 'A' }]),
  person('GLLMRC88L05D150B', 'Marco', 'Galli', [{ role: 'CONSORTIUM_STAFF', consortium: 'A' }]),
  person('BRBLNE69T41D150Z', 'Elena', 'Barbieri', [{ role: 'AUDITOR', consortium: 'A' }]),
  person('MRTNNA70S63D142G', 'Anna', 'Moretti', [{ role: 'COMUNE_REFERENT', comuneIstatCode: '019035' }]),
  person('CNTPLA92B14D142S', 'Paolo', 'Conti', [{ role: 'COMUNE_DELEGATE', comuneIstatCode: '019035' }]),
  person('LMBRRT65E30D142B', 'Roberto', 'Lombardi', [{ role: 'COMUNE_VIEWER', comuneIstatCode: '019035' }]),
  person('CLMSRA80P49G306F', 'Sara', 'Colombo', [{ role: 'COMUNE_REFERENT', comuneIstatCode: '019067' }]),
  person('MRCLCU78D18H509N', 'Luca', 'Marchetti', [{ role: 'COMUNE_REFERENT', comuneIstatCode: '016183' }]),
  person('RNLCHR82H61G999G', 'Chiara', 'Rinaldi', [{ role: 'CONSORTIUM_RTD', consortium: 'B' }]),
  person('GRCMTT85A10L537X', 'Matteo', 'Greco', [{ role: 'COMUNE_REFERENT', comuneIstatCode: '100006' }]),
  // A person observing Lombardy, beside the regional portal's machine client (issue 11).
  person('RCCDVD77C12F205L', 'Davide', 'Ricci', [{ role: 'REGIONAL_OBSERVER', regionCode: '03' }]),
  person('VLLFNC90M48F205H', 'Francesca', 'Villa', []),
];

export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    clientId: 'portale-regione-lombardia',
    name: 'Portale della Regione Lombardia',
    grants: [{ role: 'REGIONAL_OBSERVER', regionCode: '03' }],
  },
  {
    clientId: 'portale-regione-toscana',
    name: 'Portale della Regione Toscana',
    grants: [{ role: 'REGIONAL_OBSERVER', regionCode: '09' }],
  },
];
