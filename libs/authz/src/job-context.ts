import { DataSource } from 'typeorm';
import { RequestContext, SessionSettings, withDbSession } from '@rtd/kernel';
import { jobScope, systemSettings } from './access-scope';
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
  ) {}

  /** The context of a job whose payload names its consortium (or none, for the relay). */
  static forJob(
    dataSource: DataSource,
    subject: string,
    payload: { consortiumId?: string | null },
  ): JobContext {
    return new JobContext(dataSource, subject, payload.consortiumId ?? null);
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
    return { ...systemSettings(this.subject, this.consortiumId), ...this.extra };
  }

  /** Runs `work` in its own transaction with this job's rights; commits on success, rolls back on error. */
  run<T>(work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const access = accessFor(jobScope(this.consortiumId), this.subject);
    return withDbSession(this.dataSource, this.settings(), (session) =>
      work(RequestContext.forJob(this.subject, session, () => Promise.resolve(access))),
    );
  }
}
