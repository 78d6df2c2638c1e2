import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many files a requester and their consortium have waiting for the worker (issue 26, point
 * 3: eight consortium PDFs queued by one person in 0.2 s held another consortium's scheda for 27 s).
 * A requester reads only their own export jobs, so the consortium's count, every requester
 * together, needs this function: it counts the QUEUED and RUNNING jobs asked for in the last 30
 * minutes (older ones are stuck, not waiting), the caller's own and those of one of the caller's
 * consortia (no other: zeros), and holds a lock on that consortium's queue until the transaction
 * ends, so that two requests at once cannot both pass the cap. Only counts: no job, no requester.
 */
export class ExportBacklog1764000090001 implements MigrationInterface {
  name = 'ExportBacklog1764000090001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION app_export_backlog(p_consortium uuid, OUT mine integer, OUT consortium integer)
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        subject text := app_text('app.subject');
      BEGIN
        mine := 0;
        consortium := 0;
        IF subject IS NULL OR NOT (p_consortium = ANY (app_ids('app.read_consortia'))) THEN
          RETURN;
        END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('export-backlog:' || p_consortium::text, 0));
        SELECT count(*) FILTER (WHERE j.requested_by = subject), count(*)
          INTO mine, consortium
          FROM public.export_job j
         WHERE j.consortium_id = p_consortium AND j.state IN ('QUEUED', 'RUNNING')
           AND j.requested_at > now() - interval '30 minutes';
        -- The requester's own files of other consortia count for them too.
        mine := mine + (SELECT count(*) FROM public.export_job j
                         WHERE j.requested_by = subject AND j.consortium_id <> p_consortium
                           AND j.state IN ('QUEUED', 'RUNNING') AND j.requested_at > now() - interval '30 minutes');
      END
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION app_export_backlog(uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION app_export_backlog(uuid) TO rtd_app`);
    await q.query(
      `CREATE INDEX export_job_waiting_idx ON export_job (consortium_id, requested_at) WHERE state IN ('QUEUED', 'RUNNING')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX export_job_waiting_idx`);
    await q.query(`DROP FUNCTION app_export_backlog(uuid)`);
  }
}
