import { readFileSync } from 'node:fs';
import path from 'node:path';
// `yaml` comes with the development tools (Vite, GraphQL Codegen); only this spec reads YAML.
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../support/paths';

/** Allowed values of the publiccode.yml 0.4 standard (docs/standard/*-list.rst and schema.core.rst). */
const CATEGORIES = new Set(
  `accounting agile-project-management applicant-tracking application-development appointment-scheduling
  backup billing-and-invoicing blog budgeting business-intelligence business-process-management cad
  call-center-management cloud-management collaboration communications compliance-management
  contact-management content-management crm customer-service-and-support data-analytics data-collection
  data-visualization design design-system digital-asset-management digital-citizenship document-management
  donor-management e-commerce e-signature educational-content email-management email-marketing
  employee-management enterprise-project-management enterprise-social-networking erp event-management
  facility-management feedback-and-reviews-management financial-reporting fleet-management fundraising
  gamification geographic-information-systems grant-management graphic-design help-desk hr ide
  identity-management instant-messaging inventory-management it-asset-management it-development
  it-management it-security it-service-management knowledge-management learning-management-system
  marketing mind-mapping mobile-marketing mobile-payment network-management office online-booking
  online-community payment-gateway payroll predictive-analysis procurement productivity-suite
  project-collaboration project-management property-management real-estate-management remote-support
  resource-management sales-management seo service-desk social-media-management survey talent-management
  task-management taxes-management test-management time-management time-tracking translation
  video-conferencing video-editing visitor-management voip warehouse-management web-collaboration
  web-conferencing website-builder whistleblowing workflow-management`.split(/\s+/),
);
const SCOPES = new Set(
  `agriculture culture defence education emergency-services employment energy environment
  finance-and-economic-development foreign-affairs healthcare infrastructures justice local-authorities
  manufacturing research science-and-technology security society sport tourism transportation welfare`.split(
    /\s+/,
  ),
);
const SOFTWARE_TYPES = [
  'standalone/mobile',
  'standalone/iot',
  'standalone/desktop',
  'standalone/web',
  'standalone/backend',
  'standalone/other',
  'addon',
  'library',
  'configurationFiles',
];
const DEVELOPMENT_STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete'];

/** The value at a slash-separated path ("legal/license"), or undefined. */
function at(document: unknown, keyPath: string): unknown {
  return keyPath
    .split('/')
    .reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
      document,
    );
}

describe('publiccode.yml', () => {
  const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const doc = parse(read('publiccode.yml')) as any;
  const pkg = JSON.parse(read('package.json'));

  it('has every mandatory key of the 0.4 standard', () => {
    const mandatory = [
      'publiccodeYmlVersion',
      'name',
      'url',
      'platforms',
      'categories',
      'developmentStatus',
      'softwareType',
      'description',
      'legal/license',
      'maintenance/type',
      'localisation/localisationReady',
      'localisation/availableLanguages',
    ];
    const missing = mandatory.filter((key) => at(doc, key) === undefined || at(doc, key) === null);
    expect(missing).toEqual([]);
    expect(doc.publiccodeYmlVersion).toBe('0.4');
    if (['internal', 'community'].includes(doc.maintenance.type)) {
      expect(doc.maintenance.contacts.length).toBeGreaterThan(0);
      for (const contact of doc.maintenance.contacts) expect(typeof contact.name).toBe('string');
    }
    if (doc.maintenance.type === 'contract') expect(doc.maintenance.contractors.length).toBeGreaterThan(0);
  });

  it('uses only values the standard allows', () => {
    expect(doc.url).toMatch(/^https:\/\//);
    expect([doc.platforms].flat().length).toBeGreaterThan(0);
    expect(doc.categories.length).toBeGreaterThan(0);
    expect(doc.categories.filter((c: string) => !CATEGORIES.has(c))).toEqual([]);
    expect(DEVELOPMENT_STATUSES).toContain(doc.developmentStatus);
    expect(SOFTWARE_TYPES).toContain(doc.softwareType);
    expect(['internal', 'contract', 'community', 'none']).toContain(doc.maintenance.type);
    expect(typeof doc.localisation.localisationReady).toBe('boolean');
    expect(doc.localisation.availableLanguages).toContain('it');
    expect((doc.intendedAudience?.scope ?? []).filter((s: string) => !SCOPES.has(s))).toEqual([]);
    expect(doc.intendedAudience?.countries ?? []).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[a-z]{2}$/)]),
    );
    if (doc.releaseDate !== undefined) expect(String(doc.releaseDate)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(doc.softwareVersion).toBe(pkg.version);
    expect(doc.it.countryExtensionVersion).toBe('1.0');
  });

  it('describes the software in Italian within the standard lengths', () => {
    const italian = doc.description.it;
    expect(typeof italian.shortDescription).toBe('string');
    expect(italian.shortDescription.length).toBeLessThanOrEqual(150);
    expect(italian.longDescription.length).toBeGreaterThanOrEqual(150);
    expect(italian.longDescription.length).toBeLessThanOrEqual(10_000);
    expect(italian.features.length).toBeGreaterThan(0);
    for (const feature of italian.features) expect(typeof feature).toBe('string');
  });

  it('declares the licence of package.json, whose text is in LICENSE', () => {
    expect(doc.legal.license).toBe('EUPL-1.2');
    expect(doc.legal.license).toBe(pkg.license);
    expect(read('LICENSE')).toContain('EUROPEAN UNION PUBLIC LICENCE v. 1.2');
  });
});
