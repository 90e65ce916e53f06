import {usePathname} from '../../host/navigation';
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

export function useOverviewAddress(): OverviewAddress {
    return readOverviewPath(usePathname());
}
