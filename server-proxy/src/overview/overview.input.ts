import { DUE_RANGE_DAYS_MAX } from '@throughline/contract';
import { AppError } from '../http/errors.js';
import type { DueCursor } from './cell.repository.js';

const DAY_MS = 86_400_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const YEAR_MIN = 2000;
const YEAR_MAX = 2200;

const bad = (message: string) => new AppError('validation_failed', message);

/** `at` as the ISO text the tables hold; absent: now. */
export function instantOf(value: string | undefined, now: () => Date = () => new Date()): string {
  if (value === undefined) return now().toISOString();
  const d = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(d.getTime())) throw bad('at must be an ISO 8601 date-time, e.g. 2026-12-01T17:00:00Z');
  const y = d.getUTCFullYear();
  if (y < YEAR_MIN || y > YEAR_MAX) throw bad(`at must be between the years ${YEAR_MIN} and ${YEAR_MAX}`);
  return d.toISOString();
}

function dayOf(name: string, value: string): number {
  const t = Date.parse(`${value}T00:00:00.000Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value) throw bad(`${name} must be a calendar day, YYYY-MM-DD`);
  const y = new Date(t).getUTCFullYear();
  if (y < YEAR_MIN || y > YEAR_MAX) throw bad(`${name} must be between the years ${YEAR_MIN} and ${YEAR_MAX}`);
  return t;
}

/** The range `from`..`to` (inclusive days) as instants [from, until). */
export function dayRange(from: string, to: string): { from: string; until: string } {
  const a = dayOf('from', from);
  const b = dayOf('to', to);
  if (b < a) throw bad('from must not be after to');
  if ((b - a) / DAY_MS + 1 > DUE_RANGE_DAYS_MAX) throw bad(`A range spans at most ${DUE_RANGE_DAYS_MAX} days`);
  return { from: new Date(a).toISOString(), until: new Date(b + DAY_MS).toISOString() };
}

/** Every day from `start`'s to `end`'s, as YYYY-MM-DD. */
export function daysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(start.slice(0, 10)); t <= Date.parse(end.slice(0, 10)); t += DAY_MS)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const weeksBefore = (at: string, weeks: number): string => new Date(Date.parse(at) - weeks * 7 * DAY_MS).toISOString();

/** A due-date page cursor: the last item's due date and id, opaque to clients. */
export function encodeDueCursor(c: DueCursor): string {
  return Buffer.from(`${c.due_at}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeDueCursor(value: string | undefined): DueCursor | null {
  if (value === undefined) return null;
  const [dueAt, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (rest.length || !dueAt || !id || !INSTANT.test(dueAt) || !/^[0-9a-f-]{36}$/.test(id)) throw bad('cursor is not one this service gave');
  return { due_at: dueAt, id };
}
