import { DataSource } from 'typeorm';
import { fiscalCodeCheckCharacter } from '@rtd/identity';
import { AppConfig } from '@rtd/kernel';
import { ensureDatabase } from '../../../apps/cli/src/database-setup';
import { migrate, ownerDataSource } from '@rtd/platform';
import { ALL_MIGRATIONS } from '../../../migrations';
import { loadReferenceData } from '../../../apps/cli/src/reference-data';

export const MAX_MEMBERS = 50;
export const BENCH_OBSERVER = 'portale-regione-lombardia';

/** The synthetic people of the national data set: one RTD per consortium, one referent per municipality. */
export function benchFiscalCode(kind: 'rtd' | 'referent', index: number): string {
  // BNC + RTD/REF, born 1980, a day of the month (women: +40) and a place number: 56 × 999 codes each.
  const day = 1 + (index % 56);
  const dd = String(day <= 28 ? day : day - 28 + 40).padStart(2, '0');
  const place = String(1 + Math.floor(index / 56)).padStart(3, '0');
  const first15 = `BNC${kind === 'rtd' ? 'RTD' : 'REF'}80A${dd}H${place}`;
  return first15 + fiscalCodeCheckCharacter(first15);
}

interface Member {
  id: string;
  province_code: string;
  province_name: string;
}

/** Splits a province's municipalities into consortia of at most 50, of near-equal size. */
export function groupByProvince(members: Member[]): { name: string; comuneIds: string[] }[] {
  const byProvince = new Map<string, Member[]>();
  for (const member of members)
    byProvince.set(member.province_code, [...(byProvince.get(member.province_code) ?? []), member]);
  const groups: { name: string; comuneIds: string[] }[] = [];
  for (const [, list] of [...byProvince.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const count = Math.ceil(list.length / MAX_MEMBERS);
    const size = Math.ceil(list.length / count);
    for (let i = 0; i < count; i++) {
      groups.push({
        name: `Ufficio RTD associato ${list[0].province_name} ${i + 1}`,
        comuneIds: list.slice(i * size, (i + 1) * size).map((m) => m.id),
      });
    }
  }
  return groups;
}

export interface SeedReport {
  consortia: number;
  objectives: number;
  assignments: number;
  statusEvents: number;
  evidence: number;
  seconds: number;
}

/**
 * All 7,904 municipalities in consortia of at most 50 (by province), every consortium with one
 * published objective per line of the 2022-2024 edition, and about 550,000 assignments in
 * realistic states with evidence and their history: bulk SQL in the database, not the API.
 */
export async function seedNationalData(config: AppConfig, log: (line: string) => void): Promise<SeedReport> {
  const started = Date.now();
  await ensureDatabase({
    adminUrl: config.databaseAdminUrl,
    ownerUrl: config.databaseOwnerUrl,
    appUrl: config.databaseUrl,
  });
  const owner: DataSource = ownerDataSource(config, 'rtd-hub-bench-seed', ALL_MIGRATIONS);
  await owner.initialize();
  try {
    await migrate(owner, config);
    await owner.transaction(async (db) => {
      await loadReferenceData(db);
    });
    const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM assignment`);
    if (n > 0) {
      log(`Dati nazionali già presenti (${n} assegnazioni): nulla da fare`);
      return await counts(owner, started);
    }
    await owner.transaction(async (db) => {
      await db.query(`SELECT setseed(0.42)`);
      await db.query(`DELETE FROM consortium_member`);
      const members: Member[] = await db.query(
        `SELECT id, province_code, province_name FROM comune ORDER BY province_code, istat_code`,
      );
      const groups = groupByProvince(members);
      log(`Consorzi: ${groups.length} (al massimo ${MAX_MEMBERS} comuni, per provincia)`);
      const consortia: { id: string }[] = await db.query(
        `INSERT INTO consortium (name, created_by) SELECT unnest($1::text[]), 'bench-seed' RETURNING id`,
        [groups.map((g) => g.name)],
      );
      await db.query(
        `INSERT INTO consortium_member (consortium_id, comune_id)
         SELECT c.consortium_id, c.comune_id FROM unnest($1::uuid[], $2::uuid[]) AS c(consortium_id, comune_id)`,
        [
          groups.flatMap((g, i) => g.comuneIds.map(() => consortia[i].id)),
          groups.flatMap((g) => g.comuneIds),
        ],
      );
      const rtdCodes = consortia.map((_, i) => benchFiscalCode('rtd', i));
      await db.query(
        `INSERT INTO person (fiscal_code, given_name, family_name, email)
         SELECT code, 'Responsabile', 'RTD ' || ord, 'rtd' || ord || '@bench.rtdhub.it'
           FROM unnest($1::text[]) WITH ORDINALITY AS t(code, ord)
         ON CONFLICT (fiscal_code) DO NOTHING`,
        [rtdCodes],
      );
      await db.query(
        `INSERT INTO membership (person_id, role, consortium_id, granted_by)
         SELECT p.id, 'CONSORTIUM_RTD', t.consortium_id, 'bench-seed'
           FROM unnest($1::text[], $2::uuid[]) AS t(code, consortium_id) JOIN person p ON p.fiscal_code = t.code`,
        [rtdCodes, consortia.map((c) => c.id)],
      );
      const allMembers: { id: string; consortium_id: string }[] = await db.query(
        `SELECT m.comune_id AS id, m.consortium_id FROM consortium_member m JOIN comune c ON c.id = m.comune_id ORDER BY c.istat_code`,
      );
      const referentCodes = allMembers.map((_, i) => benchFiscalCode('referent', i));
      await db.query(
        `INSERT INTO person (fiscal_code, given_name, family_name, email)
         SELECT code, 'Referente', 'Comune ' || ord, 'referente' || ord || '@bench.rtdhub.it'
           FROM unnest($1::text[]) WITH ORDINALITY AS t(code, ord)
         ON CONFLICT (fiscal_code) DO NOTHING`,
        [referentCodes],
      );
      await db.query(
        `INSERT INTO membership (person_id, role, consortium_id, comune_id, granted_by)
         SELECT p.id, 'COMUNE_REFERENT', t.consortium_id, t.comune_id, 'bench-seed'
           FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS t(code, consortium_id, comune_id)
           JOIN person p ON p.fiscal_code = t.code`,
        [referentCodes, allMembers.map((m) => m.consortium_id), allMembers.map((m) => m.id)],
      );
      await db.query(
        `INSERT INTO machine_client (client_id, name) VALUES ($1, 'Portale Regione Lombardia')
                      ON CONFLICT (client_id) DO NOTHING`,
        [BENCH_OBSERVER],
      );
      await db.query(
        `INSERT INTO membership (machine_client_id, role, region_code, granted_by)
         SELECT id, 'REGIONAL_OBSERVER', '03', 'bench-seed' FROM machine_client WHERE client_id = $1`,
        [BENCH_OBSERVER],
      );

      log('Obiettivi: uno per consorzio e linea 2022-2024');
      await db.query(`
        INSERT INTO shared_objective (consortium_id, title, description, edition_code, due_date, target, state,
                                      created_by, published_at, created_at)
        SELECT k.id, left(l.code || ' – ' || l.text, 200), NULL, l.edition_code,
               CASE WHEN l.deadline_kind = 'BY' THEN l.deadline
                    WHEN l.deadline_kind = 'FROM' THEN l.deadline + interval '3 years' ELSE DATE '2026-12-31' END,
               jsonb_build_object('all', true, 'comuneIds', NULL, 'minPopulation', l.min_population,
                                  'maxPopulation', NULL, 'provinceCodes', NULL),
               'PUBLISHED', 'bench-seed', now() - interval '400 days', now() - interval '401 days'
          FROM consortium k CROSS JOIN plan_line l WHERE l.edition_code = '2022-2024'`);
      await db.query(`
        INSERT INTO shared_objective_line (objective_id, consortium_id, plan_line_id, position)
        SELECT o.id, o.consortium_id, l.id, 1
          FROM shared_objective o JOIN plan_line l ON l.edition_code = o.edition_code AND o.title LIKE l.code || ' – %'`);
      await db.query(`
        INSERT INTO push_run (consortium_id, objective_id, state, requested_by, started_at, finished_at)
        SELECT consortium_id, id, 'DONE', 'bench-seed', published_at, published_at FROM shared_objective`);

      log('Assegnazioni');
      await db.query(`
        INSERT INTO assignment (consortium_id, comune_id, objective_id, push_run_id, status, progress, version, updated_at)
        SELECT o.consortium_id, m.comune_id, o.id, r.id, s.status,
               CASE s.status WHEN 'NOT_STARTED' THEN 0 WHEN 'IN_PROGRESS' THEN 10 + floor(random() * 80)::int ELSE 100 END,
               CASE s.status WHEN 'NOT_STARTED' THEN 1 WHEN 'IN_PROGRESS' THEN 2 WHEN 'SUBMITTED' THEN 3
                             WHEN 'NOT_APPLICABLE' THEN 2 ELSE 4 END,
               now() - (random() * interval '300 days')
          FROM shared_objective o
          JOIN push_run r ON r.objective_id = o.id
          JOIN consortium_member m ON m.consortium_id = o.consortium_id
          JOIN comune c ON c.id = m.comune_id
          CROSS JOIN LATERAL (SELECT CASE
                 WHEN x < 0.25 THEN 'NOT_STARTED' WHEN x < 0.55 THEN 'IN_PROGRESS' WHEN x < 0.65 THEN 'SUBMITTED'
                 WHEN x < 0.93 THEN 'COMPLETED' WHEN x < 0.97 THEN 'REJECTED' ELSE 'NOT_APPLICABLE' END AS status
                 FROM (SELECT random() + 0 * c.population AS x) r) s
         WHERE (o.target->>'minPopulation') IS NULL OR c.population >= (o.target->>'minPopulation')::int`);
      await db.query(`UPDATE push_run r SET targeted = t.n, created = t.n FROM
        (SELECT push_run_id, count(*)::int AS n FROM assignment GROUP BY push_run_id) t WHERE t.push_run_id = r.id`);

      log('Storico degli stati ed evidenze');
      await db.query(`
        INSERT INTO status_event (consortium_id, comune_id, assignment_id, at, from_status, to_status, progress,
                                  note, actor_subject)
        SELECT a.consortium_id, a.comune_id, a.id,
               a.updated_at - ((array_length(p.path, 1) - step.n) * interval '9 days'),
               CASE WHEN step.n = 1 THEN NULL ELSE p.path[step.n - 1] END, p.path[step.n],
               CASE WHEN step.n = array_length(p.path, 1) THEN a.progress WHEN step.n = 1 THEN 0 ELSE 50 END,
               NULL, 'bench-seed'
          FROM assignment a
          CROSS JOIN LATERAL (SELECT CASE a.status
                 WHEN 'NOT_STARTED' THEN ARRAY['NOT_STARTED']
                 WHEN 'IN_PROGRESS' THEN ARRAY['NOT_STARTED', 'IN_PROGRESS']
                 WHEN 'SUBMITTED' THEN ARRAY['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED']
                 WHEN 'COMPLETED' THEN ARRAY['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'COMPLETED']
                 WHEN 'REJECTED' THEN ARRAY['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'REJECTED']
                 ELSE ARRAY['NOT_STARTED', 'NOT_APPLICABLE'] END AS path) p
          CROSS JOIN LATERAL generate_series(1, array_length(p.path, 1)) AS step(n)`);
      await db.query(`
        INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, url, description, added_by_subject, added_at)
        SELECT a.consortium_id, a.comune_id, a.id, 'URL', 'https://www.comune.example.it/trasparenza/' || a.id,
               'Pubblicazione sul sito istituzionale', 'bench-seed', a.updated_at - interval '2 days'
          FROM assignment a WHERE a.status IN ('SUBMITTED', 'COMPLETED', 'REJECTED')`);
    });
    log('ANALYZE');
    await owner.query('ANALYZE');
    return await counts(owner, started);
  } finally {
    await owner.destroy();
  }
}

async function counts(owner: DataSource, started: number): Promise<SeedReport> {
  const [row] = await owner.query(`SELECT
      (SELECT count(*)::int FROM consortium) AS consortia,
      (SELECT count(*)::int FROM shared_objective) AS objectives,
      (SELECT count(*)::int FROM assignment) AS assignments,
      (SELECT count(*)::int FROM status_event) AS "statusEvents",
      (SELECT count(*)::int FROM evidence) AS evidence`);
  return { ...row, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
