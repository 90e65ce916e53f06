import type {CreateFeed, CreatedFeed, FeedList} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The calendar feed calls (the calendar chunk only).
export const listFeeds = (o: Opts = {}) => service<FeedList>({url: '/me/feeds', signal: o.signal}).then((r) => r.items);

export const createFeed = (body: CreateFeed) => service<CreatedFeed>({method: 'POST', url: '/me/feeds', data: body});

export const revokeFeed = (id: string) => service<null>({method: 'DELETE', url: '/me/feeds/' + encodeURIComponent(id)});
