import type {Due, Overview, OverviewCell, Task} from '@throughline/contract';

import type {FakeHttp} from './fake_http';
import {ANNA, BORIS, CHANNEL, ME, OTHER_CHANNEL} from './fixtures';

const api = '/throughline-api/api/v1';
const DAY = 86400;

// The moment the fake overview is computed for: a Monday, so the calendar's weeks are known.
export const AT = '2025-03-10T09:00:00.000Z';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const task = (n: number, title: string, extra: Partial<Task> = {}): Task => ({
    id: id(100 + n), title, description: '', status: 'todo', assignee_id: ANNA, due_at: null, channel_id: CHANNEL, project_id: id(1),
    source_post_id: null, permalink: null, files: [], parent_id: null, rollout_id: null, created_by: ME, created_at: AT, updated_at: AT, version: 1, ...extra,
});

const counts = (todo: number, in_progress: number, review: number, done: number, cancelled: number) => ({todo, in_progress, review, done, cancelled});

// A two-region campaign as the service would count it (GET /projects/:id/overview).
export function overviewOf(projectId: string, name: string): Overview {
    return {
        project_id: projectId, project_name: name, at: AT, weeks: 8, window_start: '2025-01-13T09:00:00.000Z',
        rows: [
            {channel_id: CHANNEL, display_name: 'Kazan region', is_home: true, tasks: counts(2, 1, 0, 3, 0), overdue: 1, rollout: {done: 1, total: 3}, receipts_owed: 1, decisions_unconfirmed: 0},
            {channel_id: OTHER_CHANNEL, display_name: 'Samara region', is_home: false, tasks: counts(0, 0, 1, 0, 1), overdue: 0, rollout: {done: 0, total: 0}, receipts_owed: 0, decisions_unconfirmed: 2},
        ],
        stalls: {
            total: 3,
            items: [
                {kind: 'version', id: id(11), title: 'Outdoor 6×3', asset_id: id(10), version_number: 2, file_name: 'outdoor-v2.png', channel_id: CHANNEL, proposed_by: BORIS, since: '2025-03-05T09:00:00.000Z', age_seconds: 5 * DAY, waiting_for: {user_id: null, channel_ids: [CHANNEL]}},
                {kind: 'decision', id: id(12), title: 'Slogan B is final', asset_id: null, version_number: null, file_name: null, channel_id: CHANNEL, proposed_by: ANNA, since: '2025-03-10T06:00:00.000Z', age_seconds: 3 * 3600, waiting_for: {user_id: ME, channel_ids: [CHANNEL]}},
            ],
        },
        durations: {
            by_channel: [{channel_id: CHANNEL, statuses: [{status: 'todo', median_seconds: 1.5 * DAY, stays: 2}, {status: 'review', median_seconds: 4 * DAY, stays: 1}]}],
            by_assignee: [{user_id: ANNA, statuses: [{status: 'in_progress', median_seconds: 5 * 3600, stays: 3}]}, {user_id: null, statuses: [{status: 'todo', median_seconds: 3 * DAY, stays: 1}]}],
        },
        flow: [
            {day: '2025-03-08', ...counts(4, 1, 0, 0, 0)},
            {day: '2025-03-09', ...counts(3, 1, 1, 1, 0)},
            {day: '2025-03-10', ...counts(2, 1, 1, 3, 1)},
        ],
        disappearing: [{
            asset_id: id(20), asset_name: 'Poster', version_id: id(21), version_number: 1, file_name: 'poster-v1.png', approved_at: '2025-03-01T10:00:00.000Z',
            channels: [
                {channel_id: OTHER_CHANNEL, state: 'downloaded', downloads: 2, last_download_at: '2025-03-02T10:00:00.000Z'},
                {channel_id: CHANNEL, state: 'silent', downloads: 0, last_download_at: null},
            ],
        }],
        overdue: {
            by_person: [{user_id: ANNA, count: 2, oldest_due_at: '2025-03-03T09:00:00.000Z'}, {user_id: null, count: 1, oldest_due_at: '2025-03-07T09:00:00.000Z'}],
            by_channel: [{channel_id: CHANNEL, count: 3, oldest_due_at: '2025-03-03T09:00:00.000Z'}],
        },
        users: [{id: ANNA, username: 'anna', display_name: 'Anna Ivanova'}, {id: BORIS, username: 'boris', display_name: null}, {id: ME, username: 'me', display_name: 'Me Myself'}],
        channels: [{id: CHANNEL, name: 'kazan-region', display_name: 'Kazan region'}, {id: OTHER_CHANNEL, name: 'samara-region', display_name: 'Samara region'}],
    };
}

// Tasks due in March 2025 (GET /projects/:id/due answers from these).
export const DUE_TASKS = [
    task(1, 'Print the flyers', {due_at: '2025-03-12T15:00:00.000Z'}),
    task(2, 'Hang the banner', {due_at: '2025-03-12T09:00:00.000Z', status: 'in_progress'}),
    task(3, 'Send the shelf photos', {due_at: '2025-03-18T09:00:00.000Z', channel_id: OTHER_CHANNEL}),
];

// The overview's routes over one project; `overview` may be changed by a test before it renders.
export function fakeOverview(http: FakeHttp, projectId: string, name: string) {
    const state = {overview: overviewOf(projectId, name)};
    const base = `^${api}/projects/${projectId}`;
    http.on('GET', new RegExp(`${base}/overview$`), () => ({status: 200, data: state.overview}));
    http.on('GET', new RegExp(`${base}/overview/cell$`), (req) => {
        const tasks = req.query.kind === 'status' && req.query.status === 'todo' && req.query.channel_id === CHANNEL ?
            [task(4, 'Approve the layout'), task(5, 'Brief the printer')] : [];
        const cell: OverviewCell = {kind: req.query.kind as 'status', channel_id: req.query.channel_id, tasks, receipts: [], decisions: [], next_cursor: null, users: [], channels: []};
        return {status: 200, data: cell};
    });
    http.on('GET', new RegExp(`${base}/due$`), (req) => {
        const within = DUE_TASKS.filter((t) => t.due_at! >= req.query.from && t.due_at!.slice(0, 10) <= req.query.to);
        const days = [...new Set(within.map((t) => t.due_at!.slice(0, 10)))].map((day) => ({day, total: within.filter((t) => t.due_at!.startsWith(day)).length, open: 0}));
        const due: Due = {from: req.query.from, to: req.query.to, days, items: within, next_cursor: null, users: [], channels: []};
        return {status: 200, data: due};
    });
    return state;
}
