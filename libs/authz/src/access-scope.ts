import { Role } from './roles';

/** One active membership of the caller, with the consortium of its municipality resolved. */
export interface GrantedRole {
  membershipId: string;
  role: Role;
  consortiumId: string | null;
  comuneId: string | null;
  regionCode: string | null;
}

/**
 * What the caller's memberships reach, as plain sets. The CASL ability (ability.factory.ts)
 * and the row-level security settings (rlsSettings) are both derived from this one value, so
 * the application and the database cannot disagree about a tenant boundary.
 */
export class AccessScope {
  readonly platformAdmin: boolean;
  /** RTD, staff or auditor: everything of the consortium is readable. */
  readonly fullConsortia: ReadonlySet<string>;
  /** RTD or staff: objectives are written, reports reviewed. */
  readonly managedConsortia: ReadonlySet<string>;
  /** RTD: memberships of the consortium are granted and revoked. */
  readonly rtdConsortia: ReadonlySet<string>;
  /** RTD or auditor: the audit log is readable. */
  readonly auditedConsortia: ReadonlySet<string>;
  /** Referent or viewer: the municipality's assignments are readable. */
  readonly readableComuni: ReadonlySet<string>;
  /** Referent: the municipality's assignments are reported on, delegates and viewers appointed. */
  readonly referentComuni: ReadonlySet<string>;
  /** Delegate: only assignments delegated to the caller, in these municipalities. */
  readonly delegateComuni: ReadonlySet<string>;
  /** Regional observer: aggregates over these ISTAT region codes. */
  readonly regions: ReadonlySet<string>;
  /** Consortia whose record and member list the caller may read. */
  readonly readableConsortia: ReadonlySet<string>;
  /** Consortia of the caller's comuni (referent, delegate, viewer): their approved Piano is readable. */
  readonly memberConsortia: ReadonlySet<string>;
  /** Consortia with a member in the caller's regions (observers): their published Piano is readable. */
  readonly observedConsortia: ReadonlySet<string>;

  constructor(
    readonly personId: string | null,
    readonly grants: readonly GrantedRole[],
    /** Consortia with at least one member in one of the caller's regions (observers only). */
    regionConsortia: readonly string[] = [],
  ) {
    const ids = (roles: Role[], key: 'consortiumId' | 'comuneId' | 'regionCode') =>
      new Set(grants.filter((g) => roles.includes(g.role) && g[key] !== null).map((g) => g[key] as string));
    this.platformAdmin = grants.some((g) => g.role === 'PLATFORM_ADMIN');
    this.fullConsortia = ids(['CONSORTIUM_RTD', 'CONSORTIUM_STAFF', 'AUDITOR'], 'consortiumId');
    this.managedConsortia = ids(['CONSORTIUM_RTD', 'CONSORTIUM_STAFF'], 'consortiumId');
    this.rtdConsortia = ids(['CONSORTIUM_RTD'], 'consortiumId');
    this.auditedConsortia = ids(['CONSORTIUM_RTD', 'AUDITOR'], 'consortiumId');
    this.readableComuni = ids(['COMUNE_REFERENT', 'COMUNE_VIEWER'], 'comuneId');
    this.referentComuni = ids(['COMUNE_REFERENT'], 'comuneId');
    this.delegateComuni = ids(['COMUNE_DELEGATE'], 'comuneId');
    this.regions = ids(['REGIONAL_OBSERVER'], 'regionCode');
    this.memberConsortia = ids(['COMUNE_REFERENT', 'COMUNE_DELEGATE', 'COMUNE_VIEWER'], 'consortiumId');
    this.observedConsortia = new Set(regionConsortia);
    this.readableConsortia = new Set([...this.fullConsortia, ...this.memberConsortia, ...regionConsortia]);
  }

  get hasAnyRole(): boolean {
    return this.grants.length > 0;
  }

  /**
   * The per-transaction settings (`SET LOCAL`) the row-level security policies read: the same
   * sets as above, as PostgreSQL array literals. See migrations/*-row-level-security.ts.
   */
  rlsSettings(): Record<string, string> {
    const list = (values: Iterable<string>) => `{${[...values].join(',')}}`;
    return {
      'app.person_id': this.personId ?? '',
      'app.admin': this.platformAdmin ? 'on' : 'off',
      'app.has_role': this.hasAnyRole ? 'on' : 'off',
      'app.read_consortia': list(this.readableConsortia),
      'app.full_consortia': list(this.fullConsortia),
      'app.manage_consortia': list(this.managedConsortia),
      'app.rtd_consortia': list(this.rtdConsortia),
      'app.audit_consortia': list(this.auditedConsortia),
      'app.comuni': list(this.readableComuni),
      'app.referent_comuni': list(this.referentComuni),
      'app.delegate_comuni': list(this.delegateComuni),
      'app.regions': list(this.regions),
    };
  }
}

/** Nobody: the scope of a caller with no membership, and the starting point of every request. */
export const NO_ACCESS = new AccessScope(null, []);

/**
 * The rights of a background job acting for one consortium (fan-out, digests, snapshots): those
 * of its RTD office there and nowhere else; a job for no consortium has none. Never the platform
 * admin's: no job sets `app.admin` (libs/authz/src/job-context.spec.ts checks it).
 */
export function jobScope(consortiumId: string | null): AccessScope {
  const grants: GrantedRole[] = consortiumId
    ? [{ membershipId: 'system', role: 'CONSORTIUM_RTD', consortiumId, comuneId: null, regionCode: null }]
    : [];
  return new AccessScope(null, grants);
}

/** The settings of a background job (jobScope), plus the outbox relay's flag. See JobContext. */
export function systemSettings(subject: string, consortiumId: string | null): Record<string, string> {
  return {
    ...jobScope(consortiumId).rlsSettings(),
    'app.subject': subject,
    'app.relay': 'on',
  };
}
