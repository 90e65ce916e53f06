import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new id shaped like Mattermost's: 26 chars of [a-z0-9]. */
export function newId(): string {
  let id = '';
  for (const byte of randomBytes(26)) {
    id += ALPHABET[byte % ALPHABET.length];
  }
  return id;
}

/** model.IsValidId: exactly 26 letters or digits. */
export function isValidId(id: string): boolean {
  return /^[A-Za-z0-9]{26}$/.test(id);
}

/**
 * A readable, stable fixture id: prefix + name, padded with zeros to 26 chars,
 * so a failing test names the object it was about.
 */
export function fixtureId(prefix: string, name: string): string {
  const id = (prefix + name.toLowerCase().replace(/[^a-z0-9]/g, '')).padEnd(26, '0');
  if (id.length !== 26) {
    throw new Error(`fixture id too long: ${id}`);
  }
  return id;
}
