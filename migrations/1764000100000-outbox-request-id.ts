import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each outbox message remembers the request whose transaction wrote it (the transaction's
 * `app.request_id` setting, the request's X-Request-Id): the relay hands it to the job, whose log
 * lines and mails carry it, so one id leads from the request to its job and to the mail.
 */
export class OutboxRequestId1764000100000 implements MigrationInterface {
  name = 'OutboxRequestId1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox ADD COLUMN request_id text
        DEFAULT nullif(app_text('app.request_id'), '')
        CHECK (request_id IS NULL OR length(request_id) <= 100)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN request_id`);
  }
}
