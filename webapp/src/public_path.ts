import {publicUrl} from './client';

declare let __webpack_public_path__: string;

// Chunks loaded on demand are served with the plugin's static files: Mattermost serves only
// /plugins/<id>/public/<file> (MATTERMOST.md), not the folder the bundle came from. Outside
// webpack (tests) there is no such variable and nothing to do.
if (typeof __webpack_public_path__ === 'string') {
    __webpack_public_path__ = publicUrl('');
}
