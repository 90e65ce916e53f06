// What the registry double saw: plugin lifecycle, registrations (including those the sandbox does
// not draw), contract violations, and a button that reloads the plugin as an upgrade would.
import React, { useEffect, useState } from 'react';
import { useSelector } from 'react-redux';

import { RenderedComponents } from '../constants';
import { reloadPlugin } from '../plugin_loader';
import { onViolation, recorder } from '../recorder';

export function DebugPanel() {
  const [, setTick] = useState(0);
  useEffect(() => onViolation(() => setTick((t) => t + 1)), []);
  const components = useSelector((state: any) => state.plugins.components) as Record<string, any[]>;
  const postTypes = useSelector((state: any) => state.plugins.postTypes) as Record<string, any>;
  const rec = recorder();
  return (
    <section className="sandbox-debug" id="sandbox-debug" aria-label="sandbox debug panel">
      <h2>{'Plugins'}</h2>
      <ul>
        {Object.entries(rec.plugins).map(([id, p]) => (
          <li key={id}>
            <code>{id}</code>
            {` registered ×${p.registered}, initialized ×${p.initialized}, uninitialized ×${p.uninitialized}`}
            {p.initializeError && <pre className="sandbox-error">{p.initializeError}</pre>}
            <button type="button" className="sandbox-button sandbox-button--quiet" onClick={() => void reloadPlugin(id)}>
              {'Reload (as an upgrade)'}
            </button>
          </li>
        ))}
      </ul>
      <h2>{'Registered'}</h2>
      <ul>
        {Object.entries(components)
          .filter(([, list]) => list.length)
          .map(([name, list]) => (
            <li key={name}>
              {`${name}: ${list.length}`}
              {!RenderedComponents.has(name) && ' (kept, not drawn by the sandbox)'}
            </li>
          ))}
        {Object.keys(postTypes).map((t) => (
          <li key={t}>{`post type ${t}`}</li>
        ))}
      </ul>
      <h2>{`Contract violations (${rec.violations.length})`}</h2>
      <ul id="sandbox-violations">
        {rec.violations.map((v, i) => (
          <li key={i}>
            <code>{v.call}</code>
            {` (${v.pluginId}): ${v.message}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
