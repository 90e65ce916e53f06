import {pluginId} from '../../manifest';

// The overview is the plugin's team page: /<team>/<plugin id>/overview/<project id>.
export const OVERVIEW_ROUTE = '/overview';

export const overviewPath = (teamName: string, projectId: string) =>
    `/${teamName}/${pluginId}${OVERVIEW_ROUTE}/${encodeURIComponent(projectId)}`;
