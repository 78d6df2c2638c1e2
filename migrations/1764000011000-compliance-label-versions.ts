import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compliance summaries are cached under the consortia's data versions (compliance_version, see
 * 1764000005000-compliance-versions), and their buckets carry labels read from reference data: a
 * comune's name and province, a consortium's name, a line's code and text, a chapter's title. Until
 * now only assignment, shared_objective and shared_objective_line bumped the versions, so a renamed
 * comune or a re-imported line text stayed in cached summaries until something else changed.
 *
 * A statement-level trigger on each of those tables bumps the version of every consortium that the
 * changed rows can appear in, when a labelled column really changed (an idempotent re-import that
 * rewrites the same values bumps nothing).
 */
const LABELS = `
  CREATE FUNCTION bump_compliance_version_on_label_change() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    touched uuid[];
  BEGIN
    IF TG_TABLE_NAME = 'comune' THEN
      SELECT array_agg(DISTINCT m.consortium_id) INTO touched
        FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN consortium_member m ON m.comune_id = n.id
       WHERE (o.name, o.province_code, o.province_name, o.region_code)
             IS DISTINCT FROM (n.name, n.province_code, n.province_name, n.region_code);
    ELSIF TG_TABLE_NAME = 'consortium' THEN
      SELECT array_agg(n.id) INTO touched
        FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.name IS DISTINCT FROM n.name;
    ELSIF TG_TABLE_NAME = 'plan_line' THEN
      SELECT array_agg(DISTINCT o2.consortium_id) INTO touched
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        JOIN shared_objective_line sol ON sol.plan_line_id = n.id
        JOIN shared_objective o2 ON o2.id = sol.objective_id
       WHERE (o.code, o.text, o.chapter) IS DISTINCT FROM (n.code, n.text, n.chapter);
    ELSIF TG_TABLE_NAME = 'plan_chapter' THEN
      SELECT array_agg(DISTINCT o2.consortium_id) INTO touched
        FROM old_rows o JOIN new_rows n ON n.edition_code = o.edition_code AND n.number = o.number
        JOIN plan_line l ON l.edition_code = n.edition_code AND l.chapter = n.number
        JOIN shared_objective_line sol ON sol.plan_line_id = l.id
        JOIN shared_objective o2 ON o2.id = sol.objective_id
       WHERE o.title IS DISTINCT FROM n.title;
    END IF;
    IF touched IS NOT NULL THEN
      INSERT INTO compliance_version AS v (consortium_id)
        SELECT unnest(touched)
        ON CONFLICT (consortium_id) DO UPDATE SET version = v.version + 1, changed_at = now();
    END IF;
    RETURN NULL;
  END $$`;

export const LABELLED_TABLES = ['comune', 'consortium', 'plan_line', 'plan_chapter'] as const;

export class ComplianceLabelVersions1764000011000 implements MigrationInterface {
  name = 'ComplianceLabelVersions1764000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(LABELS);
    for (const table of LABELLED_TABLES) {
      await q.query(`CREATE TRIGGER ${table}_compliance_label AFTER UPDATE ON ${table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION bump_compliance_version_on_label_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of LABELLED_TABLES) await q.query(`DROP TRIGGER ${table}_compliance_label ON ${table}`);
    await q.query(`DROP FUNCTION bump_compliance_version_on_label_change()`);
  }
}
