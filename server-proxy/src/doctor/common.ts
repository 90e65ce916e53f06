// What every doctor check shares: the result's shape and small helpers.
import mmClient from '@mattermost/client';
import { INSTANCE_HEADER } from '../health/health.routes.js';
import { AppError } from '../http/errors.js';

export type Status = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: Status;
  detail: string;
  fix?: string;
  data?: Record<string, unknown>;
}

/** Records a check's result. */
export type Add = (c: Check) => void;

export const { ClientError } = mmClient;

/** What answers at a /healthz address: the instance tag it tells, or what came instead. */
export async function probe(
  url: string,
  timeoutMs: number,
): Promise<{ instance: string | null; status?: number; ourError?: boolean; what: string }> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (err) {
    return { instance: null, what: `cannot be reached (${message(err)})` };
  }
  const body = await res.text().catch(() => '');
  const instance = res.headers.get(INSTANCE_HEADER);
  if (res.ok && instance) return { instance, status: res.status, what: 'ok' };
  let ourError = false;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    ourError = typeof parsed?.error?.code === 'string';
  } catch {
    /* not JSON */
  }
  const type = (res.headers.get('content-type') ?? 'no content type').split(';')[0];
  return { instance: null, status: res.status, ourError, what: `${res.status} ${type}, not the service's health answer` };
}

export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(what)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function message(err: unknown): string {
  // The gateway words an outage for a user who tried to change something; an administrator needs only what happened.
  if (err instanceof AppError) return err.message.replace(/; nothing was (changed|stored).*$/, '');
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.code ?? e?.message ?? String(err);
}

export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}
