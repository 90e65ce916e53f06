import type {SearchPage, SearchQuery} from '@throughline/contract';

import {service, type Opts} from '../../client';

export const search = (query: SearchQuery, o: Opts = {}) => service<SearchPage>({url: '/search', params: query, signal: o.signal});
