import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheda per comune and the monitoring sheet are built by the worker (issue 15 points 4 and 6):
 * the request writes a QUEUED export_job (its own policy: the requester's row) and an outbox
 * message for the worker. A referent, delegate or viewer writes one too, so the outbox takes from
 * anyone who reads the consortium a message of this one kind, and only one naming the writer:
 * their subject, and their person (or their machine client). The worker acts as the requester it
 * names (JobContext.forRequester), so a message naming someone else would build nothing for them.
 */
export class ExportFilesInWorker1764000019000 implements MigrationInterface {
  name = 'ExportFilesInWorker1764000019000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE POLICY outbox_insert_export_file ON outbox FOR INSERT TO rtd_app WITH CHECK (
      topic = 'exports' AND (payload ->> 'kind') = 'comune-file'
      AND (payload ->> 'consortiumId') IS NOT DISTINCT FROM consortium_id::text
      AND consortium_id = ANY ((SELECT app_ids('app.read_consortia'))::uuid[])
      AND (payload ->> 'subject') = (SELECT app_text('app.subject'))
      AND (
        (payload ->> 'personId') = (SELECT app_text('app.person_id'))
        OR ((payload ->> 'personId') IS NULL AND EXISTS (
          SELECT 1 FROM machine_client mc
           WHERE mc.id::text = (payload ->> 'machineClientId')
             AND mc.client_id = (SELECT app_text('app.client_id'))))
      ))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY outbox_insert_export_file ON outbox`);
  }
}
