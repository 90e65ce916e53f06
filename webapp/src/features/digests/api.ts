import type {Digest, DigestList, DigestSettings, DigestSubscription, UpdateDigestSettings} from '@throughline/contract';

import {service, type Opts} from '../../client';

// The digest calls (the digests chunk only).
const projectPath = (id: string) => '/projects/' + encodeURIComponent(id);

export const getDigestSettings = (projectId: string, o: Opts = {}) =>
    service<DigestSettings>({url: projectPath(projectId) + '/digest-settings', signal: o.signal});

export const updateDigestSettings = (projectId: string, body: UpdateDigestSettings) =>
    service<DigestSettings>({method: 'PATCH', url: projectPath(projectId) + '/digest-settings', data: body});

export const setDigestSubscription = (projectId: string, on: boolean) =>
    service<DigestSubscription>({method: on ? 'PUT' : 'DELETE', url: projectPath(projectId) + '/digest-subscription'});

export const compileDigest = (projectId: string) => service<Digest>({method: 'POST', url: projectPath(projectId) + '/digests'});

export const listDigests = (projectId: string, o: Opts = {}) =>
    service<DigestList>({url: projectPath(projectId) + '/digests', signal: o.signal}).then((r) => r.items);

export const getDigest = (id: string, o: Opts = {}) => service<Digest>({url: '/digests/' + encodeURIComponent(id), signal: o.signal});
