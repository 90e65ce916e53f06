import type {IntlShape} from 'react-intl';

const HOUR = 3600;
const DAY = 24 * HOUR;

// A length of time in the reader's language: days past two days, else hours, else minutes.
export function formatDuration(intl: IntlShape, seconds: number): string {
    let [value, unit] = [Math.max(1, seconds / 60), 'minute'];
    if (seconds >= 2 * DAY) {
        [value, unit] = [seconds / DAY, 'day'];
    } else if (seconds >= HOUR) {
        [value, unit] = [seconds / HOUR, 'hour'];
    }
    return intl.formatNumber(value, {style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: value < 10 ? 1 : 0});
}

// A calendar day of the service (UTC), shown as a date.
export const formatDay = (intl: IntlShape, day: string, o: Intl.DateTimeFormatOptions = {day: 'numeric', month: 'short'}) =>
    intl.formatDate(day + 'T00:00:00Z', {...o, timeZone: 'UTC'});
