// Mattermost's registry methods accept positional arguments or ONE plain object whose keys are
// all among the documented names (webapp utils/func.ts reArg). Any other single object — one with
// a misspelt or extra key — is silently taken as the FIRST positional argument. This double does
// exactly that, and also reports the case, since it is nearly always a bug in the caller.
import { violation } from './recorder';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

export type Args = Record<string, unknown>;

export function reArg<R>(
  owner: { readonly id: string },
  call: string,
  keyOrder: string[],
  func: (args: Args) => R,
): (...args: unknown[]) => R {
  return (...args: unknown[]) => {
    const pluginId = owner.id;
    const single = args.length === 1 && isPlainObject(args[0]);
    if (single) {
      const keys = Object.keys(args[0] as object);
      const foreign = keys.filter((k) => !keyOrder.includes(k));
      if (foreign.length === 0) {
        return func(args[0] as Args);
      }
      violation(
        pluginId,
        call,
        `called with one object whose keys [${foreign.join(', ')}] are not among ` +
          `[${keyOrder.join(', ')}]; Mattermost takes that whole object as the first argument "${keyOrder[0]}"`,
      );
    }
    const zipped: Args = {};
    keyOrder.forEach((key, i) => {
      zipped[key] = args[i];
    });
    if (args.length > keyOrder.length) {
      violation(pluginId, call, `called with ${args.length} arguments; only ${keyOrder.length} are read (${keyOrder.join(', ')})`);
    }
    return func(zipped);
  };
}
