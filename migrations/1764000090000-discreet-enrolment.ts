import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant no longer tells its grantor who a stranger is (issue 26, point 4). Granting a role to a
 * fiscal code makes that person readable by the grantor's tenant (app_people, migration
 * 1764000009000), so a referent could learn the name and e-mail of anyone, in any tenant, by
 * making them a viewer of their comune. Now:
 *
 * - `membership.reveals_person` says whether a role shows its holder's name and e-mail to the
 *   tenant it is in. The database sets it on every insert by the application role, from what the
 *   caller already knew: true when the holder is new (created by this very grant), is the caller,
 *   or already shares a tenant with the caller through a role that shows them; false for a
 *   stranger. The application role cannot set or change it itself.
 * - `app_people_named(ids)` answers which of these people the caller may read by name and e-mail:
 *   themselves, people created in this transaction, and those shown to one of the caller's tenants
 *   by a role there (the rule of app_people, counting only roles that reveal); the operator, all.
 *   The people lists and history names read names and e-mails through it; a stranger enrolled
 *   by fiscal code shows that fiscal code only.
 */
const NAMED = `
  CREATE FUNCTION app_people_named(p_ids uuid[]) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH c AS MATERIALIZED (
      SELECT app_ids('app.full_consortia') AS full_consortia,
             app_ids('app.read_consortia') AS read_consortia,
             app_ids('app.comuni') || app_ids('app.referent_comuni') || app_ids('app.delegate_comuni') AS comuni,
             app_texts('app.regions') AS regions,
             app_flag('app.has_role') AS has_role,
             app_flag('app.admin') AS admin,
             app_person() AS me,
             app_text('app.fiscal_code') AS fiscal_code
    )
    SELECT p.id FROM public.person p, c
     WHERE p.id = ANY (p_ids) AND (
       c.admin OR p.id = c.me OR p.fiscal_code = c.fiscal_code
       -- Created by this transaction: by the caller's own enrolment, with the name they gave.
       OR p.created_at = now()
       OR EXISTS (SELECT 1 FROM public.membership m
                   WHERE m.person_id = p.id AND m.reveals_person AND (
                     m.consortium_id = ANY (c.full_consortia)
                     OR (m.comune_id IS NULL AND m.consortium_id = ANY (c.read_consortia))
                     OR m.comune_id = ANY (c.comuni)
                     OR trim(m.region_code) = ANY (c.regions)
                     OR (m.role = 'PLATFORM_ADMIN' AND c.has_role))))
  $$;
  REVOKE ALL ON FUNCTION app_people_named(uuid[]) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION app_people_named(uuid[]) TO rtd_app;

  -- Whatever the application role writes, the database decides: on insert from what the caller
  -- knew before the grant, and never changed afterwards. The owner's own writes (migrations,
  -- the demo, the command line) keep what they say.
  CREATE FUNCTION membership_reveals_person() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    IF current_user <> 'rtd_app' THEN
      RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
      NEW.reveals_person := OLD.reveals_person;
    ELSE
      NEW.reveals_person := NEW.person_id IS NULL
        OR NEW.person_id IN (SELECT app_people_named(ARRAY[NEW.person_id]));
    END IF;
    RETURN NEW;
  END
  $$;
  CREATE TRIGGER membership_reveals_person BEFORE INSERT OR UPDATE ON membership
    FOR EACH ROW EXECUTE FUNCTION membership_reveals_person();
`;

export class DiscreetEnrolment1764000090000 implements MigrationInterface {
  name = 'DiscreetEnrolment1764000090000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership ADD COLUMN reveals_person boolean NOT NULL DEFAULT true`);
    await q.query(NAMED);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER membership_reveals_person ON membership`);
    await q.query(`DROP FUNCTION membership_reveals_person(), app_people_named(uuid[])`);
    await q.query(`ALTER TABLE membership DROP COLUMN reveals_person`);
  }
}
