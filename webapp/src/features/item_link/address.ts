import {pluginId} from '../../manifest';

// An item link is a team page of the plugin: /<team>/<plugin id>/item/<kind>/<id>. The service's
// digest posts write these addresses (server-proxy/src/mattermost/plugin.ts).
export const ITEM_ROUTE = '/item';

const KINDS = ['task', 'decision', 'asset', 'rollout'] as const;
export type ItemKind = typeof KINDS[number];

export const isItemKind = (kind: string | null): kind is ItemKind => (KINDS as readonly string[]).includes(kind ?? '');

export type ItemAddress = {teamName: string | null; kind: string | null; id: string | null};

// What the path names (the site may run under a subpath, so the plugin id is looked for).
export function readItemPath(pathname: string): ItemAddress {
    const parts = pathname.split('/').filter(Boolean);
    const at = parts.findIndex((p, i) => i > 0 && p === pluginId && '/' + parts[i + 1] === ITEM_ROUTE);
    if (at < 0) {
        return {teamName: null, kind: null, id: null};
    }
    const [kind, id] = [parts[at + 2], parts[at + 3]].map((p) => (p ? safeDecode(p) : null));
    return {teamName: safeDecode(parts[at - 1]), kind, id};
}

function safeDecode(part: string): string {
    try {
        return decodeURIComponent(part);
    } catch {
        return part;
    }
}
