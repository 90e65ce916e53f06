/**
 * Schedule arithmetic in a project's own time zone, by Intl only: a slot is the instant at which the
 * local clock of the zone shows the weekday and time set. A digest covers [previous slot, slot).
 */

const DAY_MS = 86_400_000;
const formats = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows the IANA zone (constructing a formatter refuses an unknown one). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(tz)) return false;
  try {
    // The canonical list when the runtime has one, plus the aliases the formatter accepts (UTC, Etc/…).
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(tz, f);
  }
  return f;
}

/** The zone's wall clock at `t`, written as if it were UTC (so date arithmetic is plain arithmetic). */
export function wallOf(t: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** The instant at which the zone's wall clock shows `wall` (a wall time that a clock change skips or repeats resolves to one instant next to it). */
export function instantOf(wall: number, tz: string): number {
  let t = wall - (wallOf(wall, tz) - wall);
  t = wall - (wallOf(t, tz) - t);
  return t;
}

export interface Schedule {
  weekday: number;
  time: string;
  timeZone: string;
}

/** The latest slot at or before `now`. */
export function latestSlot(now: number, s: Schedule): number {
  const wall = wallOf(now, s.timeZone);
  const [h, m] = s.time.split(':').map(Number) as [number, number];
  const day = new Date(wall);
  const isoToday = ((day.getUTCDay() + 6) % 7) + 1;
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  let candidate = midnight - ((isoToday - s.weekday + 7) % 7) * DAY_MS + (h * 60 + m) * 60_000;
  if (candidate > wall) candidate -= 7 * DAY_MS;
  let slot = instantOf(candidate, s.timeZone);
  // Around a clock change the conversion can land a little past now: the slot before is the one.
  if (slot > now) slot = instantOf(candidate - 7 * DAY_MS, s.timeZone);
  return slot;
}

/** The slot before `slot`: where its week begins. */
export const previousSlot = (slot: number, s: Schedule): number => latestSlot(slot - 60_000, s);

/** The first slot after `now` (a week on, give or take a clock change). */
export const nextSlot = (now: number, s: Schedule): number => latestSlot(latestSlot(now, s) + 7 * DAY_MS + 3 * 3_600_000, s);
