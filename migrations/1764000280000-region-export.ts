import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The export of «La Regione» (issue 24): REGION_XLSX, a region's aggregates as a workbook, asked
 * for by the regional observer of that region and built by the worker as them. An export_job is
 * now scoped to a consortium or to a region, exactly one (`consortium_id` becomes nullable,
 * `region_code` is new). A region's job is its requester's alone, and only while they observe
 * that region (`app.regions`): they insert it QUEUED and empty, read it, the worker acting as them
 * moves and completes it. Its outbox message ('region-file') names no consortium, and the outbox
 * takes it only from that observer, naming them. The nightly cleaner deletes expired region files.
 */
const OWN = `requested_by = (SELECT app_text('app.subject'))`;
const OBSERVED = `region_code = ANY ((SELECT app_texts('app.regions'))::text[])`;
const IN_SCOPE = `(region_code IS NULL OR ${OBSERVED})`;
const WAITING = `state IN ('QUEUED', 'RUNNING')`;
const KINDS_BEFORE = `'SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'CONSORTIUM_REPORT_PDF', 'CONSORTIUM_REPORT_XLSX', 'PIANO_PDF', 'PIANO_DOCX'`;
const FILES_BEFORE = `kind IN ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'PIANO_PDF', 'PIANO_DOCX')`;
const FILES = `kind IN ('SCHEDA_COMUNE_PDF', 'MONITORING_XLSX', 'PIANO_PDF', 'PIANO_DOCX', 'REGION_XLSX')`;
const EXPIRED_REGION = `(SELECT app_text('app.subject')) = 'system:exports' AND region_code IS NOT NULL
  AND expires_at <= now()`;

const REGION_INSERT = `${OWN} AND state = 'QUEUED' AND progress = 0 AND content IS NULL AND file_name IS NULL
  AND content_type IS NULL AND finished_at IS NULL AND error IS NULL
  AND (expires_at IS NULL OR expires_at <= now() + interval '1 day')
  AND kind = 'REGION_XLSX' AND consortium_id IS NULL AND comune_id IS NULL AND ${OBSERVED}`;

const OUTBOX_REGION = `topic = 'exports' AND (payload ->> 'kind') = 'region-file'
  AND consortium_id IS NULL AND (payload ->> 'consortiumId') IS NULL
  AND (payload ->> 'regionCode') = ANY ((SELECT app_texts('app.regions'))::text[])
  AND (payload ->> 'subject') = (SELECT app_text('app.subject'))
  AND (
    (payload ->> 'personId') = (SELECT app_text('app.person_id'))
    OR ((payload ->> 'personId') IS NULL AND EXISTS (
      SELECT 1 FROM machine_client mc
       WHERE mc.id::text = (payload ->> 'machineClientId')
         AND mc.client_id = (SELECT app_text('app.client_id'))))
  )`;

const factsFixed = (region: boolean) => `
  CREATE OR REPLACE FUNCTION export_job_facts_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF current_user = 'rtd_app' AND (
         NEW.consortium_id IS DISTINCT FROM OLD.consortium_id OR NEW.comune_id IS DISTINCT FROM OLD.comune_id
      OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.requested_by IS DISTINCT FROM OLD.requested_by
      OR NEW.requested_at IS DISTINCT FROM OLD.requested_at
      OR NEW.piano_version_id IS DISTINCT FROM OLD.piano_version_id${
        region ? '\n      OR NEW.region_code IS DISTINCT FROM OLD.region_code' : ''
      }
      OR NEW.schedule_period IS DISTINCT FROM OLD.schedule_period) THEN
      RAISE EXCEPTION 'export_job %: who asked for what is not changed (row-level security)', OLD.id
        USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END
  $$`;

export class RegionExport1764000280000 implements MigrationInterface {
  name = 'RegionExport1764000280000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE export_job DROP CONSTRAINT export_job_kind_check`);
    await q.query(`ALTER TABLE export_job ADD CONSTRAINT export_job_kind_check CHECK (kind IN
      (${KINDS_BEFORE}, 'REGION_XLSX'))`);
    await q.query(`ALTER TABLE export_job ALTER COLUMN consortium_id DROP NOT NULL`);
    await q.query(`ALTER TABLE export_job
      ADD COLUMN region_code text CHECK (region_code ~ '^[0-9]{2}$'),
      ADD CONSTRAINT export_job_scope_check CHECK ((consortium_id IS NULL) <> (region_code IS NULL)),
      ADD CONSTRAINT export_job_region_kind_check CHECK ((kind = 'REGION_XLSX') = (region_code IS NOT NULL)),
      ADD CONSTRAINT export_job_region_alone_check CHECK (region_code IS NULL
        OR (comune_id IS NULL AND edition_code IS NULL AND piano_version_id IS NULL AND schedule_period IS NULL))`);
    await q.query(`CREATE INDEX export_job_region_expires_idx ON export_job (expires_at)
      WHERE region_code IS NOT NULL`);
    await q.query(
      `CREATE POLICY export_job_region_insert ON export_job FOR INSERT TO rtd_app WITH CHECK (${REGION_INSERT})`,
    );
    await q.query(`ALTER POLICY export_job_select ON export_job USING (${OWN} AND ${IN_SCOPE})`);
    await q.query(
      `ALTER POLICY export_job_update ON export_job USING (${OWN} AND ${FILES} AND ${WAITING} AND ${IN_SCOPE})
         WITH CHECK (${OWN} AND ${FILES} AND ${IN_SCOPE})`,
    );
    await q.query(`ALTER POLICY export_job_delete ON export_job USING (${OWN} AND ${FILES})`);
    await q.query(
      `CREATE POLICY export_job_region_expired_select ON export_job FOR SELECT TO rtd_app USING (${EXPIRED_REGION})`,
    );
    await q.query(
      `CREATE POLICY export_job_region_expired_delete ON export_job FOR DELETE TO rtd_app USING (${EXPIRED_REGION})`,
    );
    await q.query(
      `CREATE POLICY outbox_insert_export_region ON outbox FOR INSERT TO rtd_app WITH CHECK (${OUTBOX_REGION})`,
    );
    await q.query(factsFixed(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(factsFixed(false));
    await q.query(`DROP POLICY outbox_insert_export_region ON outbox`);
    await q.query(`DROP POLICY export_job_region_expired_delete ON export_job`);
    await q.query(`DROP POLICY export_job_region_expired_select ON export_job`);
    await q.query(`ALTER POLICY export_job_delete ON export_job USING (${OWN} AND ${FILES_BEFORE})`);
    await q.query(
      `ALTER POLICY export_job_update ON export_job USING (${OWN} AND ${FILES_BEFORE} AND ${WAITING})
         WITH CHECK (${OWN} AND ${FILES_BEFORE})`,
    );
    await q.query(`ALTER POLICY export_job_select ON export_job USING (${OWN})`);
    await q.query(`DROP POLICY export_job_region_insert ON export_job`);
    await q.query(`DELETE FROM export_job WHERE kind = 'REGION_XLSX'`);
    await q.query(`DROP INDEX export_job_region_expires_idx`);
    await q.query(`ALTER TABLE export_job DROP COLUMN region_code`);
    await q.query(`ALTER TABLE export_job ALTER COLUMN consortium_id SET NOT NULL`);
    await q.query(`ALTER TABLE export_job DROP CONSTRAINT export_job_kind_check`);
    await q.query(
      `ALTER TABLE export_job ADD CONSTRAINT export_job_kind_check CHECK (kind IN (${KINDS_BEFORE}))`,
    );
  }
}
