import type {CreateTask} from '@throughline/contract';

import type {Post} from '@mattermost/types/posts';

import type {ErrorInfo} from '../../actions';

export const TITLE_MAX = 200;

export type FormState = {
    title: string;
    description: string;
    assigneeId: string;
    due: string; // yyyy-mm-dd from <input type=date>, '' for none
    projectId: string | null; // null: the user has not chosen, use the channel's project
    submitting: boolean;
    error: ErrorInfo | null;
    titleMissing: boolean;

    // One key per open modal, so a double click or a retry can never make two tasks.
    idempotencyKey: string;
};

export type TextField = 'title' | 'description' | 'assigneeId' | 'due';

export type FormEvent =
    | {type: 'set'; field: TextField; value: string}
    | {type: 'project'; value: string}
    | {type: 'submit'}
    | {type: 'failed'; error: ErrorInfo; status: number}
    | {type: 'titleMissing'};

export function newIdempotencyKey(): string {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Title from the first line (at most 200 characters), description from the rest.
export function prefill(post: Post | undefined, fileNames: string[]): Pick<FormState, 'title' | 'description'> {
    const message = (post?.message ?? '').trim();
    const nl = message.indexOf('\n');
    const first = (nl < 0 ? message : message.slice(0, nl)).trim();
    const rest = nl < 0 ? '' : message.slice(nl + 1).trim();
    const title = Array.from(first || fileNames[0] || '').slice(0, TITLE_MAX).join('');
    return {title, description: rest};
}

export function initForm(post: Post | undefined, fileNames: string[]): FormState {
    return {
        ...prefill(post, fileNames),
        assigneeId: '',
        due: '',
        projectId: null,
        submitting: false,
        error: null,
        titleMissing: false,
        idempotencyKey: newIdempotencyKey(),
    };
}

export function formReducer(state: FormState, e: FormEvent): FormState {
    switch (e.type) {
    case 'set':
        return {...state, [e.field]: e.value, titleMissing: e.field === 'title' ? false : state.titleMissing};
    case 'project':
        return {...state, projectId: e.value};
    case 'titleMissing':
        return {...state, titleMissing: true};
    case 'submit':
        return {...state, submitting: true, error: null};
    case 'failed': {
        // A refusal (4xx) stored nothing, so the corrected form may go with a fresh key. After a network
        // or server failure the first attempt may have landed: keep the key and let the service dedupe.
        const refused = e.status >= 400 && e.status < 500 && e.error.code !== 'idempotency_key_reused';
        return {...state, submitting: false, error: e.error, idempotencyKey: refused ? newIdempotencyKey() : state.idempotencyKey};
    }
    }
    return state;
}

// The local end of the chosen day, so a task due today is not overdue before the day is over.
export function dueToIso(due: string): string | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(due);
    if (!m) {
        return undefined;
    }
    return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59).toISOString();
}

export function toBody(postId: string, state: FormState, projectId: string): CreateTask {
    const body: CreateTask = {post_id: postId, title: state.title.trim(), description: state.description};
    if (state.assigneeId) {
        body.assignee_id = state.assigneeId;
    }
    const due = dueToIso(state.due);
    if (due) {
        body.due_at = due;
    }
    if (projectId) {
        body.project_id = projectId;
    }
    return body;
}
