import type {AssetDownloadPage, AssetDownloadsQuery, Shelf} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The shelf's and the downloads list's calls, in their chunk with them.
export const getShelf = (channelId: string, o: Opts = {}) =>
    service<Shelf>({url: '/channels/' + encodeURIComponent(channelId) + '/shelf', signal: o.signal});

export const getDownloads = (assetId: string, query: AssetDownloadsQuery, o: Opts = {}) =>
    service<AssetDownloadPage>({url: '/assets/' + encodeURIComponent(assetId) + '/downloads', params: query, signal: o.signal});
