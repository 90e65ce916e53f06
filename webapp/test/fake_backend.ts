import {readFileSync} from 'fs';
import {join} from 'path';

import type {CreateTask, HistoryEntry, Project, Task, TaskStatus} from '@throughline/contract';

import type {UserProfile} from '@mattermost/types/users';

import {FakeAssets} from './fake_assets';
import {FakeDecisions} from './fake_decisions';
import {FakeHttp, newestFirstPage, type FakeRequest, type FakeResponse} from './fake_http';
import {FakeRollouts} from './fake_rollouts';
import {ANNA, BORIS, BOT, CHANNEL, ME, OTHER_CHANNEL, channels, posts, remoteChannels, users} from './fixtures';

export const CSRF = 'csrf-token-1';

const err = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) =>
    ({status, data: {error: {code, message, ...extra}}});

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

// An in-memory Throughline service and the few Mattermost routes the webapp calls, per docs/api.md.
export class FakeBackend {
    readonly http = new FakeHttp();
    projects: Project[] = [];
    tasks: Task[] = [];
    history: HistoryEntry[] = [];
    members: Record<string, string[]> = {[CHANNEL]: [ME, ANNA, BORIS, BOT], [OTHER_CHANNEL]: [ANNA, BORIS]};
    profiles: Record<string, UserProfile> = {...users};
    botUserId: string | null = BOT;
    readonly assets: FakeAssets;
    readonly decisions: FakeDecisions;
    readonly rollouts: FakeRollouts;
    private keys = new Map<string, {body: string; task: Task}>();

    constructor() {
        const api = '/throughline-api/api/v1';
        const h = this.http;
        h.on('GET', new RegExp(`^${api}/config$`), () => ({status: 200, data: {version: '0.1.0', limits: {}, bot_user_id: this.botUserId}}));
        h.on('GET', new RegExp(`^${api}/projects$`), (req) => ({status: 200, data: {items: this.projects.filter((p) => !req.query.channel_id || p.channel_ids.includes(req.query.channel_id)).map(this.assets.projectView)}}));
        h.on('GET', new RegExp(`^${api}/projects/([^/]+)$`), (_req, [id]) => {
            const p = this.projects.find((x) => x.id === id);
            return p ? {status: 200, data: this.assets.projectView(p)} : err(404, 'not_found', 'Project not found');
        });
        h.on('POST', new RegExp(`^${api}/projects$`), (req) => this.write(req, () => this.createProject(req.body as {name: string; channel_id: string})));
        h.on('POST', new RegExp(`^${api}/tasks$`), (req) => this.write(req, () => this.createTask(req)));
        h.on('GET', new RegExp(`^${api}/tasks$`), (req) => this.listTasks(req));
        h.on('POST', new RegExp(`^${api}/tasks/sources$`), (req) => this.write(req, () => {
            const ids = (req.body as {post_ids: string[]}).post_ids;
            return {status: 200, data: {items: this.tasks.filter((t) => t.source_post_id !== null && ids.includes(t.source_post_id) && this.mayRead(t))}};
        }));
        h.on('GET', new RegExp(`^${api}/tasks/([^/]+)/history$`), (req, [id]) => this.historyPage(id, req));
        h.on('GET', new RegExp(`^${api}/tasks/([^/]+)$`), (_req, [id]) => {
            const task = this.tasks.find((t) => t.id === id && this.mayRead(t));
            return task ? {status: 200, data: task} : err(404, 'not_found', 'Task not found');
        });
        h.on('PATCH', new RegExp(`^${api}/tasks/([^/]+)$`), (req, [id]) => this.write(req, () => this.patchTask(id, req.body as Record<string, unknown>)));
        h.on('GET', /^\/api\/v4\/users$/, (req) => {
            const ids = this.members[req.query.in_channel] ?? [];
            const page = Number(req.query.page ?? 0);
            const per = Number(req.query.per_page ?? 60);
            return {status: 200, data: ids.slice(page * per, (page + 1) * per).map((id) => this.profiles[id])};
        });
        h.on('POST', /^\/api\/v4\/users\/ids$/, (req) => ({status: 200, data: (req.body as string[]).map((id) => this.profiles[id]).filter(Boolean)}));
        h.on('GET', /^\/api\/v4\/channels\/([a-z0-9]{26})$/, (_req, [id]) => {
            const c = {...channels, ...remoteChannels}[id];
            return c ? {status: 200, data: c} : {status: 404, data: {id: 'app.channel.get.existing.app_error', message: 'Channel not found', status_code: 404}};
        });
        this.assets = new FakeAssets(h, (req, run) => this.write(req, run), this.members);
        this.decisions = new FakeDecisions(h, (req, run) => this.write(req, run), this.members, (t) => this.addTask(t));
        this.rollouts = new FakeRollouts(h, (req, run) => this.write(req, run), this);
        h.on('GET', /^\/plugins\/throughline\/public\/i18n\/(\w+)\.json$/, (_req, [locale]) =>
            ({status: 200, data: JSON.parse(readFileSync(join(__dirname, '../i18n', locale + '.json'), 'utf8'))}));
    }

    install() {
        this.http.install();
        document.cookie = `MMCSRF=${CSRF}; path=/`;
        return this;
    }

    // Cookie-authenticated writes must carry the CSRF headers, as the real service checks.
    private write<R extends FakeResponse | Promise<FakeResponse>>(req: FakeRequest, run: () => R): R | FakeResponse {
        if (req.headers['x-requested-with'] !== 'XMLHttpRequest' || req.headers['x-csrf-token'] !== CSRF) {
            return err(403, 'csrf_failed', 'CSRF check failed');
        }
        return run();
    }

    addProject(name: string, channelIds: string[]): Project {
        const p: Project = {id: uuid(), name, channel_id: channelIds[0], channel_ids: channelIds, created_by: ME, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', leads: [], permissions: []};
        this.projects.push(p);
        return p;
    }

    addTask(partial: Partial<Task> & {title: string}): Task {
        const at = new Date(Date.UTC(2025, 0, 1) + this.tasks.length * 1000).toISOString();
        const task: Task = {
            id: uuid(), description: '', status: 'todo', assignee_id: null, due_at: null, channel_id: CHANNEL, project_id: null,
            source_post_id: null, permalink: null, files: [], parent_id: null, rollout_id: null, created_by: ME, created_at: at, updated_at: at, version: 1, ...partial,
        };
        this.tasks.push(task);
        this.history.push({id: uuid(), task_id: task.id, actor_id: task.created_by, action: 'created', field: null, from: null, to: null, at});
        return task;
    }

    private createProject(body: {name: string; channel_id: string}) {
        if (!body.name?.trim()) {
            return err(400, 'validation_failed', 'name is required');
        }
        return {status: 201, data: this.assets.projectView(this.addProject(body.name, [body.channel_id]))};
    }

    private createTask(req: FakeRequest) {
        const body = req.body as CreateTask;
        const key = req.headers['idempotency-key'];
        const raw = JSON.stringify(body);
        const seen = key ? this.keys.get(key) : undefined;
        if (seen) {
            return seen.body === raw ? {status: 201, data: seen.task} : err(422, 'idempotency_key_reused', 'Idempotency-Key reused with a different body');
        }
        const post = body.post_id ? posts[body.post_id as keyof typeof posts] : undefined;
        if (!post) {
            return err(404, 'not_found', 'Post not found');
        }
        if (body.assignee_id && !(this.members[post.channel_id] ?? []).includes(body.assignee_id)) {
            return err(422, 'assignee_not_member', 'The assignee is not a member of this channel.');
        }
        const task = this.addTask({
            title: body.title ?? post.message.split('\n')[0],
            description: body.description ?? '',
            assignee_id: body.assignee_id ?? null,
            due_at: body.due_at ?? null,
            project_id: body.project_id ?? null,
            channel_id: post.channel_id,
            source_post_id: post.id,
            permalink: 'http://mm.test/team/pl/' + post.id,
        });
        if (key) {
            this.keys.set(key, {body: raw, task});
        }
        return {status: 201, data: task};
    }

    // Newest first, a page at a time, as the service pages it (the cursor is the last id shown).
    private historyPage(taskId: string, req: FakeRequest) {
        return newestFirstPage(this.history.filter((e) => e.task_id === taskId), req);
    }

    private listTasks(req: FakeRequest) {
        const {project_id: projectId, channel_id: channelId} = req.query;
        const limit = Number(req.query.limit ?? 100);
        const offset = Number(req.query.cursor ?? 0);
        const all = this.tasks.
            filter((t) => (!projectId || t.project_id === projectId) && (!channelId || t.channel_id === channelId) && this.mayRead(t)).
            sort((a, b) => b.created_at.localeCompare(a.created_at));
        const items = all.slice(offset, offset + limit);
        return {status: 200, data: {items, next_cursor: offset + limit < all.length ? String(offset + limit) : null}};
    }

    // A guest reads only the tasks of their channels (the fake lets everyone else read everything).
    private mayRead(task: Task) {
        return !this.assets.guest || (this.members[task.channel_id] ?? []).includes(ME);
    }

    // Someone else's edit, as another browser would make it.
    touch(id: string, changes: Partial<Task>) {
        const task = this.tasks.find((t) => t.id === id)!;
        Object.assign(task, changes, {version: task.version + 1});
        return task;
    }

    private patchTask(id: string, body: Record<string, unknown>) {
        const task = this.tasks.find((t) => t.id === id);
        if (!task) {
            return err(404, 'not_found', 'Task not found');
        }
        if (body.version !== task.version) {
            return err(409, 'version_conflict', 'The task was changed by someone else.', {current: {...task}});
        }
        const refused = body.status === 'done' && body.status !== task.status ? this.rollouts.doneRefusal(task) : null;
        if (refused) {
            return refused;
        }
        for (const field of ['title', 'description', 'status', 'assignee_id', 'due_at', 'project_id'] as const) {
            if (field in body && body[field] !== task[field]) {
                this.history.push({id: uuid(), task_id: id, actor_id: ME, action: 'updated', field, from: String(task[field]), to: String(body[field]), at: new Date().toISOString()});
                (task as Record<string, unknown>)[field] = body[field] as TaskStatus;
            }
        }
        task.version += 1;
        return {status: 200, data: {...task}};
    }
}
