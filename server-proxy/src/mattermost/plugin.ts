/** The plugin's id (plugin.json): Mattermost draws its team pages at `<site>/<team>/<id>/…`. */
export const PLUGIN_ID = 'throughline';

/** What the webapp's item page opens in the Throughline sidebar (its team route `/item/<kind>/<id>`). */
export type ItemLinkKind = 'task' | 'decision' | 'asset' | 'rollout';

/** The address that opens one record in the sidebar, in the team whose channel it is shown from. */
export const itemUrl = (siteUrl: string, teamName: string, kind: ItemLinkKind, id: string) =>
  `${siteUrl}/${encodeURIComponent(teamName)}/${PLUGIN_ID}/item/${kind}/${encodeURIComponent(id)}`;
