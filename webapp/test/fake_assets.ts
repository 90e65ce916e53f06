import type {Asset, AssetDownload, AssetVersion, CreateAsset, Me, Permission, Project, Shelf, VersionFromMattermost, VersionState} from '@throughline/contract';

import type {FakeHttp, FakeRequest, FakeResponse} from './fake_http';
import {ME, posts} from './fixtures';

const err = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): FakeResponse =>
    ({status, data: {error: {code, message, ...extra}}});

let seq = 0;
const uuid = () => `00000000-0000-4000-a000-${String(++seq).padStart(12, '0')}`;
const now = () => new Date(Date.UTC(2025, 1, 1) + seq * 60000).toISOString();

function readText(file: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsText(file);
    });
}

type Write = (req: FakeRequest, run: () => FakeResponse | Promise<FakeResponse>) => FakeResponse | Promise<FakeResponse>;

// What the service grants, as server-proxy/src/access/policy.ts decides it for a member (guest or not) of the channels.
const GUEST_MAY: Permission[] = ['project.read', 'task.read', 'task.create', 'task.update', 'asset.read', 'asset.add_version', 'receipt.confirm', 'shelf.read'];
const STAFF_MAY: Permission[] = [
    ...GUEST_MAY, 'project.create', 'project.link', 'project.unlink', 'asset.create', 'asset.approve', 'asset.read_downloads', 'rollout.create', 'project.set_lead', 'project.export',
];
const only = <P extends Permission>(granted: Permission[], of: readonly P[]) => of.filter((p) => granted.includes(p));

// The asset routes of the service (docs/api.md, Assets), in memory. `sha256` is the content itself.
export class FakeAssets {
    items: Asset[] = [];
    guest = false;

    /** Recorded downloads, newest first, as GET /assets/:id/downloads answers them. */
    downloads: Array<AssetDownload & {asset_id: string}> = [];

    get me(): Me {
        return {user_id: ME, username: 'me', is_guest: this.guest, permissions: this.guest ? GUEST_MAY : STAFF_MAY};
    }

    // An object's `permissions` are the caller's, so they are filled in as it is sent.
    projectView = (p: Project): Project => ({...p, permissions: only(this.me.permissions, ['project.link', 'project.unlink', 'asset.create', 'task.create', 'rollout.create', 'project.set_lead', 'project.export'] as const)});
    private view = (a: Asset): Asset => ({...a, permissions: only(this.me.permissions, ['asset.add_version', 'asset.approve', 'asset.read_downloads', 'receipt.confirm'] as const)});

    constructor(http: FakeHttp, write: Write, private members: Record<string, string[]>) {
        const api = '/throughline-api/api/v1';
        http.on('GET', new RegExp(`^${api}/me$`), () => ({status: 200, data: this.me}));
        http.on('GET', new RegExp(`^${api}/assets$`), (req) =>
            ({status: 200, data: {items: this.items.filter((a) => a.project_id === req.query.project_id && this.visible(a)).map(this.view)}}));
        http.on('POST', new RegExp(`^${api}/assets$`), (req) => write(req, () => this.create(req.body as CreateAsset)));
        http.on('GET', new RegExp(`^${api}/assets/([^/]+)$`), (_req, [id]) => {
            const asset = this.find(id);
            return asset ? {status: 200, data: this.view(asset)} : err(404, 'not_found', 'Asset not found');
        });
        http.on('POST', new RegExp(`^${api}/assets/([^/]+)/versions$`), (req, [id]) => write(req, () => this.upload(id, req.body)));
        http.on('POST', new RegExp(`^${api}/assets/([^/]+)/versions/from-mattermost$`), (req, [id]) =>
            write(req, () => this.fromMattermost(id, req.body as VersionFromMattermost)));
        http.on('POST', new RegExp(`^${api}/assets/([^/]+)/versions/([^/]+)/(approve|reject)$`), (req, [id, versionId, decision]) =>
            write(req, () => this.decide(id, versionId, decision as 'approve' | 'reject', (req.body as {comment?: string} | undefined)?.comment)));
        http.on('POST', new RegExp(`^${api}/assets/([^/]+)/receipts/([^/]+)$`), (req, [id, channelId]) => write(req, () => this.confirm(id, channelId)));
        http.on('GET', new RegExp(`^${api}/channels/([^/]+)/shelf$`), (_req, [channelId]) => {
            if (!(this.members[channelId] ?? []).includes(this.me.user_id)) {
                return err(404, 'not_found', 'Channel not found');
            }
            const items = this.items.filter((a) => a.channel_ids.includes(channelId) && a.approved_version_id).map((a) => ({
                asset_id: a.id, asset_name: a.name, project_id: a.project_id,
                version: a.versions.find((v) => v.id === a.approved_version_id)!,
                receipt: a.receipts.find((r) => r.channel_id === channelId)!,
            }));
            const shelf: Shelf = {channel_id: channelId, items: items.sort((x, y) => x.asset_name.localeCompare(y.asset_name))};
            return {status: 200, data: shelf};
        });
        http.on('GET', new RegExp(`^${api}/assets/([^/]+)/downloads$`), (req, [id]) => {
            if (this.guest) {
                return err(403, 'forbidden', 'Guests cannot see who downloaded the versions of an asset');
            }
            const late = req.query.superseded === 'true';
            const items = this.downloads.filter((d) => d.asset_id === id && (!late || d.after_superseded)).map(({asset_id: _a, ...d}) => d);
            return {status: 200, data: {items, next_cursor: null}};
        });
    }

    private visible(asset: Asset) {
        return asset.channel_ids.some((c) => (this.members[c] ?? []).includes(this.me.user_id));
    }

    find(id: string) {
        const asset = this.items.find((a) => a.id === id);
        return asset && this.visible(asset) ? asset : undefined;
    }

    add(projectId: string, name: string, channelIds: string[]): Asset {
        const at = now();
        const asset: Asset = {id: uuid(), project_id: projectId, name, channel_ids: channelIds, created_by: ME, created_at: at, updated_at: at,
            approved_version_id: null, versions: [], receipts: [], permissions: []};
        this.items.push(asset);
        return asset;
    }

    addVersion(assetId: string, v: {file_name: string; mime_type?: string; content?: string; state?: VersionState; added_by?: string; comment?: string}): AssetVersion {
        const asset = this.items.find((a) => a.id === assetId)!;
        const content = v.content ?? v.file_name;
        const version: AssetVersion = {
            id: uuid(), asset_id: assetId, number: asset.versions.length + 1, file_name: v.file_name, mime_type: v.mime_type ?? 'image/png',
            size: content.length, sha256: content, source_post_id: null, source_file_id: null, added_by: v.added_by ?? ME, added_at: now(),
            state: 'proposed', decided_by: null, decided_at: null, decision_comment: null,
        };
        asset.versions.unshift(version);
        if (v.state === 'approved') {
            this.approve(asset, version, v.comment ?? null);
        } else if (v.state) {
            Object.assign(version, {state: v.state, decided_by: ME, decided_at: now(), decision_comment: v.comment ?? null});
        }
        return version;
    }

    private approve(asset: Asset, version: AssetVersion, comment: string | null) {
        for (const other of asset.versions) {
            if (other.state === 'approved') {
                other.state = 'superseded';
            }
        }
        Object.assign(version, {state: 'approved', decided_by: this.me.user_id, decided_at: now(), decision_comment: comment});
        asset.approved_version_id = version.id;
        asset.receipts = asset.channel_ids.map((c) => ({channel_id: c, confirmed_by: null, confirmed_at: null}));
        asset.updated_at = now();
    }

    // A receipt confirmed by someone else, as another browser would.
    confirmAs(assetId: string, channelId: string, userId: string) {
        const receipt = this.items.find((a) => a.id === assetId)!.receipts.find((r) => r.channel_id === channelId)!;
        Object.assign(receipt, {confirmed_by: userId, confirmed_at: now()});
    }

    private create(body: CreateAsset) {
        if (this.guest) {
            return err(403, 'forbidden', 'Guests cannot create assets; they can add versions to existing ones');
        }
        if (!body.name?.trim() || !body.channel_ids?.length) {
            return err(400, 'validation_failed', 'name and channel_ids are required');
        }
        return {status: 201, data: this.view(this.add(body.project_id, body.name.trim(), body.channel_ids))};
    }

    private store(asset: Asset, file: {name: string; type: string; content: string}, source: {post_id?: string; file_id?: string} = {}) {
        const existing = asset.versions.find((v) => v.sha256 === file.content);
        if (existing) {
            return err(409, 'duplicate_version', `These exact bytes are already version ${existing.number} of this asset`, {existing});
        }
        const v = this.addVersion(asset.id, {file_name: file.name, mime_type: file.type || 'application/octet-stream', content: file.content, added_by: this.me.user_id});
        Object.assign(v, {source_post_id: source.post_id ?? null, source_file_id: source.file_id ?? null});
        return {status: 201, data: v};
    }

    private async upload(id: string, body: unknown) {
        const asset = this.find(id);
        if (!asset) {
            return err(404, 'not_found', 'Asset not found');
        }
        const file = body instanceof FormData ? body.get('file') : null;
        if (!(file instanceof File)) {
            return err(400, 'validation_failed', 'Send the file in a multipart part named "file"');
        }
        return this.store(asset, {name: file.name, type: file.type, content: await readText(file)});
    }

    private fromMattermost(id: string, body: VersionFromMattermost) {
        const asset = this.find(id);
        if (!asset) {
            return err(404, 'not_found', 'Asset not found');
        }
        const post = Object.values(posts).find((p) => p.metadata?.files?.some((f) => f.id === body.file_id));
        const info = post?.metadata.files?.find((f) => f.id === body.file_id);
        if (!post || !info) {
            return err(404, 'not_found', 'File not found');
        }
        if (body.post_id && body.post_id !== post.id) {
            return err(404, 'not_found', 'That file is not attached to that message');
        }
        return this.store(asset, {name: info.name, type: info.mime_type, content: 'mm:' + info.id}, body);
    }

    private decide(id: string, versionId: string, decision: 'approve' | 'reject', comment?: string) {
        const asset = this.find(id);
        const version = asset?.versions.find((v) => v.id === versionId);
        if (!asset || !version) {
            return err(404, 'not_found', 'Version not found');
        }
        if (this.guest) {
            return err(403, 'forbidden', 'Guests cannot approve or reject versions');
        }
        if (decision === 'approve') {
            this.approve(asset, version, comment ?? null);
        } else {
            Object.assign(version, {state: 'rejected', decided_by: this.me.user_id, decided_at: now(), decision_comment: comment ?? null});
        }
        return {status: 200, data: this.view(asset)};
    }

    private confirm(id: string, channelId: string) {
        const asset = this.find(id);
        if (!asset || !asset.channel_ids.includes(channelId)) {
            return err(404, 'not_found', 'This asset is not shared with that channel');
        }
        if (!(this.members[channelId] ?? []).includes(this.me.user_id)) {
            return err(403, 'forbidden', 'Only a member of that channel can confirm its receipt');
        }
        if (!asset.approved_version_id) {
            return err(409, 'no_approved_version', 'No version of this asset is approved yet');
        }
        const receipt = asset.receipts.find((r) => r.channel_id === channelId)!;
        if (!receipt.confirmed_by) {
            Object.assign(receipt, {confirmed_by: this.me.user_id, confirmed_at: now()});
        }
        return {status: 200, data: this.view(asset)};
    }
}
