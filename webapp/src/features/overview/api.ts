import type {Due, DueQuery, Overview, OverviewCell, OverviewCellQuery} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The overview's calls (the overview chunk only).
const projectPath = (id: string) => '/projects/' + encodeURIComponent(id);

export const getOverview = (id: string, weeks: number, o: Opts = {}) =>
    service<Overview>({url: projectPath(id) + '/overview', params: {weeks}, signal: o.signal});

export const getOverviewCell = (id: string, query: OverviewCellQuery, o: Opts = {}) =>
    service<OverviewCell>({url: projectPath(id) + '/overview/cell', params: query, signal: o.signal});

export const getDue = (id: string, query: DueQuery, o: Opts = {}) =>
    service<Due>({url: projectPath(id) + '/due', params: query, signal: o.signal});
