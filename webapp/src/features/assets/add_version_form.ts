import type {ErrorInfo} from '../../actions';

import type {AssetDraft} from './create_asset_dialog';

export const NEW_ASSET = 'new';

export type AddForm = {
    fileId: string | null; // null: the first file
    projectId: string | null; // null: the channel's own project
    assetId: string | null; // null: the first asset, or NEW_ASSET
    draft: AssetDraft;
    checked: boolean;
    busy: boolean;
    error: ErrorInfo | null;
    duplicateOf: number | null;
    added: {number: number; asset: string} | null;
};

export type AddEvent =
    | {type: 'file'; fileId: string}
    | {type: 'project'; projectId: string}
    | {type: 'asset'; assetId: string}
    | {type: 'draft'; draft: AssetDraft}
    | {type: 'invalid'}
    | {type: 'submit'}
    | {type: 'created'; assetId: string} // a new asset exists now: a retry must not make another
    | {type: 'failed'; error: ErrorInfo; duplicateOf: number | null}
    | {type: 'added'; number: number; asset: string};

export const initAddForm = (fileId: string | null, fileName: string, channelId: string | null): AddForm => ({
    fileId,
    projectId: null,
    assetId: null,
    draft: {name: fileName.replace(/\.[^.]+$/, ''), channelIds: channelId ? [channelId] : []},
    checked: false,
    busy: false,
    error: null,
    duplicateOf: null,
    added: null,
});

export function addFormReducer(state: AddForm, e: AddEvent): AddForm {
    switch (e.type) {
    case 'file':
        return {...state, fileId: e.fileId, error: null, duplicateOf: null};
    case 'project':
        return {...state, projectId: e.projectId, assetId: null, error: null, duplicateOf: null};
    case 'asset':
        return {...state, assetId: e.assetId, error: null, duplicateOf: null};
    case 'draft':
        return {...state, draft: e.draft};
    case 'invalid':
        return {...state, checked: true};
    case 'submit':
        return {...state, busy: true, checked: true, error: null, duplicateOf: null};
    case 'created':
        return {...state, assetId: e.assetId};
    case 'failed':
        return {...state, busy: false, error: e.error, duplicateOf: e.duplicateOf};
    case 'added':
        return {...state, busy: false, added: {number: e.number, asset: e.asset}};
    }
    return state;
}
