import type {Asset, Project} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {assetReceived, type ErrorInfo} from '../../actions';
import {createAsset} from '../../client';
import DialogActions from '../../components/dialog_actions';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import FormDialog from '../../components/form_dialog';
import {useUniqueId} from '../../components/unique_id';
import {useAppDispatch} from '../../hooks';
import {toErrorInfo} from '../../use_request';

import ChannelCheckboxes from './channel_checkboxes';
import messages from './messages';

export type AssetDraft = {name: string; channelIds: string[]};

export const NAME_MAX = 200;

export const draftProblems = (d: AssetDraft) => ({name: !d.name.trim(), channels: d.channelIds.length === 0});

type FieldsProps = {
    project: Project;
    draft: AssetDraft;
    onChange: (d: AssetDraft) => void;
    showProblems: boolean;
    autoFocus?: boolean;
};

// Name and channels of a new asset; shared by the sidebar and the "add file" dialog.
export function AssetFields({project, draft, onChange, showProblems, autoFocus}: FieldsProps) {
    const problems = draftProblems(draft);
    return (
        <>
            <Field
                label={messages.name}
                error={showProblems && problems.name ? messages.nameRequired : null}
            >
                {(control) => (
                    <input
                        {...control}
                        className='tl-input'
                        maxLength={NAME_MAX}
                        data-autofocus={autoFocus || undefined}
                        value={draft.name}
                        onChange={(e) => onChange({...draft, name: e.target.value})}
                    />
                )}
            </Field>
            <ChannelCheckboxes
                project={project}
                value={draft.channelIds}
                onChange={(channelIds) => onChange({...draft, channelIds})}
                invalid={showProblems && problems.channels}
            />
        </>
    );
}

type Props = {
    project: Project;
    channelId: string;
    onClose: () => void;
    onCreated: (asset: Asset) => void;
};

export default function CreateAssetDialog({project, channelId, onClose, onCreated}: Props) {
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-create-asset');
    const [draft, setDraft] = useState<AssetDraft>({name: '', channelIds: project.channel_ids.includes(channelId) ? [channelId] : []});
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null; checked: boolean}>({busy: false, error: null, checked: false});

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        const problems = draftProblems(draft);
        if (state.busy) {
            return;
        }
        if (problems.name || problems.channels) {
            setState({...state, checked: true});
            return;
        }
        setState({busy: true, error: null, checked: true});
        try {
            const asset = await createAsset({project_id: project.id, name: draft.name.trim(), channel_ids: draft.channelIds});
            dispatch(assetReceived(asset));
            onCreated(asset);
        } catch (err) {
            setState({busy: false, error: toErrorInfo(err), checked: true});
        }
    };

    return (
        <FormDialog
            id={headingId}
            onClose={onClose}
            onSubmit={submit}
            title={<FormattedMessage {...messages.createTitle}/>}
        >
            <div className='tl-dialog__body'>
                <AssetFields
                    project={project}
                    draft={draft}
                    onChange={setDraft}
                    showProblems={state.checked}
                    autoFocus={true}
                />
                {state.error && <ErrorNotice error={state.error}/>}
            </div>
            <div className='tl-dialog__footer'>
                <DialogActions
                    onCancel={onClose}
                    busy={state.busy}
                    submitLabel={<FormattedMessage {...(state.busy ? messages.creating : messages.create)}/>}
                />
            </div>
        </FormDialog>
    );
}
