import { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { Client } from 'pg';
import request from 'supertest';
import {
  DELEGATE_CREMA,
  NO_ROLE,
  PORTAL_LOMBARDIA,
  REFERENT_CREMA,
  REFERENT_PANDINO,
  RTD_A,
  RTD_B,
  STAFF_A,
} from './support/identities';
import { assignmentOf, cremaAssignment, DemoIds, demoIds, ok, publishedObjective } from './support/scenario';
import { errorCodes, startTestApi, TestApi } from './support/test-app';
import { startTestWorker } from './support/test-worker';

const FEED = `{ calendarFeed { url createdAt regeneratedAt } }`;

interface FeedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
  sequence: number;
  status: string | null;
  url: string | null;
}

/** The events of an iCalendar text, as ical.js (a kept iCalendar library) reads them. */
function eventsOf(text: string): Map<string, FeedEvent> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = new Map<string, FeedEvent>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    events.set(event.uid, {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate && event.endDate.isDate,
      sequence: event.sequence,
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
    });
  }
  return events;
}

describe('Calendar feeds (issue 22)', () => {
  let api: TestApi;
  let ids: DemoIds;
  let worker: INestApplicationContext;
  let owner: Client;
  /** Published to Crema only, its assignment delegated to Paolo Conti. */
  let delegated: { objectiveId: string; id: string };
  /** Published to Crema only, not delegated. */
  let crema: { objectiveId: string; id: string };
  /** Published to Pandino only (same consortium, another comune). */
  let pandino: { objectiveId: string; id: string };
  /** Consortium B's, to Vaiano. */
  let vaiano: { objectiveId: string; id: string };

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api.config);
    ids = await demoIds(api);
    owner = new Client({ connectionString: api.db.config.databaseOwnerUrl });
    await owner.connect();
    delegated = await cremaAssignment(api, ids, 'NOT_STARTED', { delegated: true });
    const cremaObjective = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.crema],
      title: 'Calendario Crema',
      dueDate: '2099-03-31',
    });
    crema = { objectiveId: cremaObjective, id: (await assignmentOf(api, cremaObjective, ids.crema)).id };
    const pandinoObjective = await publishedObjective(api, {
      consortiumId: ids.consortiumA,
      comuneIds: [ids.pandino],
      title: 'Calendario Pandino',
      dueDate: '2099-04-30',
    });
    pandino = {
      objectiveId: pandinoObjective,
      id: (await assignmentOf(api, pandinoObjective, ids.pandino)).id,
    };
    const vaianoObjective = await publishedObjective(api, {
      as: RTD_B,
      consortiumId: ids.consortiumB,
      comuneIds: [ids.vaiano],
      title: 'Calendario Vaiano',
      dueDate: '2099-05-31',
    });
    vaiano = {
      objectiveId: vaianoObjective,
      id: (await assignmentOf(api, vaianoObjective, ids.vaiano, RTD_B)).id,
    };
  }, 180_000);
  afterAll(async () => {
    await owner?.end();
    await worker?.close();
    await api?.close();
  });

  const pathOf = (url: string) => new URL(url).pathname;
  const get = (path: string) => request(api.app.getHttpServer()).get(path);
  async function urlOf(who: string): Promise<string> {
    return ok(await api.as(who).graphql(FEED), 'calendarFeed').url as string;
  }
  async function feedOf(who: string): Promise<Map<string, FeedEvent>> {
    const res = await get(pathOf(await urlOf(who)));
    expect(res.status).toBe(200);
    return eventsOf(res.text);
  }
  const assignmentUid = (id: string) => `assignment-${id}@rtd-hub`;
  const objectiveUid = (id: string) => `objective-${id}@rtd-hub`;

  it('serves a referent their comune’s assignments over plain GET, as text/calendar, never cached', async () => {
    const url = await urlOf(REFERENT_CREMA);
    expect(url).toMatch(/^http.*\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // The same URL on every ask: the calendar application keeps it.
    expect(await urlOf(REFERENT_CREMA)).toBe(url);
    const res = await get(pathOf(url));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toMatch(/no-store/);
    expect(res.headers['cache-control']).toMatch(/private/);
    expect(res.text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n/);

    const events = eventsOf(res.text);
    const event = events.get(assignmentUid(crema.id))!;
    expect(event).toBeDefined();
    expect(event).toMatchObject({
      summary: 'Scadenza: Calendario Crema (Crema)',
      start: '2099-03-31',
      end: '2099-04-01',
      allDay: true,
      sequence: 0,
      status: 'CONFIRMED',
      url: `${api.config.publicUrl}/assegnazioni/${crema.id}`,
    });
    expect(event.description).toContain('Comune: Crema');
    expect(event.description).toContain('Obiettivo: Calendario Crema');
    expect(event.description).toContain('Scadenza: 31/03/2099');
    expect(res.text).toContain('DTSTART;VALUE=DATE:20990331');
    // The delegated one is still the comune's: the referent sees it too.
    expect(events.has(assignmentUid(delegated.id))).toBe(true);
    // Never another comune's, another consortium's, or an objective (the office's).
    expect(events.has(assignmentUid(pandino.id))).toBe(false);
    expect(events.has(assignmentUid(vaiano.id))).toBe(false);
    expect([...events.keys()].filter((uid) => uid.startsWith('objective-'))).toEqual([]);
    // Every event is all-day.
    expect([...events.values()].every((e) => e.allDay)).toBe(true);
  });

  it('gives a delegate the assignments delegated to them, and no other', async () => {
    const events = await feedOf(DELEGATE_CREMA);
    expect(events.has(assignmentUid(delegated.id))).toBe(true);
    expect(events.has(assignmentUid(crema.id))).toBe(false);
    expect(events.has(assignmentUid(pandino.id))).toBe(false);
    expect(events.has(assignmentUid(vaiano.id))).toBe(false);
  });

  it('gives the office (RTD and staff) its objectives’ due dates, never another consortium’s', async () => {
    for (const who of [RTD_A, STAFF_A]) {
      const events = await feedOf(who);
      const event = events.get(objectiveUid(pandino.objectiveId))!;
      expect(event).toMatchObject({
        summary: 'Scadenza obiettivo: Calendario Pandino',
        start: '2099-04-30',
        allDay: true,
        status: 'CONFIRMED',
        url: `${api.config.publicUrl}/obiettivi/${pandino.objectiveId}`,
      });
      expect(event.description).toContain('Assegnato a 1 comune');
      expect(events.has(objectiveUid(crema.objectiveId))).toBe(true);
      expect(events.has(objectiveUid(vaiano.objectiveId))).toBe(false);
      expect([...events.keys()].filter((uid) => uid.startsWith('assignment-'))).toEqual([]);
    }
    const b = await feedOf(RTD_B);
    expect(b.has(objectiveUid(vaiano.objectiveId))).toBe(true);
    expect(b.has(objectiveUid(pandino.objectiveId))).toBe(false);
  });

  it('moves the event and raises SEQUENCE when the due date changes; stable between fetches', async () => {
    const before = (await feedOf(REFERENT_CREMA)).get(assignmentUid(crema.id))!;
    expect((await feedOf(REFERENT_CREMA)).get(assignmentUid(crema.id))!.sequence).toBe(before.sequence);
    const objective = ok(
      await api.as(RTD_A).graphql(`query($id: ID!) { sharedObjective(id: $id) { version } }`, {
        id: crema.objectiveId,
      }),
      'sharedObjective',
    );
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { updateSharedObjective(id: $id, expectedVersion: $v, input: { dueDate: "2099-06-15" }) { id } }`,
          { id: crema.objectiveId, v: objective.version },
        ),
      'updateSharedObjective',
    );
    const after = (await feedOf(REFERENT_CREMA)).get(assignmentUid(crema.id))!;
    expect(after.start).toBe('2099-06-15');
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.description).toContain('Scadenza: 15/06/2099');
    const office = (await feedOf(RTD_A)).get(objectiveUid(crema.objectiveId))!;
    expect(office.start).toBe('2099-06-15');
    expect(office.sequence).toBe(1);
    // A change that is not the due date leaves SEQUENCE alone.
    const current = ok(
      await api.as(RTD_A).graphql(`query($id: ID!) { sharedObjective(id: $id) { version } }`, {
        id: crema.objectiveId,
      }),
      'sharedObjective',
    );
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { updateSharedObjective(id: $id, expectedVersion: $v, input: { title: "Calendario Crema bis" }) { id } }`,
          { id: crema.objectiveId, v: current.version },
        ),
      'updateSharedObjective',
    );
    const renamed = (await feedOf(REFERENT_CREMA)).get(assignmentUid(crema.id))!;
    expect(renamed.sequence).toBe(after.sequence);
    expect(renamed.summary).toBe('Scadenza: Calendario Crema bis (Crema)');
  });

  it('cancels the events (STATUS:CANCELLED, SEQUENCE up) when the objective is closed', async () => {
    const before = (await feedOf(REFERENT_PANDINO)).get(assignmentUid(pandino.id))!;
    expect(before.status).toBe('CONFIRMED');
    const objective = ok(
      await api.as(RTD_A).graphql(`query($id: ID!) { sharedObjective(id: $id) { version } }`, {
        id: pandino.objectiveId,
      }),
      'sharedObjective',
    );
    ok(
      await api
        .as(RTD_A)
        .graphql(
          `mutation($id: ID!, $v: Int!) { closeSharedObjective(id: $id, expectedVersion: $v) { id } }`,
          {
            id: pandino.objectiveId,
            v: objective.version,
          },
        ),
      'closeSharedObjective',
    );
    const after = (await feedOf(REFERENT_PANDINO)).get(assignmentUid(pandino.id))!;
    expect(after.status).toBe('CANCELLED');
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after.start).toBe(before.start);
    const office = (await feedOf(RTD_A)).get(objectiveUid(pandino.objectiveId))!;
    expect(office.status).toBe('CANCELLED');
    expect(office.sequence).toBe(1);
  });

  it('answers 404 to the old URL at once after regenerating, and audits it', async () => {
    const old = await urlOf(DELEGATE_CREMA);
    expect((await get(pathOf(old))).status).toBe(200);
    const res = await api
      .as(DELEGATE_CREMA)
      .graphql(`mutation { regenerateCalendarFeed { url regeneratedAt } }`);
    const fresh = ok(res, 'regenerateCalendarFeed');
    expect(fresh.url).not.toBe(old);
    expect(fresh.regeneratedAt).not.toBeNull();
    expect(await urlOf(DELEGATE_CREMA)).toBe(fresh.url);
    expect((await get(pathOf(old))).status).toBe(404);
    const now = await get(pathOf(fresh.url));
    expect(now.status).toBe(200);
    expect(eventsOf(now.text).has(assignmentUid(delegated.id))).toBe(true);
    const audit = await owner.query(
      `SELECT a.actor_subject, a.entity_type, a.details FROM audit_log a JOIN person p ON p.id = a.actor_person_id
        WHERE a.action = 'calendar.regenerate' AND p.fiscal_code = $1`,
      [DELEGATE_CREMA],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ entity_type: 'CalendarFeed', details: { reason: 'asked' } });
  });

  it('answers 404 with the same body, and nothing else, to a bad or unknown token', async () => {
    const answers = await Promise.all(
      [
        '/calendar/x.ics',
        `/calendar/${'A'.repeat(43)}.ics`,
        `/calendar/${'A'.repeat(43)}`,
        "/calendar/'%20OR%201=1.ics",
        `/calendar/${'A'.repeat(5000)}.ics`,
      ].map((path) => get(path)),
    );
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ error: 'Calendario non trovato' });
      expect(res.text).not.toMatch(/VCALENDAR|Crema|Scadenza/);
    }
    // The feed route needs no token and is not the web app's.
    const noToken = await get('/calendar');
    expect(noToken.status).toBe(404);
  });

  it('joins several memberships across consortia, and stops showing a revoked one’s events', async () => {
    const grant = ok(
      await api
        .as(REFERENT_PANDINO)
        .graphql(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
          input: { fiscalCode: NO_ROLE, role: 'COMUNE_VIEWER', comuneId: ids.pandino },
        }),
      'grantRole',
    );
    // A viewer has no deadlines of their own: the feed is empty but answers.
    expect([...(await feedOf(NO_ROLE)).keys()]).toEqual([]);
    ok(
      await api
        .as(REFERENT_PANDINO)
        .graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: grant.id }),
      'revokeRole',
    );
    const office = ok(
      await api.as(RTD_A).graphql(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
        input: { fiscalCode: NO_ROLE, role: 'COMUNE_REFERENT', comuneId: ids.pandino },
      }),
      'grantRole',
    );
    // A second membership in another consortium: the feed holds both, each read in its consortium.
    const other = ok(
      await api.as(RTD_B).graphql(`mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
        input: { fiscalCode: NO_ROLE, role: 'COMUNE_REFERENT', comuneId: ids.vaiano },
      }),
      'grantRole',
    );
    const url = await urlOf(NO_ROLE);
    const granted = eventsOf((await get(pathOf(url))).text);
    expect(granted.has(assignmentUid(pandino.id))).toBe(true);
    expect(granted.has(assignmentUid(vaiano.id))).toBe(true);
    expect(granted.has(assignmentUid(crema.id))).toBe(false);
    ok(
      await api.as(RTD_A).graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: office.id }),
      'revokeRole',
    );
    const revoked = eventsOf((await get(pathOf(url))).text);
    expect(revoked.has(assignmentUid(pandino.id))).toBe(false);
    expect(revoked.has(assignmentUid(vaiano.id))).toBe(true);
    ok(
      await api.as(RTD_B).graphql(`mutation($id: ID!) { revokeRole(membershipId: $id) }`, { id: other.id }),
      'revokeRole',
    );
    const none = await get(pathOf(url));
    expect(none.status).toBe(200);
    expect([...eventsOf(none.text).keys()]).toEqual([]);
  });

  it('is a person’s: a machine client gets FORBIDDEN, nobody gets UNAUTHENTICATED', async () => {
    expect(errorCodes(await api.as(PORTAL_LOMBARDIA).graphql(FEED))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await api.graphql(FEED))).toEqual(['UNAUTHENTICATED']);
  });
});
