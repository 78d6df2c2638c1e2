import { AbilityBuilder, createMongoAbility, ForcedSubject, MongoAbility, subject } from '@casl/ability';
import { AccessScope } from './access-scope';
import { Role } from './roles';

export type Action =
  | 'read'
  | 'create'
  | 'update'
  | 'publish'
  | 'close'
  | 'report' // update progress and status, submit, add evidence
  | 'delegate'
  | 'review' // approve, reject, mark not applicable, reopen
  | 'summarize'
  | 'grant'
  | 'revoke'
  | 'export' // download a scheda per comune or a monitoring sheet
  | 'import' // bulk status import from a monitoring sheet (each row then checked as one update); an edition of the Piano
  | 'approve' // record the approval of a consortium's Piano (date and act)
  | 'pseudonymise'; // replace a person's name, e-mail and fiscal code by a pseudonym (GDPR art. 17)

/** The fields each rule looks at; services build these from the rows they hold. */
export interface SubjectFields {
  PlanCatalog: Record<string, never>;
  Consortium: { id: string | null };
  Comune: { id: string; consortiumId: string | null; regionCode: string };
  SharedObjective: { consortiumId: string; assignedComuneIds: string[]; delegatePersonIds: string[] };
  Assignment: { consortiumId: string; comuneId: string; delegatePersonId: string | null };
  Compliance: { consortiumId: string | null; regionCode: string | null };
  AuditLog: { consortiumId: string };
  /** PNRR funding (open data): readable by every role. */
  PnrrFunding: Record<string, never>;
  /** A file of a consortium (comuneId null: the whole consortium) or of one of its municipalities. */
  Export: { consortiumId: string; comuneId: string | null };
  /** The workbook of «La Regione» (issue 24): a region's aggregates, for its regional observer. */
  RegionExport: { regionCode: string };
  /** The office's «stato dell'arte» paragraph of a comune's scheda (issue 24). */
  SchedaNarrative: { consortiumId: string; comuneId: string };
  /** The periodic reports of a consortium (built by the worker, kept a year) and their schedule. */
  ConsortiumReport: { consortiumId: string };
  /** A bulk status import for one municipality, or (comuneId null) for a whole consortium. */
  StatusImport: { consortiumId: string; comuneId: string | null };
  /** A version of a consortium's own Piano (issue 25): its schede intervento and indicators. */
  Piano: { consortiumId: string; state: 'DRAFT' | 'APPROVED' | 'PUBLISHED' };
  /** A value of a Piano indicator, for the consortium (comuneId null) or measured by one comune. */
  PianoIndicatorValue: { consortiumId: string; comuneId: string | null };
  /** What the service holds on one person (GDPR art. 15-17, 20): the operator's alone. */
  PersonalData: Record<string, never>;
  /** A person's private calendar feed of deadlines (issue 22): their own only. */
  CalendarFeed: { personId: string };
  /** `role: null` asks about memberships of any role there (reading who holds roles). */
  Membership: {
    role: Role | null;
    consortiumId: string | null;
    comuneId: string | null;
    regionCode: string | null;
    /** Who receives a granted role: a machine client's roles come from the operator only. */
    grantee?: 'person' | 'client';
  };
}

export type SubjectName = keyof SubjectFields;
export type AppAbility = MongoAbility<[Action, SubjectName | ForcedSubject<SubjectName>]>;

/** Roles only the service operator hands out; the others are delegated to the consortia. */
const OPERATOR_GRANTED: Role[] = ['CONSORTIUM_RTD', 'REGIONAL_OBSERVER'];
const CONSORTIUM_GRANTED: Role[] = [
  'CONSORTIUM_STAFF',
  'AUDITOR',
  'COMUNE_REFERENT',
  'COMUNE_DELEGATE',
  'COMUNE_VIEWER',
];
const REFERENT_GRANTED: Role[] = ['COMUNE_DELEGATE', 'COMUNE_VIEWER'];

/**
 * The permission matrix of demo-identities.md, and the only place it is written down in code.
 * Resolvers and services ask `authorize()`; list queries filter with the same AccessScope sets,
 * and row-level security checks them once more in PostgreSQL.
 */
export function buildAbility(scope: AccessScope): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  // Conditions are checked against SubjectFields by the tests, not by CASL's typings (which
  // cannot see the fields of string-named subjects).
  const can = builder.can as (
    action: Action | Action[],
    name: SubjectName,
    conditions?: Record<string, unknown>,
  ) => unknown;
  const $in = (values: ReadonlySet<string>) => ({ $in: [...values] });
  const person = scope.personId;

  if (scope.hasAnyRole) can('read', 'PlanCatalog');
  if (scope.hasAnyRole) can('read', 'PnrrFunding');

  if (scope.platformAdmin) {
    // The operator imports editions of the Piano Triennale (over GraphQL as on the command line).
    can('import', 'PlanCatalog');
    can('create', 'Consortium');
    can('read', 'Consortium');
    can('read', 'Comune');
    can(['grant', 'revoke'], 'Membership', { role: { $in: OPERATOR_GRANTED } });
    // A person's data request (export, pseudonymisation) is answered by the service's operator
    // for the whole service: no consortium office sees everything a person did elsewhere.
    can(['export', 'pseudonymise'], 'PersonalData');
  }
  can('read', 'Consortium', { id: $in(scope.readableConsortia) });
  // The consortium's settings (ConsortiumSettings): its RTD alone, not staff nor auditors.
  can('update', 'Consortium', { id: $in(scope.rtdConsortia) });
  can('read', 'Comune', { consortiumId: $in(scope.readableConsortia) });
  can('read', 'Comune', { regionCode: $in(scope.regions) });

  // Objectives: the RTD office writes them; its whole staff and auditors read them; a
  // municipality reads those assigned to it; a delegate those of its delegated assignments.
  can(['create', 'update', 'publish', 'close'], 'SharedObjective', {
    consortiumId: $in(scope.managedConsortia),
  });
  can('read', 'SharedObjective', { consortiumId: $in(scope.fullConsortia) });
  can('read', 'SharedObjective', { assignedComuneIds: { $in: [...scope.readableComuni] } });
  if (person && scope.delegateComuni.size > 0) {
    can('read', 'SharedObjective', { delegatePersonIds: { $in: [person] } });
  }

  can('read', 'Assignment', { consortiumId: $in(scope.fullConsortia) });
  can('read', 'Assignment', { comuneId: $in(scope.readableComuni) });
  can('report', 'Assignment', { comuneId: $in(scope.referentComuni) });
  can('delegate', 'Assignment', { comuneId: $in(scope.referentComuni) });
  if (person) {
    can(['read', 'report'], 'Assignment', { comuneId: $in(scope.delegateComuni), delegatePersonId: person });
  }
  can('review', 'Assignment', { consortiumId: $in(scope.managedConsortia) });

  // Scheda per comune and monitoring sheet: the RTD office, its staff and auditors for the
  // consortium and each member; a referent, delegate or viewer for their municipality only (a
  // delegate's file holds only what row-level security shows them). Regional observers get
  // none: the files name people (referents) and observers see aggregates only.
  can('export', 'Export', { consortiumId: $in(scope.fullConsortia) });
  can('export', 'Export', { comuneId: $in(scope.readableComuni) });
  can('export', 'Export', { comuneId: $in(scope.delegateComuni) });
  // The workbook of «La Regione»: aggregates only (no person), so the observer of that region.
  can('export', 'RegionExport', { regionCode: $in(scope.regions) });

  // The scheda's «stato dell'arte» paragraph: read by whoever may export the comune's scheda,
  // written by the consortium's RTD and staff.
  can('read', 'SchedaNarrative', { consortiumId: $in(scope.fullConsortia) });
  can('read', 'SchedaNarrative', { comuneId: $in(scope.readableComuni) });
  can('read', 'SchedaNarrative', { comuneId: $in(scope.delegateComuni) });
  can('update', 'SchedaNarrative', { consortiumId: $in(scope.managedConsortia) });

  // The periodic report: the consortium's, read by its RTD office, staff and auditors (each with
  // a link of their own); its schedule is set by the RTD alone.
  can('read', 'ConsortiumReport', { consortiumId: $in(scope.fullConsortia) });
  can('update', 'ConsortiumReport', { consortiumId: $in(scope.rtdConsortia) });

  // Bulk status import: the referent for their municipality, the RTD office (RTD and staff) for the
  // consortium and each member. Each row then goes through the same checks as one update (the
  // office may only reopen; a comune never sets COMPLETED), so this only says who may upload.
  can('import', 'StatusImport', { comuneId: $in(scope.referentComuni) });
  can('import', 'StatusImport', { consortiumId: $in(scope.managedConsortia) });

  // The consortium's own Piano: its office and staff write the draft, approve and publish it; its
  // auditors read every version; the member comuni's people read an approved or published one; a
  // regional observer reads a published one only (the mayors' act made public).
  can(['create', 'update', 'approve', 'publish'], 'Piano', { consortiumId: $in(scope.managedConsortia) });
  can('read', 'Piano', { consortiumId: $in(scope.fullConsortia) });
  can('read', 'Piano', {
    consortiumId: $in(scope.memberConsortia),
    state: { $in: ['APPROVED', 'PUBLISHED'] },
  });
  can('read', 'Piano', { consortiumId: $in(scope.observedConsortia), state: 'PUBLISHED' });
  // Indicator values: the office for the consortium and each member, a referent for its comune.
  can(['read', 'report'], 'PianoIndicatorValue', { consortiumId: $in(scope.managedConsortia) });
  can('read', 'PianoIndicatorValue', { consortiumId: $in(scope.fullConsortia) });
  can('read', 'PianoIndicatorValue', { comuneId: $in(scope.readableComuni) });
  can('report', 'PianoIndicatorValue', { comuneId: $in(scope.referentComuni) });

  // A person's calendar feed is theirs alone, whatever their roles (none: an empty calendar).
  if (scope.personId) can(['read', 'update'], 'CalendarFeed', { personId: scope.personId });

  can('summarize', 'Compliance', { consortiumId: $in(scope.fullConsortia) });
  can('summarize', 'Compliance', { consortiumId: null, regionCode: $in(scope.regions) });
  can('read', 'AuditLog', { consortiumId: $in(scope.auditedConsortia) });

  // Who holds which role: the operator everywhere, the RTD office, its staff and auditors in their
  // consortium and its municipalities, a referent in its municipality.
  if (scope.platformAdmin) can('read', 'Membership');
  can('read', 'Membership', { consortiumId: $in(scope.fullConsortia) });
  can('read', 'Membership', { comuneId: $in(scope.referentComuni) });
  // Machine clients (portals, integrations) are registered with the identity provider by the
  // operator, who alone gives them roles: an RTD office or a referent grants to people only.
  can(['grant', 'revoke'], 'Membership', {
    role: { $in: CONSORTIUM_GRANTED },
    consortiumId: $in(scope.rtdConsortia),
    grantee: { $ne: 'client' },
  });
  can(['grant', 'revoke'], 'Membership', {
    role: { $in: REFERENT_GRANTED },
    comuneId: $in(scope.referentComuni),
    grantee: { $ne: 'client' },
  });

  return builder.build();
}

/** A subject instance for `ability.can(action, on('Assignment', {...}))`. */
export function on<N extends SubjectName>(
  name: N,
  fields: SubjectFields[N],
): ForcedSubject<N> & SubjectFields[N] {
  return subject(name, { ...fields }) as ForcedSubject<N> & SubjectFields[N];
}
