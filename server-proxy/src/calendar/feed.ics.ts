import ical, { ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { asLocale, statusText } from '../outbox/messages.js';
import { cut } from '../util/text.js';
import type { DueTask } from './feed.repository.js';

const DAY_MS = 86_400_000;
/** How much of a task's description an event carries. */
const DESCRIPTION_MAX = 1000;
/** How often calendar apps are asked to fetch again. */
const REFRESH_SECONDS = 3600;

export interface FeedCalendar {
  /** The calendar's name as apps show it. */
  name: string;
  locale: string;
  /** The reader's time zone (IANA): a due time that is the end of a day there is that whole day. */
  timeZone: string;
  tasks: DueTask[];
}

/** A due date as the calendar shows it: the whole day, or the moment. */
export type DueShape = { allDay: true; day: string } | { allDay: false; at: Date };

/**
 * A task due at midnight UTC was given as a date alone; one due at 23:59:59 in the reader's zone
 * is the webapp's "end of the chosen day". Both are all-day events on that day; any other time is
 * a moment.
 */
export function dueShape(dueAt: string, timeZone: string): DueShape {
  const at = new Date(dueAt);
  if (at.getTime() % DAY_MS === 0) return { allDay: true, day: dueAt.slice(0, 10) };
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  if (parts.hour === '23' && parts.minute === '59' && parts.second === '59') {
    return { allDay: true, day: `${parts.year}-${parts.month}-${parts.day}` };
  }
  return { allDay: false, at };
}

/** The feed as RFC 5545 text: one event per task, its UID the task's, so apps update it in place. */
export function renderFeed(feed: FeedCalendar): string {
  const locale = asLocale(feed.locale);
  const cal = ical({
    name: feed.name,
    prodId: { company: 'Throughline', product: 'Due dates', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    ttl: REFRESH_SECONDS,
  });
  for (const t of feed.tasks) {
    const shape = dueShape(t.due_at, feed.timeZone);
    const description = [statusText(locale, t.status), cut(t.description.trim(), DESCRIPTION_MAX), t.permalink ?? '']
      .filter(Boolean)
      .join('\n\n');
    const event = cal.createEvent({
      id: `${t.id}@throughline`,
      summary: t.title,
      description,
      url: t.permalink,
      stamp: new Date(t.updated_at),
      created: new Date(t.created_at),
      lastModified: new Date(t.updated_at),
      status: ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
      ...(shape.allDay
        ? { allDay: true, start: new Date(`${shape.day}T00:00:00Z`), end: new Date(Date.parse(`${shape.day}T00:00:00Z`) + DAY_MS) }
        : { start: shape.at }),
    });
    event.x([['X-THROUGHLINE-STATUS', t.status]]);
  }
  return cal.toString();
}
