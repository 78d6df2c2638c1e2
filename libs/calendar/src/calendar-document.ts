import ical, { ICalCalendar, ICalEventStatus } from 'ical-generator';
import type { AssignmentDeadline } from '@rtd/assignments';
import { STATUS_LABEL } from '@rtd/kernel';
import type { ObjectiveDeadline } from '@rtd/objectives';

/** What one person's feed holds, gathered from each consortium they have a role in. */
export interface FeedEntries {
  assignments: AssignmentDeadline[];
  objectives: ObjectiveDeadline[];
}

/** The day after `day` (YYYY-MM-DD): DTEND of an all-day event is exclusive. */
function nextDay(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

const italianDay = (day: string) => day.split('-').reverse().join('/');

/**
 * The feed as RFC 5545 text: one all-day event per deadline, on the day of the due date in Rome
 * (VALUE=DATE, floating: the same day wherever the calendar is; no time zone is needed, and
 * none is written, since a date has no time), with stable UIDs
 * (`assignment-<id>@rtd-hub`, `objective-<id>@rtd-hub`), SEQUENCE from the history, and
 * STATUS:CANCELLED once the objective is closed or the assignment is not applicable.
 */
export function calendarDocument(entries: FeedEntries, publicUrl: string): string {
  const calendar: ICalCalendar = ical({
    name: 'RTD Hub: scadenze',
    description: 'Le scadenze delle attività e degli obiettivi di RTD Hub',
    prodId: { company: 'RTD Hub', product: 'Scadenze', language: 'IT' },
    ttl: 60 * 60,
  });
  const seen = new Set<string>();
  for (const a of entries.assignments) {
    const id = `assignment-${a.id}@rtd-hub`;
    if (seen.has(id)) continue;
    seen.add(id);
    const cancelled = a.objectiveState === 'CLOSED' || a.status === 'NOT_APPLICABLE';
    const state =
      a.objectiveState === 'CLOSED'
        ? 'Obiettivo chiuso dall’ufficio'
        : STATUS_LABEL[a.status as keyof typeof STATUS_LABEL];
    const link = `${publicUrl}/assegnazioni/${a.id}`;
    calendar.createEvent({
      id,
      sequence: a.revisions,
      stamp: a.updatedAt,
      start: new Date(`${a.due}T00:00:00Z`),
      end: nextDay(a.due),
      allDay: true,
      summary: `Scadenza: ${a.title} (${a.comuneName})`,
      description: [
        `Comune: ${a.comuneName}`,
        `Obiettivo: ${a.title}`,
        `Scadenza: ${italianDay(a.due)}`,
        `Stato: ${state ?? a.status}`,
        `Apra l’attività in RTD Hub: ${link}`,
      ].join('\n'),
      url: link,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  for (const o of entries.objectives) {
    const id = `objective-${o.id}@rtd-hub`;
    if (seen.has(id)) continue;
    seen.add(id);
    const link = `${publicUrl}/obiettivi/${o.id}`;
    calendar.createEvent({
      id,
      sequence: o.revisions,
      stamp: o.updatedAt,
      start: new Date(`${o.due}T00:00:00Z`),
      end: nextDay(o.due),
      allDay: true,
      summary: `Scadenza obiettivo: ${o.title}`,
      description: [
        `Obiettivo: ${o.title}`,
        `Scadenza: ${italianDay(o.due)}`,
        `Assegnato a ${o.comuni === 1 ? '1 comune' : `${o.comuni} comuni`}`,
        ...(o.state === 'CLOSED' ? ['Stato: Obiettivo chiuso dall’ufficio'] : []),
        `Apra l’obiettivo in RTD Hub: ${link}`,
      ].join('\n'),
      url: link,
      status: o.state === 'CLOSED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
