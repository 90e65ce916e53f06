import type {AssetVersion} from '@throughline/contract';
import React, {useEffect, useReducer, useRef} from 'react';
import {FormattedMessage} from 'react-intl';
import {shallowEqual} from 'react-redux';

import type {FileInfo} from '@mattermost/types/files';

import {assetModalClosed, assetReceived} from '../../actions';
import {addVersionFromMattermost, createAsset, getAsset, isApiError} from '../../client';
import DialogActions from '../../components/dialog_actions';
import ErrorNotice from '../../components/error_notice';
import {Alert} from '../../components/form';
import FormDialog from '../../components/form_dialog';
import {useUniqueId} from '../../components/unique_id';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {getChannel, getFile, getPost, postFiles} from '../../host/selectors';
import type {AssetModal} from '../../reducer';
import {pluginState} from '../../selectors';
import {toErrorInfo} from '../../use_request';
import {defaultProjectId, useChannelProjects} from '../projects';

import AddVersionFields from './add_version_fields';
import {addFormReducer, initAddForm, NEW_ASSET} from './add_version_form';
import {draftProblems} from './create_asset_dialog';
import messages from './messages';
import {useProjectAssets} from './use_assets';

// Rendered by the root component; open while the plugin store names a post or a file.
export default function AddVersionModal() {
    const target = useAppSelector((s) => pluginState(s).assetModal);
    if (!target) {
        return null;
    }
    return (
        <AddVersion
            key={`${target.postId}:${target.fileId}`}
            target={target}
        />
    );
}

const NO_FILES: FileInfo[] = [];

function useTargetFiles({postId, fileId}: AssetModal): FileInfo[] {
    return useAppSelector((s) => {
        if (postId) {
            return postFiles(s, postId);
        }
        const file = fileId ? getFile(s, fileId) : undefined;
        return file ? [file] : NO_FILES;
    }, shallowEqual);
}

function AddVersion({target}: {target: AssetModal}) {
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-add-version');
    const files = useTargetFiles(target);
    const post = useAppSelector((s) => (target.postId ? getPost(s, target.postId) : undefined));
    const first = files.find((f) => f.id === target.fileId) ?? files[0];
    const channelId = post?.channel_id ?? target.channelId ?? first?.channel_id ?? null;
    const channel = useAppSelector((s) => (channelId ? getChannel(s, channelId) : undefined));
    const [form, update] = useReducer(addFormReducer, undefined, () => initAddForm(target.fileId, first?.name ?? '', channelId));
    const projects = useChannelProjects(channelId);
    const projectId = form.projectId ?? (defaultProjectId(projects.items, channelId ?? '') || null);
    const project = projects.items.find((p) => p.id === projectId);
    const mayCreate = Boolean(project?.permissions.includes('asset.create'));
    const assets = useProjectAssets(project ? project.id : null);
    const assetId = form.assetId ?? assets.assets[0]?.id ?? (mayCreate ? NEW_ASSET : null);
    const file = files.find((f) => f.id === (form.fileId ?? first?.id));
    const close = () => dispatch(assetModalClosed());

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (form.busy || form.added || !file || !project || !assetId) {
            return;
        }
        if (assetId === NEW_ASSET) {
            const problems = draftProblems(form.draft);
            if (problems.name || problems.channels) {
                update({type: 'invalid'});
                return;
            }
        }
        update({type: 'submit'});
        try {
            let id = assetId;
            let name = assets.assets.find((a) => a.id === assetId)?.name ?? '';
            if (assetId === NEW_ASSET) {
                const created = await createAsset({project_id: project.id, name: form.draft.name.trim(), channel_ids: form.draft.channelIds});
                dispatch(assetReceived(created));
                update({type: 'created', assetId: created.id});
                id = created.id;
                name = created.name;
            }
            const postId = target.postId ?? file.post_id;
            const v = await addVersionFromMattermost(id, postId ? {file_id: file.id, post_id: postId} : {file_id: file.id});
            update({type: 'added', number: v.number, asset: name});
            getAsset(id).then((a) => dispatch(assetReceived(a)), () => undefined);
        } catch (err) {
            const existing = isApiError(err) && err.code === 'duplicate_version' ? (err.details.existing as Partial<AssetVersion> | undefined) : undefined;
            update({type: 'failed', error: toErrorInfo(err), duplicateOf: typeof existing?.number === 'number' ? existing.number : null});
        }
    };

    return (
        <FormDialog
            id={headingId}
            onClose={close}
            onSubmit={submit}
            title={<FormattedMessage {...messages.addTitle}/>}
        >
            <div className='tl-dialog__body'>
                {form.added ? (
                    <p role='status'>
                        <FormattedMessage
                            {...messages.added}
                            values={form.added}
                        />
                    </p>
                ) : (
                    <AddVersionFields
                        form={form}
                        update={update}
                        files={files}
                        file={file}
                        channel={channel}
                        projects={projects}
                        project={project}
                        assets={assets}
                        assetId={assetId}
                        mayCreate={mayCreate}
                    />
                )}
                {form.duplicateOf !== null && (
                    <Alert>
                        <FormattedMessage
                            {...messages.duplicate}
                            values={{number: form.duplicateOf}}
                        />
                    </Alert>
                )}
                {form.error && form.duplicateOf === null && <ErrorNotice error={form.error}/>}
            </div>
            <div className='tl-dialog__footer'>
                {form.added ? (
                    <DoneButton onClick={close}/>
                ) : (
                    <DialogActions
                        onCancel={close}
                        busy={form.busy}
                        disabled={!file || !project || !assetId}
                        submitLabel={<FormattedMessage {...(form.busy ? messages.adding : messages.addSubmit)}/>}
                    />
                )}
            </div>
        </FormDialog>
    );
}

// Takes the focus from the submit button it replaces, which leaves the page.
function DoneButton({onClick}: {onClick: () => void}) {
    const ref = useRef<HTMLButtonElement>(null);
    useEffect(() => ref.current?.focus(), []);
    return (
        <button
            ref={ref}
            type='button'
            className='tl-btn tl-btn--primary'
            onClick={onClick}
        >
            <FormattedMessage {...messages.done}/>
        </button>
    );
}
