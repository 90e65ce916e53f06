import type {CreateDecision, Decision, DecisionHistoryEntry, FollowUpTask, PatchDecision, Task} from '@throughline/contract';

import {newestFirstPage, type FakeHttp, type FakeRequest, type FakeResponse} from './fake_http';
import {ME, posts, thread} from './fixtures';

const err = (status: number, code: string, message: string): FakeResponse => ({status, data: {error: {code, message}}});

let seq = 0;
const uuid = () => `00000000-0000-4000-b000-${String(++seq).padStart(12, '0')}`;

// Relative to now, a minute apart, so "newest first" is the order they were made in.
const stamp = () => new Date(Date.now() - (1e6 - ++seq) * 60000).toISOString();

type Write = (req: FakeRequest, run: () => FakeResponse) => FakeResponse;
type Perm = Decision['permissions'][number];

const allPosts = () => ({...posts, ...thread});

// The decision routes of the service (docs/api.md, Decisions), in memory: who sees what follows the
// brief (members of an applied channel see the decision, only source-channel members its source).
export class FakeDecisions {
    items: Decision[] = [];
    history: DecisionHistoryEntry[] = [];
    guest = false;

    // What the caller may do with a decision; a test may narrow or widen it.
    permissionsFor: (d: Decision) => Perm[] = (d) => {
        const staff = !this.guest;
        const p: Perm[] = [];
        if (d.status === 'proposed' && (d.recorded_by === ME || d.proposed_by === ME)) {
            p.push('decision.edit');
        }
        if (d.status === 'proposed' && staff && (d.approver_id === ME || (d.approver_id === null && this.member(d.source_channel_id)))) {
            p.push('decision.decide');
        }
        if (staff && (d.status === 'proposed' || d.status === 'decided')) {
            p.push('decision.revoke');
        }
        if (staff && d.status === 'decided') {
            p.push('decision.supersede');
        }
        return p;
    };

    constructor(http: FakeHttp, write: Write, private members: Record<string, string[]>, private addTask: (t: Partial<Task> & {title: string}) => Task) {
        const api = '/throughline-api/api/v1/decisions';
        http.on('GET', new RegExp(`^${api}$`), (req) => this.list(req.query));
        http.on('POST', new RegExp(`^${api}$`), (req) => write(req, () => this.create(req.body as CreateDecision)));
        http.on('GET', new RegExp(`^${api}/([^/]+)$`), (_req, [id]) => this.answer(id, (d) => d));
        http.on('PATCH', new RegExp(`^${api}/([^/]+)$`), (req, [id]) => write(req, () => this.patch(id, req.body as PatchDecision)));
        http.on('POST', new RegExp(`^${api}/([^/]+)/decide$`), (req, [id]) => write(req, () => this.decide(id, (req.body as {version: number}).version)));
        http.on('POST', new RegExp(`^${api}/([^/]+)/revoke$`), (req, [id]) => write(req, () => this.revoke(id, req.body as {version: number; reason: string})));
        http.on('POST', new RegExp(`^${api}/([^/]+)/receipts/([^/]+)$`), (req, [id, channelId]) => write(req, () => this.confirm(id, channelId)));
        http.on('GET', new RegExp(`^${api}/([^/]+)/history$`), (req, [id]) => (this.find(id) ? newestFirstPage(this.history.filter((e) => e.decision_id === id), req) : err(404, 'not_found', 'Decision not found')));
        http.on('POST', new RegExp(`^${api}/([^/]+)/tasks$`), (req, [id]) => write(req, () => this.followUp(id, req.body as FollowUpTask)));
        http.on('GET', /^\/api\/v4\/posts\/([a-z0-9]{26})\/thread$/, (_req, [id]) => {
            const all = Object.values(allPosts());
            const post = all.find((p) => p.id === id);
            if (!post) {
                return {status: 404, data: {id: 'app.post.get.app_error', message: 'Post not found', status_code: 404}};
            }
            const root = post.root_id || post.id;
            const list = all.filter((p) => p.id === root || p.root_id === root);
            return {status: 200, data: {order: list.map((p) => p.id), posts: Object.fromEntries(list.map((p) => [p.id, p]))}};
        });
    }

    private member(channelId: string | null) {
        return Boolean(channelId) && (this.members[channelId as string] ?? []).includes(ME);
    }

    private visible(d: Decision) {
        return d.channel_ids.some((c) => this.member(c)) || this.member(d.source_channel_id);
    }

    // The decision as this caller may see it.
    view = (d: Decision): Decision => {
        const source = this.member(d.source_channel_id);
        return {
            ...d,
            source_visible: source,
            source_channel_id: source ? d.source_channel_id : null,
            source_post_id: source ? d.source_post_id : null,
            permalink: source ? d.permalink : null,
            source_text: source ? d.source_text : null,
            quotes: source ? d.quotes : [],
            receipts: this.guest ? d.receipts.filter((r) => this.member(r.channel_id)) : d.receipts,
            permissions: this.permissionsFor(d),
        };
    };

    private find(id: string) {
        const d = this.items.find((x) => x.id === id);
        return d && this.visible(d) ? d : undefined;
    }

    private answer(id: string, render: (d: Decision) => unknown): FakeResponse {
        const d = this.find(id);
        return d ? {status: 200, data: render(this.view(d))} : err(404, 'not_found', 'Decision not found');
    }

    private log(d: Decision, action: DecisionHistoryEntry['action'], extra: Partial<DecisionHistoryEntry> = {}) {
        this.history.push({id: uuid(), decision_id: d.id, actor_id: ME, action, field: null, from: null, to: null, channel_id: null, at: stamp(), ...extra});
    }

    // A decision as another user (or an earlier session) recorded it.
    add(partial: Partial<Decision> & {project_id: string; statement: string; channel_ids: string[]}): Decision {
        const at = stamp();
        const d: Decision = {
            id: uuid(), rationale: '', status: 'proposed', proposed_by: ME, recorded_by: ME, approver_id: null, decided_by: null, decided_at: null,
            revoked_by: null, revoked_at: null, revoke_reason: null, supersedes_id: null, superseded_by_id: null, source_visible: true,
            source_channel_id: partial.channel_ids[0], source_post_id: null, permalink: null, source_text: null, quotes: [], task_ids: [], asset_version_ids: [],
            receipts: [], created_at: at, updated_at: at, version: 1, permissions: [], ...partial,
        };
        if (d.status !== 'proposed' && !d.receipts.length) {
            d.receipts = d.channel_ids.map((c) => ({channel_id: c, confirmed_by: null, confirmed_at: null}));
            d.decided_by = d.decided_by ?? ME;
            d.decided_at = d.decided_at ?? at;
        }
        this.items.push(d);
        this.history.push({id: uuid(), decision_id: d.id, actor_id: d.recorded_by, action: 'recorded', field: null, from: null, to: null, channel_id: null, at});
        return d;
    }

    // Someone else confirmed a channel's receipt, as another browser would.
    confirmAs(id: string, channelId: string, userId: string) {
        const d = this.items.find((x) => x.id === id)!;
        Object.assign(d.receipts.find((r) => r.channel_id === channelId)!, {confirmed_by: userId, confirmed_at: stamp()});
        d.version += 1;
    }

    private list(q: Record<string, string>): FakeResponse {
        const limit = Number(q.limit ?? 50);
        const offset = Number(q.cursor ?? 0);
        const text = (q.q ?? '').toLowerCase();
        const all = this.items.filter((d) => this.visible(d) &&
            (!q.project_id || d.project_id === q.project_id) &&
            (!q.status || d.status === q.status) &&
            (!q.channel_id || d.channel_ids.includes(q.channel_id)) &&
            (!q.person_id || [d.proposed_by, d.recorded_by, d.approver_id, d.decided_by].includes(q.person_id)) &&
            (!text || d.statement.toLowerCase().includes(text) || d.rationale.toLowerCase().includes(text))).
            sort((a, b) => b.created_at.localeCompare(a.created_at));
        const items = all.slice(offset, offset + limit).map(this.view);
        return {status: 200, data: {items, next_cursor: offset + limit < all.length ? String(offset + limit) : null}};
    }

    private create(body: CreateDecision): FakeResponse {
        const post = body.post_id ? allPosts()[body.post_id] : undefined;
        if (body.post_id && !post) {
            return err(404, 'not_found', 'Post not found');
        }
        const statement = (body.statement ?? post?.message ?? '').trim();
        if (!statement) {
            return err(400, 'validation_failed', 'statement is required');
        }
        const channelId = post?.channel_id ?? body.channel_id!;
        const channelIds = body.channel_ids ?? [channelId];
        if (body.approver_id && !(this.members[channelId] ?? []).includes(body.approver_id)) {
            return err(422, 'approver_not_eligible', 'The approver must be a non-guest member of the source channel');
        }
        const quotes = (body.quote_post_ids ?? []).map((id) => allPosts()[id]).filter(Boolean).
            map((p) => ({post_id: p.id, user_id: p.user_id, message: p.message, created_at: new Date(p.create_at).toISOString()}));
        const d = this.add({
            project_id: body.project_id, statement, rationale: body.rationale ?? '', channel_ids: channelIds, approver_id: body.approver_id ?? null,
            proposed_by: post?.user_id ?? ME, source_channel_id: channelId, source_post_id: post?.id ?? null, source_text: post?.message ?? null,
            permalink: post ? 'http://mm.test/team/pl/' + post.id : null, quotes, task_ids: body.task_ids ?? [], asset_version_ids: body.asset_version_ids ?? [],
            supersedes_id: body.supersedes_id ?? null,
        });
        return {status: 201, data: this.view(d)};
    }

    private guard(id: string, version: number, need: Perm): Decision | FakeResponse {
        const d = this.find(id);
        if (!d) {
            return err(404, 'not_found', 'Decision not found');
        }
        if (!this.permissionsFor(d).includes(need)) {
            return d.status === 'proposed' ? err(403, 'forbidden', 'You may not do this') : err(409, 'decision_closed', 'This decision is ' + d.status);
        }
        if (version !== d.version) {
            return err(409, 'version_conflict', 'Changed by someone else');
        }
        return d;
    }

    private patch(id: string, body: PatchDecision): FakeResponse {
        const d = this.guard(id, body.version, 'decision.edit');
        if (!('id' in d)) {
            return d;
        }
        for (const field of ['statement', 'rationale', 'approver_id', 'channel_ids', 'task_ids', 'asset_version_ids'] as const) {
            if (field in body && JSON.stringify(body[field]) !== JSON.stringify(d[field])) {
                this.log(d, 'updated', {field, from: JSON.stringify(d[field]), to: JSON.stringify(body[field])});
                (d as unknown as Record<string, unknown>)[field] = body[field];
            }
        }
        d.version += 1;
        return {status: 200, data: this.view(d)};
    }

    private decide(id: string, version: number): FakeResponse {
        const d = this.guard(id, version, 'decision.decide');
        if (!('id' in d)) {
            return d;
        }
        Object.assign(d, {status: 'decided', decided_by: ME, decided_at: stamp(), version: d.version + 1,
            receipts: d.channel_ids.map((c) => ({channel_id: c, confirmed_by: null, confirmed_at: null}))});
        this.log(d, 'decided');
        const old = d.supersedes_id ? this.items.find((x) => x.id === d.supersedes_id) : undefined;
        if (old) {
            Object.assign(old, {status: 'superseded', superseded_by_id: d.id, version: old.version + 1});
            this.log(old, 'superseded');
        }
        return {status: 200, data: this.view(d)};
    }

    private revoke(id: string, body: {version: number; reason: string}): FakeResponse {
        const d = this.guard(id, body.version, 'decision.revoke');
        if (!('id' in d)) {
            return d;
        }
        Object.assign(d, {status: 'revoked', revoked_by: ME, revoked_at: stamp(), revoke_reason: body.reason, version: d.version + 1});
        this.log(d, 'revoked');
        return {status: 200, data: this.view(d)};
    }

    private confirm(id: string, channelId: string): FakeResponse {
        const d = this.find(id);
        const receipt = d?.receipts.find((r) => r.channel_id === channelId);
        if (!d || !receipt) {
            return err(404, 'not_found', 'This decision was not sent to that channel');
        }
        if (!this.member(channelId)) {
            return err(403, 'forbidden', 'Only a member of that channel can confirm its receipt');
        }
        if (!receipt.confirmed_by) {
            Object.assign(receipt, {confirmed_by: ME, confirmed_at: stamp()});
            d.version += 1;
            this.log(d, 'receipt_confirmed', {channel_id: channelId});
        }
        return {status: 200, data: this.view(d)};
    }

    private followUp(id: string, body: FollowUpTask): FakeResponse {
        const d = this.find(id);
        if (!d) {
            return err(404, 'not_found', 'Decision not found');
        }
        if (!d.channel_ids.includes(body.channel_id) || !this.member(body.channel_id)) {
            return err(403, 'forbidden', 'Not one of your channels this decision applies to');
        }
        const task = this.addTask({title: body.title ?? d.statement.split('\n')[0], channel_id: body.channel_id, project_id: d.project_id});
        d.task_ids = [...d.task_ids, task.id];
        d.version += 1;
        this.log(d, 'linked', {field: 'task_ids'});
        return {status: 201, data: task};
    }
}
