// Calendar arithmetic on the service's days (YYYY-MM-DD, UTC); weeks start on Monday (ISO 8601).
export type CalendarMode = 'month' | 'week';

const DAY = 86400000;

export const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(day + 'T00:00:00Z');
const mondayOf = (t: number) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;

// The days a view shows around `anchor`: its week, or its month padded out to whole weeks (≤ 42 days).
export function viewDays(mode: CalendarMode, anchor: string): string[] {
    const a = new Date(ms(anchor));
    const start = mode === 'week' ? mondayOf(a.getTime()) : mondayOf(Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), 1));
    const end = mode === 'week' ? start + 6 * DAY : mondayOf(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + 1, 0)) + 6 * DAY;
    const days: string[] = [];
    for (let t = start; t <= end; t += DAY) {
        days.push(toDay(t));
    }
    return days;
}

// The anchor one view earlier (-1) or later (1).
export function shiftAnchor(mode: CalendarMode, anchor: string, step: -1 | 1): string {
    const a = new Date(ms(anchor));
    return mode === 'week' ? toDay(a.getTime() + step * 7 * DAY) : toDay(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + step, 1));
}

export const sameMonth = (a: string, b: string) => a.slice(0, 7) === b.slice(0, 7);
