// Installed plugins (api4/plugin.go): the full list for a system admin, the active webapp manifests for anyone.
import type { FastifyInstance } from 'fastify';

import type { Controls, InstalledPlugin } from '../app.js';
import { permissionError } from '../errors.js';
import { isSystemAdmin } from '../state.js';

/** model.Manifest as GET /plugins lists it (the fields the stand-in knows). */
const manifest = (p: InstalledPlugin) => ({
  id: p.id,
  name: p.id,
  description: '',
  version: p.version,
  min_server_version: '7.0.0',
  ...(p.webapp === false ? {} : { webapp: { bundle_path: 'webapp/dist/main.js' } }),
});

export function pluginRoutes(api: FastifyInstance, ctl: Controls): void {
  // PluginsResponse {active, inactive}: needs the manage_system permission (sysconsole_read_plugins in newer servers).
  api.get('/plugins', async (req) => {
    if (!isSystemAdmin(req.me)) {
      throw permissionError();
    }
    const all = [...ctl.plugins.values()];
    return { active: all.filter((p) => p.enabled).map(manifest), inactive: all.filter((p) => !p.enabled).map(manifest) };
  });
  // Manifest.ClientManifest() of every active plugin with a webapp part; the login page loads them too.
  api.get('/plugins/webapp', { config: { public: true } }, async () =>
    [...ctl.plugins.values()]
      .filter((p) => p.enabled && p.webapp !== false)
      .map((p) => ({ id: p.id, version: p.version, webapp: { bundle_path: `/static/${p.id}/${p.id}_standin_bundle.js` } })),
  );
}
