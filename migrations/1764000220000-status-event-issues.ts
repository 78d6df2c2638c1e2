import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history keeps the criticità (issue 23): each status event records the comune's criticità
 * when that step changed it ('' when it was cleared, NULL when the step left it as it was), so a
 * text replaced later is still readable in the history. status_event stays append-only.
 */
export class StatusEventIssues1764000220000 implements MigrationInterface {
  name = 'StatusEventIssues1764000220000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE status_event ADD COLUMN issues text`);
    await q.query(
      `COMMENT ON COLUMN status_event.issues IS 'criticità as this step set it; empty when cleared, NULL when unchanged'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE status_event DROP COLUMN issues`);
  }
}
