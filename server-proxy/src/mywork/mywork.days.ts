import { instantOf, wallOf } from '../digests/digest.schedule.js';

const DAY_MS = 86_400_000;

/** Where the task groups of "My work" begin and end, as instants. */
export interface DayBounds {
  now: number;
  todayStart: number;
  tomorrowStart: number;
  /** Monday 00:00 after the current ISO week (Monday to Sunday), local to the zone. */
  weekEnd: number;
}

/**
 * The caller's day and week around `now`, counted by the wall clock of `tz` (a day that a clock
 * change makes 23 or 25 hours long is still one day). A clock injected here is all the grouping
 * depends on: the same instant and zone always give the same groups.
 */
export function dayBounds(now: number, tz: string): DayBounds {
  const wall = new Date(wallOf(now, tz));
  const midnight = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  const isoWeekday = ((wall.getUTCDay() + 6) % 7) + 1;
  return {
    now,
    todayStart: instantOf(midnight, tz),
    tomorrowStart: instantOf(midnight + DAY_MS, tz),
    weekEnd: instantOf(midnight + (8 - isoWeekday) * DAY_MS, tz),
  };
}
