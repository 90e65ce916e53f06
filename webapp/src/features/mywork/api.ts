import type {MyWork, MyWorkQuery} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The one call of "My work" (its chunk only).
export const getMyWork = (query: MyWorkQuery, o: Opts = {}) => service<MyWork>({url: '/me/work', params: query, signal: o.signal});
