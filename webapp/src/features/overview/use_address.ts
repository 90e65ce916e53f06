import {useEffect, useState} from 'react';

import {pluginId} from '../../manifest';

import {OVERVIEW_ROUTE} from './address';

export type OverviewAddress = {teamName: string | null; projectId: string | null};

// What the page's path names (the site may run under a subpath, so the plugin id is looked for).
export function readOverviewPath(pathname: string): OverviewAddress {
    const parts = pathname.split('/').filter(Boolean);
    const at = parts.findIndex((p, i) => i > 0 && p === pluginId && '/' + parts[i + 1] === OVERVIEW_ROUTE);
    const id = at < 0 ? null : parts[at + 2];
    return {teamName: at < 0 ? null : parts[at - 1], projectId: id ? decodeURIComponent(id) : null};
}

// The host draws the team page but does not tell it where its router goes: the page follows the
// router itself (Mattermost's browserHistory.listen; the browser's back and forward).
function watchLocation(listener: () => void): () => void {
    const history = window.WebappUtils?.browserHistory;
    window.addEventListener('popstate', listener);
    const stop = typeof history?.listen === 'function' ? history.listen(listener) : null;
    return () => {
        window.removeEventListener('popstate', listener);
        stop?.();
    };
}

export function useOverviewAddress(): OverviewAddress {
    const [pathname, setPathname] = useState(window.location.pathname);
    useEffect(() => watchLocation(() => setPathname(window.location.pathname)), []);
    return readOverviewPath(pathname);
}
