// The sandbox's package.json says "type": "module", so esbuild gives a CommonJS module's
// `module.exports` as the default import, as Node does; mattermost-redux's compiled modules put
// theirs on `exports.default`. This unwraps either shape.
export function cjsDefault<T>(mod: unknown): T {
  const m = mod as { default?: { default?: T } & T };
  return (m.default && (m.default as { default?: T }).default) ?? (m.default as T) ?? (mod as T);
}
