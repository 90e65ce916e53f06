import { randomBytes } from 'node:crypto';

/** UUIDv7: time-ordered, so "newest first" is "highest id first" and ids make stable cursors. */
export function newId(): string {
  const b = randomBytes(16);
  const ms = Date.now();
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const nowIso = (): string => new Date().toISOString();
