import { DataSource } from 'typeorm';
import { RequestContext, SessionSettings, withDbSession } from '@rtd/kernel';
import { AccessScope, GrantedRole, jobScope, systemSettings } from './access-scope';
import { accessFor } from './caller-access';

/**
 * The one definition of the system session: how a background job (a BullMQ processor, the
 * outbox relay) acts on the database. A job rebuilds it from its payload (`forJob`: the
 * consortium the payload names, whose row-level security the outbox checked against its writer)
 * and runs each unit of work with `run`: its own transaction, committed on success, handed to the
 * same service methods the API calls as a RequestContext whose actor is the system subject and
 * whose rights are the consortium's RTD office there, nowhere else (jobScope). Never `app.admin`.
 */
export class JobContext {
  private constructor(
    private readonly dataSource: DataSource,
    readonly subject: string,
    readonly consortiumId: string | null,
    private readonly extra: SessionSettings = {},
    /** A job acting for its requester (forRequester): their rights there, instead of the office's. */
    private readonly requester: AccessScope | null = null,
  ) {}

  /** The context of a job whose payload names its consortium (or none, for the relay). */
  static forJob(
    dataSource: DataSource,
    subject: string,
    payload: { consortiumId?: string | null },
  ): JobContext {
    return new JobContext(dataSource, subject, payload.consortiumId ?? null);
  }

  /**
   * A job acting for the person (or machine client) who asked for it, so that what it builds holds
   * only what they may see: their subject (row-level security shows them their own rows), and the
   * grants they hold in this one consortium, which the job reads from their memberships when it
   * runs (a role revoked since the request is gone). Grants of other consortia, the platform
   * admin's and the regional observer's are dropped; no relay flag: the job's office context
   * (forJob) marks its outbox row.
   */
  static forRequester(
    dataSource: DataSource,
    requester: { subject: string; personId: string | null },
    consortiumId: string,
    grants: readonly GrantedRole[],
  ): JobContext {
    const narrow = grants.filter(
      (grant) =>
        grant.consortiumId === consortiumId &&
        grant.role !== 'PLATFORM_ADMIN' &&
        grant.role !== 'REGIONAL_OBSERVER',
    );
    const scope = new AccessScope(requester.personId, narrow);
    return new JobContext(dataSource, requester.subject, consortiumId, {}, scope);
  }

  /**
   * A job acting for the regional observer who asked for a region's file (REGION_XLSX), rebuilt
   * from its payload: their subject and person, the one grant the outbox checked when they asked
   * (REGIONAL_OBSERVER of `regionCode`, nothing else: no consortium, no admin, no relay flag),
   * and the consortia with members in that region, which an observer reads (`regionConsortia`:
   * found first with this same context and none).
   */
  static forRegionObserver(
    dataSource: DataSource,
    requester: { subject: string; personId: string | null },
    regionCode: string,
    regionConsortia: readonly string[] = [],
  ): JobContext {
    const grant: GrantedRole = {
      membershipId: 'region-file',
      role: 'REGIONAL_OBSERVER',
      consortiumId: null,
      comuneId: null,
      regionCode,
    };
    const scope = new AccessScope(requester.personId, [grant], regionConsortia);
    return new JobContext(dataSource, requester.subject, null, {}, scope);
  }

  /** The same job acting for another consortium (a nightly job visiting each in turn). */
  forConsortium(consortiumId: string): JobContext {
    return new JobContext(this.dataSource, this.subject, consortiumId);
  }

  /**
   * The narrow right of a nightly job to list every consortium (ids and names) before visiting
   * each with forConsortium, instead of the platform admin's: the `app.list_consortia` flag,
   * which one policy reads (migrations/1764000016000-job-consortium-listing.ts).
   */
  listingConsortia(): JobContext {
    return new JobContext(this.dataSource, this.subject, null, { 'app.list_consortia': 'on' });
  }

  /** The row-level security settings of this job's transactions. */
  settings(): SessionSettings {
    if (this.requester) return { ...this.requester.rlsSettings(), 'app.subject': this.subject };
    return { ...systemSettings(this.subject, this.consortiumId), ...this.extra };
  }

  /** Runs `work` in its own transaction with this job's rights; commits on success, rolls back on error. */
  run<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const access = accessFor(this.requester ?? jobScope(this.consortiumId), this.subject);
    return withDbSession(this.dataSource, this.settings(), (session) =>
      work(RequestContext.forJob(this.subject, session, () => Promise.resolve(access))),
    );
  }
}
