import { AppError } from '../http/errors.js';

/* eslint-disable no-control-regex -- finding control characters is what these expressions are for */
// Control characters break logs, terminals and other clients; newline and tab are kept where prose is allowed.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Control, line-separator and direction characters: never in a name shown to others or offered for download. */
export const CONTROL_OR_DIRECTION = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Embedding, override and isolate characters: they make text read differently from what it is. */
const DIRECTION = /[\u202a-\u202e\u2066-\u2069]/;
const DIRECTION_ALL = /[\u202a-\u202e\u2066-\u2069]/g;
/** Every control character, to be replaced by a space where text becomes one line. */
export const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

export function singleLine(field: string, value: string, max: number): string {
  const v = value.trim();
  if (!v) throw new AppError('validation_failed', `${field} must not be empty`);
  if (CONTROL_SINGLE_LINE.test(v)) throw new AppError('validation_failed', `${field} must not contain control characters or line breaks`);
  if (DIRECTION.test(v)) throw new AppError('validation_failed', `${field} must not contain text-direction override characters`);
  if ([...v].length > max) throw new AppError('validation_failed', `${field} must be at most ${max} characters`);
  return v;
}

export function multiLine(field: string, value: string, max: number): string {
  const v = value.replace(/\r\n?/g, '\n').trimEnd();
  if (CONTROL_MULTI_LINE.test(v)) throw new AppError('validation_failed', `${field} must not contain control characters`);
  if (DIRECTION.test(v)) throw new AppError('validation_failed', `${field} must not contain text-direction override characters`);
  if ([...v].length > max) throw new AppError('validation_failed', `${field} must be at most ${max} characters`);
  return v;
}

/** Text someone wrote elsewhere (a message), without the direction characters our fields refuse. */
export const withoutDirection = (value: string): string => value.replace(DIRECTION_ALL, '');

/** Cuts to at most `max` characters (code points, so no emoji is split in half). */
export function cut(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max
    ? value
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}
