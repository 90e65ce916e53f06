import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * start/done: a task; ack: an asset version's receipt; dack: a decision's receipt; decide: a proposed
 * decision (in its source channel); rack: an asset version's receipt for a rollout task's channel.
 */
export const BUTTON_ACTIONS = ['start', 'done', 'ack', 'dack', 'decide', 'rack'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

/** Compares a secret someone sent with ours in constant time. */
export const sameString = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface ButtonContext {
  a: ButtonAction;
  /** The object the button acts on (a task id, or a receipt id). */
  t: string;
  /** One-time nonce: a click is accepted once. */
  n: string;
  s: string;
}

/**
 * Mattermost strips `integration` (url and context) from posts before clients see them, so an HMAC
 * inside the context proves a click came through Mattermost; the nonce makes each button single-use.
 */
export class ActionSigner {
  constructor(private readonly secret: string) {}

  sign(a: ButtonAction, t: string): ButtonContext {
    const n = randomBytes(12).toString('base64url');
    return { a, t, n, s: this.mac(a, t, n) };
  }

  verify(ctx: unknown): Omit<ButtonContext, 's'> | null {
    const c = ctx as Partial<ButtonContext> | null;
    if (!c || typeof c !== 'object') return null;
    if (!BUTTON_ACTIONS.includes(c.a as ButtonAction) || typeof c.t !== 'string' || typeof c.n !== 'string' || typeof c.s !== 'string')
      return null;
    if (c.t.length > 80 || c.n.length > 32 || c.s.length > 64) return null;
    const expected = Buffer.from(this.mac(c.a!, c.t, c.n));
    const given = Buffer.from(c.s);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { a: c.a!, t: c.t, n: c.n };
  }

  private mac(a: string, t: string, n: string): string {
    return createHmac('sha256', this.secret).update(`${a}|${t}|${n}`).digest('base64url');
  }
}
