import { DataSource } from 'typeorm';
import { JobContext } from '@rtd/authz';
import { ComplianceRepository, ComplianceSnapshots, dayBefore, SNAPSHOT_SUBJECT } from '@rtd/compliance';
import { seedDemoObjectives } from '@rtd/demo';
import { todayInRome } from '@rtd/dates';
import { APP_DATA_SOURCE, ownerDataSource } from '@rtd/platform';
import { Counts, noCounts, STATUS_FIELDS } from './support/hand-counts';
import { RTD_A } from './support/identities';
import { DemoIds, demoIds, ok } from './support/scenario';
import { startTestApi, TestApi } from './support/test-app';

const addDays = (day: string, n: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
};

const daysBetween = (from: string, to: string) => {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
};

describe('Compliance trend rebuilt from the history (issue 11)', () => {
  let api: TestApi;
  let ids: DemoIds;
  let owner: DataSource;
  /** The last day the seed rebuilt: yesterday when it ran (in Rome). */
  let lastDay: string;
  /** Each assignment's events, oldest first, with the day (in Rome) each happened. */
  let history: Map<string, { day: string; status: string }[]>;
  let dueDates: Map<string, string | null>;

  beforeAll(async () => {
    api = await startTestApi();
    owner = ownerDataSource(api.config, 'rtd-hub-test-owner');
    await owner.initialize();
    const before = todayInRome();
    await owner.transaction((db) => seedDemoObjectives(db));
    const after = todayInRome();
    ids = await demoIds(api);
    const [{ max }] = await owner.query(
      `SELECT max(day)::text AS max FROM compliance_snapshot WHERE consortium_id = $1`,
      [ids.consortiumA],
    );
    expect([dayBefore(before), dayBefore(after)]).toContain(max);
    lastDay = max;
    const events: { assignment_id: string; at: Date; to_status: string }[] = await owner.query(
      `SELECT assignment_id, at, to_status FROM status_event WHERE consortium_id = $1 ORDER BY assignment_id, at, id`,
      [ids.consortiumA],
    );
    history = new Map();
    for (const e of events) {
      const event = { day: todayInRome(e.at), status: e.to_status };
      history.set(e.assignment_id, [...(history.get(e.assignment_id) ?? []), event]);
    }
    const due: { id: string; due: string | null }[] = await owner.query(
      `SELECT a.id, coalesce(a.due_date, o.due_date)::text AS due
         FROM assignment a JOIN shared_objective o ON o.id = a.objective_id WHERE a.consortium_id = $1`,
      [ids.consortiumA],
    );
    dueDates = new Map(due.map((row) => [row.id, row.due]));
  }, 120_000);

  afterAll(async () => {
    await owner?.destroy();
    await api.close();
  });

  /** By hand: each assignment's status after its last event of a day before `day`, as midnight saw it. */
  function handCount(day: string): Counts {
    const counts = noCounts();
    for (const [assignmentId, events] of history) {
      const before = events.filter((e) => e.day < day);
      if (before.length === 0) continue;
      const status = before[before.length - 1].status;
      counts.total++;
      counts[STATUS_FIELDS[status]]++;
      const due = dueDates.get(assignmentId);
      if (due && due < day && status !== 'COMPLETED' && status !== 'NOT_APPLICABLE') counts.overdue++;
    }
    return counts;
  }

  async function trend(from: string, to: string): Promise<Map<string, Counts>> {
    const points = ok(
      await api.as(RTD_A).graphql(
        `query($s: ComplianceScope!, $from: Date!, $to: Date!) { complianceTrend(scope: $s, from: $from, to: $to) {
          day buckets { key total notStarted inProgress submitted completed rejected notApplicable overdue } } }`,
        { s: { consortiumId: ids.consortiumA }, from, to },
      ),
      'complianceTrend',
    );
    return new Map(
      points.map((point: any) => {
        expect(point.buckets).toHaveLength(1);
        const { key, ...counts } = point.buckets[0];
        expect(key).toBe(ids.consortiumA);
        return [point.day, counts];
      }),
    );
  }

  it('gives the last 60 days a point each, matching a hand count from status_event', async () => {
    const from = addDays(lastDay, -59);
    const points = await trend(from, lastDay);
    expect([...points.keys()]).toEqual(daysBetween(from, lastDay));
    for (const [day, counts] of points) {
      expect({ day, counts }).toEqual({ day, counts: handCount(day) });
    }
    expect(points.get(lastDay)!.total).toBeGreaterThan(100);
  });

  it('replays 2023, when the demo objectives were published and reported on, day by day', async () => {
    const days = daysBetween('2023-01-01', '2023-12-31');
    const points = await trend(days[0], days[days.length - 1]);
    const expected = days.filter((day) => handCount(day).total > 0);
    expect(expected.length).toBeGreaterThan(300);
    expect([...points.keys()]).toEqual(expected);
    for (const day of expected)
      expect({ day, counts: points.get(day) }).toEqual({ day, counts: handCount(day) });
    // The history moves: statuses change during the year.
    const completed = new Set(expected.map((day) => points.get(day)!.completed));
    expect(completed.size).toBeGreaterThan(1);
  });

  it('changes nothing when run again, and never overwrites a day already recorded', async () => {
    const repository = new ComplianceRepository();
    const count = async () =>
      (
        await owner.query(`SELECT count(*)::int AS n FROM compliance_snapshot WHERE consortium_id = $1`, [
          ids.consortiumA,
        ])
      )[0].n as number;
    const before = await count();
    expect(await owner.transaction((db) => repository.backfill(db, ids.consortiumA, lastDay))).toEqual({
      days: 0,
      rows: 0,
    });
    expect(await count()).toBe(before);

    // A day recorded otherwise (here: one row) stays as it is.
    const day = '2023-06-15';
    await owner.query(`DELETE FROM compliance_snapshot WHERE consortium_id = $1 AND day = $2`, [
      ids.consortiumA,
      day,
    ]);
    await owner.query(
      `INSERT INTO compliance_snapshot (day, assignment_id, consortium_id, comune_id, objective_id, status, overdue)
       SELECT $2, id, consortium_id, comune_id, objective_id, 'COMPLETED', false FROM assignment
        WHERE consortium_id = $1 LIMIT 1`,
      [ids.consortiumA, day],
    );
    expect(await owner.transaction((db) => repository.backfill(db, ids.consortiumA, lastDay))).toEqual({
      days: 0,
      rows: 0,
    });
    expect((await trend(day, day)).get(day)).toMatchObject({ total: 1, completed: 1 });
  });

  it('is run by the nightly job when a consortium has no snapshot yet', async () => {
    await owner.query(`DELETE FROM compliance_snapshot WHERE consortium_id = $1`, [ids.consortiumA]);
    const snapshots = new ComplianceSnapshots(new ComplianceRepository());
    const today = addDays(lastDay, 1);
    await snapshots.take(
      JobContext.forJob(api.app.get<DataSource>(APP_DATA_SOURCE), SNAPSHOT_SUBJECT, {}),
      today,
    );
    const points = await trend(addDays(lastDay, -29), lastDay);
    expect(points.size).toBe(30);
    for (const [day, counts] of points) expect({ day, counts }).toEqual({ day, counts: handCount(day) });
    const replayed = await trend('2023-06-15', '2023-06-15');
    expect(replayed.get('2023-06-15')).toEqual(handCount('2023-06-15'));
    // The day it runs for is the live snapshot, as before.
    const live = await trend(today, today);
    expect(live.get(today)!.total).toBe(dueDates.size);
  });
});
