import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { backfillCompliance } from '@rtd/compliance';
import { dayBefore, todayInRome } from '@rtd/dates';
import { dueDateOf, LineRow } from '@rtd/catalog';
import { normaliseTarget, TARGETED_MEMBERS } from '@rtd/objectives';
import { DEMO_CONSORTIA, DEMO_PEOPLE } from './demo-identities';

const SEEDED_BY = 'demo-seed';
type Status = 'NOT_STARTED' | 'IN_PROGRESS' | 'SUBMITTED' | 'COMPLETED' | 'REJECTED' | 'NOT_APPLICABLE';

/** The due date the catalogue gives the objective's lines: what the editor proposes (libs/catalog dueDateOf). */
const FROM_PLAN = 'plan';

interface DemoObjective {
  title: string;
  description: string;
  lineCodes: string[];
  /** A date the office chose, or FROM_PLAN: the lines' deadline as the catalogue reads it. */
  dueDate: string | typeof FROM_PLAN;
  state: 'DRAFT' | 'PUBLISHED';
  /** Share of members in each status, in order; the rest stay NOT_STARTED. */
  mix: [Status, number][];
  evidenceUrl?: (istatCode: string) => string;
}

/** Realistic work of the Crema office, so that the product shows something true on first start. */
const OBJECTIVES: DemoObjective[] = [
  {
    title: 'Dichiarazione di accessibilità dei siti web comunali',
    description:
      'Pubblicare su form.agid.gov.it la dichiarazione di accessibilità di ciascun sito web e app, e collegarla nel footer del sito.',
    lineCodes: ['CAP1.PA.LA20'],
    dueDate: FROM_PLAN,
    state: 'PUBLISHED',
    mix: [
      ['COMPLETED', 0.6],
      ['SUBMITTED', 0.15],
      ['REJECTED', 0.05],
      ['IN_PROGRESS', 0.15],
    ],
    evidenceUrl: (istat) => `https://form.agid.gov.it/view/dichiarazione-${istat}`,
  },
  {
    title: 'Web Analytics Italia sui siti dei comuni sopra i 15.000 abitanti',
    description:
      'Attivare Web Analytics Italia (o strumento conforme al GDPR) e pubblicare le statistiche di utilizzo.',
    lineCodes: ['CAP1.PA.LA19'],
    dueDate: FROM_PLAN,
    state: 'PUBLISHED',
    mix: [
      ['SUBMITTED', 0.5],
      ['IN_PROGRESS', 0.5],
    ],
    evidenceUrl: (istat) => `https://webanalytics.italia.it/sites/${istat}`,
  },
  {
    title: 'Misure minime di sicurezza ICT',
    description:
      'Aggiornare il modulo di implementazione delle Misure minime AgID e pianificare il miglioramento.',
    lineCodes: ['CAP6.PA.LA06'],
    dueDate: '2026-12-31',
    state: 'PUBLISHED',
    mix: [
      ['COMPLETED', 0.2],
      ['SUBMITTED', 0.1],
      ['IN_PROGRESS', 0.4],
      ['NOT_APPLICABLE', 0.03],
    ],
  },
  {
    title: 'Integrazione con la Piattaforma Notifiche Digitali',
    description: 'Notificare gli atti (sanzioni, tributi) tramite SEND – Piattaforma Notifiche Digitali.',
    lineCodes: ['CAP3.PA.LA22'],
    dueDate: '2027-06-30',
    state: 'PUBLISHED',
    mix: [['IN_PROGRESS', 0.3]],
  },
  {
    title: 'Login with eIDAS per i servizi online',
    description:
      'Bozza in preparazione: attivare il nodo eIDAS per i servizi già accessibili con SPID e CIE.',
    lineCodes: ['LOC.CAP3.01'],
    dueDate: '2027-12-31',
    state: 'DRAFT',
    mix: [],
  },
];

/**
 * A demo objective seeded before the catalogue read "Entro <mese>" as the month's last day carries
 * the old date (CAP1.PA.LA19: 2023-12-01): it is moved to the catalogue's, with its audit entry.
 */
async function alignDueDate(
  db: EntityManager,
  consortiumId: string,
  existing: { id: string; due_date: string | null },
  dueDate: string | null,
  office: { id: string; subject: string } | null,
): Promise<void> {
  if (existing.due_date === dueDate) return;
  await db.query(
    `UPDATE shared_objective SET due_date = $2, version = version + 1, updated_at = now() WHERE id = $1`,
    [existing.id, dueDate],
  );
  await db.query(
    `INSERT INTO audit_log (consortium_id, actor_subject, actor_person_id, action, entity_type, entity_id, details)
     VALUES ($1, $2, $3, 'objective.update', 'SharedObjective', $4, $5)`,
    [
      consortiumId,
      office?.subject ?? SEEDED_BY,
      office?.id ?? null,
      existing.id,
      JSON.stringify({
        demo: true,
        changed: ['dueDate'],
        dueDate,
        reason: 'scadenza del Piano come la legge il catalogo',
      }),
    ],
  );
}

/** The path of statuses an assignment went through to reach `status`. */
const PATHS: Record<Status, Status[]> = {
  NOT_STARTED: ['NOT_STARTED'],
  IN_PROGRESS: ['NOT_STARTED', 'IN_PROGRESS'],
  SUBMITTED: ['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED'],
  COMPLETED: ['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'COMPLETED'],
  REJECTED: ['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'REJECTED'],
  NOT_APPLICABLE: ['NOT_STARTED', 'NOT_APPLICABLE'],
};
const NOTES: Partial<Record<Status, string>> = {
  SUBMITTED: 'Attività conclusa, in attesa di verifica',
  COMPLETED: 'Verificato dall’Ufficio RTD',
  REJECTED: 'Il collegamento alla dichiarazione non è raggiungibile: correggere e inviare di nuovo',
  NOT_APPLICABLE: 'Servizio non erogato dal Comune',
};

/** A stable pseudo-random number in [0, 1) per (objective, municipality): the demo looks the same every time. */
function share(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

function statusFor(objective: DemoObjective, istatCode: string): Status {
  let cumulative = 0;
  const x = share(`${objective.title}:${istatCode}`);
  for (const [status, fraction] of objective.mix) {
    cumulative += fraction;
    if (x < cumulative) return status;
  }
  return 'NOT_STARTED';
}

export interface DemoObjectivesReport {
  objectives: number;
  assignments: number;
}

/**
 * Objectives of consortium A with assignments in assorted states, their history, evidence and
 * audit, written as the owner in one transaction, then the compliance snapshots of past days
 * rebuilt from that history. Skips objectives that already exist (by title) and days already
 * recorded, so a second demo start changes nothing.
 */
export async function seedDemoObjectives(db: EntityManager): Promise<DemoObjectivesReport> {
  const [consortium] = await db.query(`SELECT id FROM consortium WHERE name = $1`, [DEMO_CONSORTIA[0].name]);
  if (!consortium) throw new Error('Consorzio demo A mancante: eseguire prima il seed dei consorzi');
  const people = new Map<string, { id: string; name: string; subject: string }>();
  for (const row of await db.query(
    `SELECT p.id, p.fiscal_code, m.role, m.consortium_id, c.istat_code FROM person p JOIN membership m ON m.person_id = p.id
       LEFT JOIN comune c ON c.id = m.comune_id WHERE m.revoked_at IS NULL AND p.fiscal_code = ANY($1)`,
    [DEMO_PEOPLE.map((p) => p.fiscalCode)],
  )) {
    // Consortium A's office acts on A's objectives (not consortium B's RTD, who holds the same role).
    if (row.role !== 'COMUNE_REFERENT' && row.consortium_id !== null && row.consortium_id !== consortium.id)
      continue;
    const key = row.role === 'COMUNE_REFERENT' ? `referent:${row.istat_code}` : row.role;
    people.set(key, { id: row.id, name: row.fiscal_code, subject: row.fiscal_code });
  }
  const office = people.get('CONSORTIUM_RTD') ?? null;
  let objectives = 0;
  let assignments = 0;
  for (const [index, demo] of OBJECTIVES.entries()) {
    const lines: (Pick<LineRow, 'deadlines' | 'minPopulation' | 'maxPopulation'> & { id: string })[] =
      await db.query(
        `SELECT id, deadlines, min_population AS "minPopulation", max_population AS "maxPopulation"
         FROM plan_line WHERE edition_code = '2022-2024' AND code = ANY($1)`,
        [demo.lineCodes],
      );
    const dueDate =
      demo.dueDate === FROM_PLAN
        ? (lines
            .map(dueDateOf)
            .filter((d): d is string => d !== null)
            .sort()[0] ?? null)
        : demo.dueDate;
    const [existing]: { id: string; due_date: string | null }[] = await db.query(
      `SELECT id, due_date FROM shared_objective WHERE consortium_id = $1 AND title = $2`,
      [consortium.id, demo.title],
    );
    if (existing) {
      await alignDueDate(db, consortium.id, existing, dueDate, office);
      continue;
    }
    const target = normaliseTarget({ all: true }, lines);
    const createdAt = `2023-0${1 + index}-15T09:00:00+01:00`;
    const [objective] = await db.query(
      `INSERT INTO shared_objective (consortium_id, title, description, edition_code, due_date, target, state,
                                     created_at, created_by, published_at)
       VALUES ($1, $2, $3, '2022-2024', $4, $5, $6, $7, $8, CASE WHEN $6 = 'PUBLISHED' THEN $7::timestamptz + interval '1 day' END)
       RETURNING id, published_at`,
      [
        consortium.id,
        demo.title,
        demo.description,
        dueDate,
        JSON.stringify(target),
        demo.state,
        createdAt,
        office?.subject ?? SEEDED_BY,
      ],
    );
    await db.query(
      `INSERT INTO shared_objective_line (objective_id, consortium_id, plan_line_id, position)
       SELECT $1, $2, id, row_number() OVER () FROM unnest($3::uuid[]) AS id`,
      [objective.id, consortium.id, lines.map((line) => line.id)],
    );
    await db.query(
      `INSERT INTO audit_log (consortium_id, actor_subject, actor_person_id, action, entity_type, entity_id, details, at)
       VALUES ($1, $2, $3, 'objective.create', 'SharedObjective', $4, '{"demo": true}', $5)`,
      [consortium.id, office?.subject ?? SEEDED_BY, office?.id ?? null, objective.id, createdAt],
    );
    objectives++;
    if (demo.state !== 'PUBLISHED') continue;

    const [run] = await db.query(
      `INSERT INTO push_run (consortium_id, objective_id, state, requested_at, requested_by, started_at, finished_at)
       VALUES ($1, $2, 'DONE', $3, $4, $3, $3) RETURNING id`,
      [consortium.id, objective.id, objective.published_at, office?.subject ?? SEEDED_BY],
    );
    // The fan-out's own selection: the target and the lines' kinds of body and population bands.
    const members: { id: string; istat_code: string }[] = await db.query(
      `SELECT t.id, t.istat_code FROM shared_objective o, LATERAL (${TARGETED_MEMBERS}) t
        WHERE o.id = $1 ORDER BY t.istat_code`,
      [objective.id],
    );
    for (const member of members) {
      const status = statusFor(demo, member.istat_code);
      const path = PATHS[status];
      const progress =
        status === 'NOT_STARTED'
          ? 0
          : status === 'IN_PROGRESS'
            ? 20 + Math.floor(share(member.id) * 60)
            : 100;
      const referent = people.get(`referent:${member.istat_code}`) ?? null;
      const [assignment] = await db.query(
        `INSERT INTO assignment (consortium_id, comune_id, objective_id, push_run_id, status, progress, version, issues)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          consortium.id,
          member.id,
          objective.id,
          run.id,
          status,
          progress,
          path.length,
          status === 'IN_PROGRESS' && share(`${member.id}:issues`) < 0.3
            ? 'In attesa del fornitore del sito'
            : null,
        ],
      );
      assignments++;
      for (const [step, to] of path.entries()) {
        const fromOffice = to === 'COMPLETED' || to === 'REJECTED' || to === 'NOT_APPLICABLE';
        const actor = step === 0 ? null : fromOffice ? office : referent;
        await db.query(
          `INSERT INTO status_event (consortium_id, comune_id, assignment_id, at, from_status, to_status, progress,
                                     note, actor_subject, actor_person_id)
           VALUES ($1, $2, $3, $4::timestamptz + make_interval(days => $5), $6, $7, $8, $9, $10, $11)`,
          [
            consortium.id,
            member.id,
            assignment.id,
            objective.published_at,
            step * 7,
            step === 0 ? null : path[step - 1],
            to,
            to === 'NOT_STARTED' ? 0 : to === 'IN_PROGRESS' ? Math.min(progress, 50) : progress,
            step === 0 ? 'Obiettivo assegnato dall’Ufficio RTD' : (NOTES[to] ?? null),
            actor?.subject ?? SEEDED_BY,
            actor?.id ?? null,
          ],
        );
      }
      if (demo.evidenceUrl && ['SUBMITTED', 'COMPLETED', 'REJECTED'].includes(status)) {
        await db.query(
          `INSERT INTO evidence (consortium_id, comune_id, assignment_id, kind, url, description, added_by_subject,
                                 added_by_person_id, added_at)
           VALUES ($1, $2, $3, 'URL', $4, 'Pubblicazione sul sito istituzionale', $5, $6, $7::timestamptz + interval '10 days')`,
          [
            consortium.id,
            member.id,
            assignment.id,
            demo.evidenceUrl(member.istat_code),
            referent?.subject ?? SEEDED_BY,
            referent?.id ?? null,
            objective.published_at,
          ],
        );
      }
    }
    await db.query(`UPDATE push_run SET targeted = $2, created = $2, skipped = 0 WHERE id = $1`, [
      run.id,
      members.length,
    ]);
  }
  // The trend shows the history at once, rather than from the first midnight on; days already
  // recorded are kept, so a later start only fills the days the worker missed.
  await backfillCompliance(db, consortium.id, dayBefore(todayInRome()));
  return { objectives, assignments };
}
