import type {
    Asset, AssetVersion, ClientConfig, CreateAsset, CreateTask, Decision, HistoryPage, ListTasksQuery, Me, PatchTask, Project, Task, TaskPage, VersionFromMattermost,
} from '@throughline/contract';

import type {Channel} from '@mattermost/types/channels';
import type {UserProfile} from '@mattermost/types/users';

import {apiBasePath} from './host/selectors';
import {csrfToken, siteBase} from './host/site';
import type {HostState} from './host/types';
import {send, TransportError, type RequestConfig} from './http';
import {pluginId} from './manifest';

// Every failure of every call becomes this one error, shaped like the service's {error:{code,message}}.
export class ApiError extends Error {
    readonly status: number;
    readonly code: string;

    // Extra fields of the service's error body, e.g. `current` on a 409 version_conflict.
    readonly details: Record<string, unknown>;

    constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.code = code;
        this.details = details;
    }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let getState: (() => HostState) | null = null;

// The base path is read per request, so a manifest change needs no reload.
export function bindClient(get: (() => HostState) | null) {
    getState = get;
}

const serviceBase = () => apiBasePath(getState?.()).replace(/\/$/, '') + '/api/v1';

type ErrorBody = {error?: {code?: unknown; message?: unknown}; id?: unknown; message?: unknown} | undefined;

// An answer outside 2xx: the service's {error:{code,message}}, Mattermost's {id, message, status_code}, or bare.
function statusError(status: number, statusText: string, data: ErrorBody): ApiError {
    const err = data?.error;
    if (err && typeof err.code === 'string') {
        const {code, message, ...details} = err;
        return new ApiError(status, code, typeof message === 'string' ? message : code, details);
    }
    if (data && typeof data.message === 'string') {
        return new ApiError(status, typeof data.id === 'string' ? data.id : 'http_' + status, data.message);
    }
    return new ApiError(status, 'http_' + status, statusText || 'HTTP ' + status);
}

function toApiError(e: unknown): ApiError {
    if (e instanceof TransportError) {
        return e.aborted ? new ApiError(0, 'aborted', 'aborted') : new ApiError(0, 'network', e.message);
    }
    return new ApiError(0, 'unknown', e instanceof Error ? e.message : String(e));
}

async function request<T>(config: RequestConfig): Promise<T> {
    const csrf = csrfToken();
    let res;
    try {
        res = await send({
            ...config,
            headers: {
                'X-Requested-With': 'XMLHttpRequest',
                ...(csrf ? {'X-CSRF-Token': csrf} : {}),
                ...config.headers,
            },
        });
    } catch (e) {
        throw toApiError(e);
    }
    if (res.status < 200 || res.status >= 300) {
        throw statusError(res.status, res.statusText, res.data as ErrorBody);
    }
    return res.data as T;
}

// The service's and Mattermost's API; feature modules in a chunk of their own build their calls on these.
export const service = <T>(config: RequestConfig) => request<T>({...config, url: serviceBase() + config.url});
export const mattermost = <T>(config: RequestConfig) => request<T>({...config, url: siteBase() + '/api/v4' + config.url});

export type Opts = {signal?: AbortSignal};

export const getProjects = (channelId: string, o: Opts = {}) =>
    service<{items: Project[]}>({url: '/projects', params: {channel_id: channelId}, signal: o.signal}).then((r) => r.items);

export const getProject = (id: string, o: Opts = {}) => service<Project>({url: '/projects/' + encodeURIComponent(id), signal: o.signal});

export const createProject = (name: string, channelId: string) =>
    service<Project>({method: 'POST', url: '/projects', data: {name, channel_id: channelId}});

export const createTask = (body: CreateTask, idempotencyKey: string) =>
    service<Task>({method: 'POST', url: '/tasks', data: body, headers: {'Idempotency-Key': idempotencyKey}});

export const getTask = (id: string, o: Opts = {}) =>
    service<Task>({url: '/tasks/' + encodeURIComponent(id), signal: o.signal});

export const patchTask = (id: string, patch: PatchTask) =>
    service<Task>({method: 'PATCH', url: '/tasks/' + encodeURIComponent(id), data: patch});

// Entries of a task's history asked for at a time.
export const HISTORY_PAGE = 50;

// One page of a task's history, newest first; `cursor` is the previous page's next_cursor.
export const getTaskHistory = (id: string, o: Opts & {cursor?: string | null; limit?: number} = {}) =>
    service<HistoryPage>({
        url: '/tasks/' + encodeURIComponent(id) + '/history',
        params: {limit: o.limit ?? HISTORY_PAGE, ...(o.cursor ? {cursor: o.cursor} : {})},
        signal: o.signal,
    });

// The scopes the webapp lists tasks by.
export type TaskScope = Pick<ListTasksQuery, 'project_id' | 'channel_id'>;

const PAGE = 500;
const MAX_PAGES = 100; // a guard against a cursor that never ends

// All tasks of a scope, following the cursor.
export async function getAllTasks(query: TaskScope, o: Opts = {}): Promise<Task[]> {
    const all: Task[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < MAX_PAGES; i++) {
        const params: Record<string, string | number> = {...query, limit: PAGE};
        if (cursor) {
            params.cursor = cursor;
        }

        // Sequential on purpose: each page needs the previous cursor.
        const page: TaskPage = await service({url: '/tasks', params, signal: o.signal});
        all.push(...page.items);
        cursor = page.next_cursor;
        if (!cursor) {
            break;
        }
    }
    return all;
}

export const getMe = (o: Opts = {}) => service<Me>({url: '/me', signal: o.signal});

export const getConfig = (o: Opts = {}) => service<ClientConfig>({url: '/config', signal: o.signal});

const assetPath = (id: string) => '/assets/' + encodeURIComponent(id);
const versionPath = (assetId: string, versionId: string) => assetPath(assetId) + '/versions/' + encodeURIComponent(versionId);

export const getAssets = (projectId: string, o: Opts = {}) =>
    service<{items: Asset[]}>({url: '/assets', params: {project_id: projectId}, signal: o.signal}).then((r) => r.items);

export const getAsset = (id: string, o: Opts = {}) => service<Asset>({url: assetPath(id), signal: o.signal});

export const createAsset = (body: CreateAsset) => service<Asset>({method: 'POST', url: '/assets', data: body});

export type UploadProgress = {loaded: number; total: number};

// Multipart with one part named `file`; the service streams it to disk.
export function uploadVersion(assetId: string, file: File, o: Opts & {onProgress?: (p: UploadProgress) => void} = {}) {
    const form = new FormData();
    form.append('file', file, file.name);
    return service<AssetVersion>({
        method: 'POST',
        url: assetPath(assetId) + '/versions',
        data: form,
        signal: o.signal,
        onUploadProgress: (e) => o.onProgress?.({loaded: e.loaded, total: e.total || file.size}),
    });
}

export const addVersionFromMattermost = (assetId: string, body: VersionFromMattermost) =>
    service<AssetVersion>({method: 'POST', url: assetPath(assetId) + '/versions/from-mattermost', data: body});

export const decideVersion = (assetId: string, versionId: string, decision: 'approve' | 'reject', comment: string) =>
    service<Asset>({method: 'POST', url: versionPath(assetId, versionId) + '/' + decision, data: comment.trim() ? {comment: comment.trim()} : {}});

export const confirmReceipt = (assetId: string, channelId: string) =>
    service<Asset>({method: 'POST', url: assetPath(assetId) + '/receipts/' + encodeURIComponent(channelId)});

// Same origin, so an <img> or a link sends the session cookie. A download from a card or a shelf names its channel.
export const versionFileUrl = (assetId: string, versionId: string, channelId?: string) =>
    serviceBase() + versionPath(assetId, versionId) + '/file' + (channelId ? '?channel_id=' + encodeURIComponent(channelId) : '');

export const exportUrl = (projectId: string, format: 'json' | 'html', locale: 'en' | 'ru') =>
    `${serviceBase()}/projects/${encodeURIComponent(projectId)}/export?format=${format}&locale=${locale}`;

export const decisionPath = (id: string) => '/decisions/' + encodeURIComponent(id);

export const getDecision = (id: string, o: Opts = {}) => service<Decision>({url: decisionPath(id), signal: o.signal});

export const confirmDecisionReceipt = (id: string, channelId: string) =>
    service<Decision>({method: 'POST', url: decisionPath(id) + '/receipts/' + encodeURIComponent(channelId)});

export const eventsUrl = (lastEventId: number | null) =>
    serviceBase() + '/events' + (lastEventId === null ? '' : '?last_event_id=' + lastEventId);

export const getChannelById = (id: string) => mattermost<Channel>({url: '/channels/' + encodeURIComponent(id)});

const MEMBERS_PAGE = 200;
const MEMBERS_MAX_PAGES = 5; // a picker of more than 1,000 people is no longer a picker

export async function getChannelMembers(channelId: string, o: Opts = {}): Promise<UserProfile[]> {
    const all: UserProfile[] = [];
    for (let page = 0; page < MEMBERS_MAX_PAGES; page++) {
        const users = await mattermost<UserProfile[]>({url: '/users', params: {in_channel: channelId, page, per_page: MEMBERS_PAGE}, signal: o.signal});
        all.push(...users);
        if (users.length < MEMBERS_PAGE) {
            break;
        }
    }
    return all.filter((u) => !u.delete_at && !u.is_bot); // people only: work is not assigned to bots
}

export const getProfilesByIds = (ids: string[]) =>
    mattermost<UserProfile[]>({method: 'POST', url: '/users/ids', data: ids});

// Plugin static files are served by Mattermost at /plugins/<id>/public/<file>.
export const publicUrl = (file: string) => `${siteBase()}/plugins/${pluginId}/public/${file}`;

export const getTranslationFile = (locale: string, o: Opts = {}) =>
    request<Record<string, string>>({url: publicUrl(`i18n/${locale}.json`), signal: o.signal});

export const fileUrl = (fileId: string) => `${siteBase()}/api/v4/files/${encodeURIComponent(fileId)}?download=1`;
