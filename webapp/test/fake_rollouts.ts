import type {CreateRollout, Project, ReceiptRequired, Rollout, RolloutRow, Task} from '@throughline/contract';

import type {FakeAssets} from './fake_assets';
import type {FakeHttp, FakeRequest, FakeResponse} from './fake_http';
import {ME} from './fixtures';

const err = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): FakeResponse =>
    ({status, data: {error: {code, message, ...extra}}});

let seq = 0;
const uuid = () => `00000000-0000-4000-c000-${String(++seq).padStart(12, '0')}`;

type Write = (req: FakeRequest, run: () => FakeResponse) => FakeResponse;

type Stored = {id: string; task_id: string; project_id: string; asset_id: string | null; channel_ids: string[]; created_at: string};

type Backend = {
    tasks: Task[];
    projects: Project[];
    members: Record<string, string[]>;
    assets: FakeAssets;
    addTask(partial: Partial<Task> & {title: string}): Task;
};

const OPEN = new Set(['todo', 'in_progress', 'review']);

// The rollout routes of the service (docs/api.md, Rollouts), in memory: who sees which rows, and the
// done that waits for the channel's receipt of the approved version.
export class FakeRollouts {
    items: Stored[] = [];

    constructor(http: FakeHttp, write: Write, private b: Backend) {
        const api = '/throughline-api/api/v1';
        http.on('POST', new RegExp(`^${api}/rollouts$`), (req) => write(req, () => this.create(req.body as CreateRollout)));
        http.on('GET', new RegExp(`^${api}/rollouts/([^/]+)$`), (_req, [id]) => {
            const r = this.find(id);
            return r ? {status: 200, data: this.view(r)} : err(404, 'not_found', 'Rollout not found');
        });
        http.on('POST', new RegExp(`^${api}/rollouts/([^/]+)/channels$`), (req, [id]) =>
            write(req, () => this.add(id, (req.body as {channel_ids: string[]}).channel_ids)));
        http.on('PUT', new RegExp(`^${api}/projects/([^/]+)/channels/([^/]+)/lead$`), (req, [id, channelId]) =>
            write(req, () => this.setLead(id, channelId, (req.body as {user_id: string | null}).user_id)));
    }

    private member(channelId: string, userId = ME) {
        return (this.b.members[channelId] ?? []).includes(userId);
    }

    private find(id: string) {
        const r = this.items.find((x) => x.id === id);
        const parent = r && this.b.tasks.find((t) => t.id === r.task_id);
        return r && parent && (this.member(parent.channel_id) || r.channel_ids.some((c) => this.member(c))) ? r : undefined;
    }

    private approved(r: Stored) {
        const asset = r.asset_id ? this.b.assets.items.find((a) => a.id === r.asset_id) : undefined;
        const v = asset?.versions.find((x) => x.id === asset.approved_version_id);
        return {asset, version: v ? {id: v.id, number: v.number, file_name: v.file_name} : null};
    }

    view(r: Stored): Rollout {
        const {asset, version} = this.approved(r);
        const parent = this.b.tasks.find((t) => t.id === r.task_id)!;
        const rows: RolloutRow[] = r.channel_ids.filter((c) => this.member(c)).map((c) => {
            const task = this.b.tasks.find((t) => t.rollout_id === r.id && t.parent_id && t.channel_id === c)!;
            const receipt = version ? asset!.receipts.find((x) => x.channel_id === c) ?? null : null;
            return {channel_id: c, task: {...task}, overdue: OPEN.has(task.status) && task.due_at !== null && Date.parse(task.due_at) < Date.now(), receipt};
        });
        const count = (s: Task['status']) => rows.filter((x) => x.task.status === s).length;
        return {
            id: r.id, task_id: r.task_id, project_id: r.project_id, asset_id: r.asset_id, asset_name: asset?.name ?? null, approved_version: version,
            created_by: ME, created_at: r.created_at, updated_at: r.created_at,
            counts: {
                total: rows.length, todo: count('todo'), in_progress: count('in_progress'), review: count('review'), done: count('done'), cancelled: count('cancelled'),
                overdue: rows.filter((x) => x.overdue).length, confirmed: rows.filter((x) => x.receipt?.confirmed_at).length,
            },
            rows,
            permissions: !this.b.assets.guest && this.member(parent.channel_id) ? ['rollout.add_channel'] : [],
        };
    }

    private check(project: Project, channelIds: string[], taken: string[]): FakeResponse | null {
        for (const c of channelIds) {
            if (!project.channel_ids.includes(c)) {
                return err(422, 'channel_not_in_project', 'That channel is not part of the project');
            }
            if (!this.member(c)) {
                return err(422, 'not_channel_member', 'You can roll out only to channels you are a member of');
            }
            if (taken.includes(c)) {
                return err(409, 'already_rolled_out', 'That channel already has its task in this rollout');
            }
        }
        return null;
    }

    private spawn(r: Stored, parent: Task, project: Project, channelIds: string[]) {
        for (const c of channelIds) {
            this.b.addTask({
                title: parent.title, description: parent.description, due_at: parent.due_at, files: parent.files, channel_id: c, project_id: project.id,
                parent_id: parent.id, rollout_id: r.id, assignee_id: project.leads.find((l) => l.channel_id === c)?.user_id ?? null,
            });
            r.channel_ids.push(c);
        }
    }

    // A rollout made earlier (by whoever), for a test to start from: its children, ids in channel order.
    start(body: CreateRollout): Task[] {
        const res = this.create(body);
        if (res.status !== 201) {
            throw new Error('could not start the rollout: ' + JSON.stringify(res.data));
        }
        const id = (res.data as Rollout).id;
        return body.channel_ids.map((c) => this.b.tasks.find((t) => t.rollout_id === id && t.channel_id === c)!);
    }

    private create(body: CreateRollout): FakeResponse {
        const parent = this.b.tasks.find((t) => t.id === body.task_id && this.member(t.channel_id));
        if (!parent) {
            return err(404, 'not_found', 'Task not found');
        }
        const project = this.b.projects.find((p) => p.id === parent.project_id);
        if (!project || parent.parent_id) {
            return err(422, 'not_rollable', 'This task cannot be rolled out');
        }
        if (parent.rollout_id) {
            return err(409, 'already_rolled_out', 'This task is already rolled out; add channels to it instead');
        }
        if (this.b.assets.guest) {
            return err(403, 'forbidden', 'Guests cannot roll out tasks');
        }
        const refused = this.check(project, body.channel_ids, [parent.channel_id]);
        if (refused) {
            return refused;
        }
        if (body.asset_id && !this.b.assets.items.some((a) => a.id === body.asset_id && a.project_id === project.id)) {
            return err(422, 'asset_unavailable', 'No such asset in this project');
        }
        const r: Stored = {id: uuid(), task_id: parent.id, project_id: project.id, asset_id: body.asset_id ?? null, channel_ids: [], created_at: new Date().toISOString()};
        this.items.push(r);
        this.spawn(r, parent, project, body.channel_ids);
        Object.assign(parent, {rollout_id: r.id, version: parent.version + 1});
        return {status: 201, data: this.view(r)};
    }

    private add(id: string, channelIds: string[]): FakeResponse {
        const r = this.find(id);
        if (!r) {
            return err(404, 'not_found', 'Rollout not found');
        }
        const parent = this.b.tasks.find((t) => t.id === r.task_id)!;
        const project = this.b.projects.find((p) => p.id === r.project_id)!;
        const refused = this.check(project, channelIds, [parent.channel_id, ...r.channel_ids]);
        if (refused) {
            return refused;
        }
        this.spawn(r, parent, project, channelIds);
        return {status: 200, data: this.view(r)};
    }

    private setLead(projectId: string, channelId: string, userId: string | null): FakeResponse {
        const project = this.b.projects.find((p) => p.id === projectId && p.channel_ids.some((c) => this.member(c)));
        if (!project) {
            return err(404, 'not_found', 'Project not found');
        }
        if (!project.channel_ids.includes(channelId)) {
            return err(422, 'channel_not_in_project', 'That channel is not part of the project');
        }
        if (!this.member(channelId) || (userId && !this.member(channelId, userId))) {
            return err(422, 'not_channel_member', 'The lead must be a member of the channel');
        }
        project.leads = [...project.leads.filter((l) => l.channel_id !== channelId), ...(userId ? [{channel_id: channelId, user_id: userId}] : [])];
        return {status: 200, data: this.b.assets.projectView(project)};
    }

    // A done of a rolled-out task, refused while its channel has not confirmed the approved version.
    doneRefusal(task: Task): FakeResponse | null {
        const r = task.parent_id ? this.items.find((x) => x.id === task.rollout_id) : undefined;
        if (!r?.asset_id) {
            return null;
        }
        const {asset, version} = this.approved(r);
        const receipt = asset?.receipts.find((x) => x.channel_id === task.channel_id);
        if (version && receipt?.confirmed_at) {
            return null;
        }
        const required: ReceiptRequired = {asset_id: r.asset_id, asset_name: asset?.name ?? '', channel_id: task.channel_id, version};
        return err(409, 'receipt_required', 'Confirm receipt of the approved version first', {required});
    }
}
