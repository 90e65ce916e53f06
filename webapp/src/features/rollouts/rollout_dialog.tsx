import type {Asset, Project, Rollout, Task} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {taskReceived, type ErrorInfo} from '../../actions';
import {getTask} from '../../client';
import ChannelCheckboxes from '../../components/channel_checkboxes';
import DialogActions from '../../components/dialog_actions';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import FormDialog from '../../components/form_dialog';
import keyed from '../../components/keyed';
import {useUniqueId} from '../../components/unique_id';
import UserName from '../../components/user_name';
import {useAppDispatch} from '../../hooks';
import {useMyChannels} from '../../host/channels';
import {useProfiles} from '../../host/users';
import {toErrorInfo} from '../../use_request';
import {useProjectAssets} from '../assets';

import {addRolloutChannels, createRollout} from './api';
import messages from './view_messages';

type Props = {
    task: Task;
    project: Project;

    // Given: add channels to this running rollout; otherwise start one.
    rollout?: Rollout;
    onClose: () => void;
    onDone?: () => void;
};

// Which channels get their own copy of the task (each assigned to its lead), and optionally the
// asset whose approved version each channel must confirm before its task can be done.
export default function RolloutDialog({task, project, rollout, onClose, onDone}: Props) {
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-rollout');
    const mine = useMyChannels(project.channel_ids);
    const taken = new Set([task.channel_id, ...(rollout?.rows.map((r) => r.channel_id) ?? [])]);
    const offered = mine.filter((id) => !taken.has(id));
    const [channelIds, setChannelIds] = useState<string[]>([]);
    const [assetId, setAssetId] = useState('');
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null; checked: boolean}>({busy: false, error: null, checked: false});
    const leadOf = (channelId: string) => project.leads.find((l) => l.channel_id === channelId)?.user_id ?? null;
    useProfiles(offered.map(leadOf));

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (state.busy) {
            return;
        }
        if (!channelIds.length) {
            setState({...state, checked: true});
            return;
        }
        setState({busy: true, error: null, checked: true});
        try {
            if (rollout) {
                await addRolloutChannels(rollout.id, channelIds);
            } else {
                const made = await createRollout({task_id: task.id, channel_ids: channelIds, ...(assetId ? {asset_id: assetId} : {})});

                // The task now carries its rollout, and its detail turns into the matrix; if it cannot
                // be read again just now, the live stream brings it, and meanwhile our copy says so.
                const fresh = await getTask(task.id).catch(() => ({...task, rollout_id: made.id}));
                dispatch(taskReceived(fresh));
            }
        } catch (err) {
            setState({busy: false, error: toErrorInfo(err), checked: true});
            return;
        }
        onDone?.();
        onClose();
    };

    return (
        <FormDialog
            id={headingId}
            onClose={onClose}
            onSubmit={submit}
            title={rollout ? <FormattedMessage {...messages.addTitle}/> : (
                <FormattedMessage
                    {...messages.dialogTitle}
                    values={{title: task.title}}
                />
            )}
        >
            <div className='tl-dialog__body'>
                <p className='tl-muted'><FormattedMessage {...messages.dialogHint}/></p>
                <ChannelCheckboxes
                    ids={offered}
                    value={channelIds}
                    onChange={setChannelIds}
                    legend={messages.channels}
                    empty={messages.noChannels}
                    error={state.checked && !channelIds.length ? messages.channelsRequired : null}
                    detail={(id) => {
                        const lead = leadOf(id);
                        return lead ? (
                            <FormattedMessage
                                {...messages.leadIs}
                                values={keyed({user: <UserName userId={lead}/>})}
                            />
                        ) : <FormattedMessage {...messages.noLead}/>;
                    }}
                />
                {offered.length > 1 && (
                    <button
                        type='button'
                        className='tl-btn tl-btn--link'
                        onClick={() => setChannelIds(offered)}
                    >
                        <FormattedMessage {...messages.selectAll}/>
                    </button>
                )}
                {!rollout && (
                    <AssetSelect
                        projectId={project.id}
                        value={assetId}
                        onChange={setAssetId}
                    />
                )}
                {state.error && <ErrorNotice error={state.error}/>}
            </div>
            <div className='tl-dialog__footer'>
                <DialogActions
                    onCancel={onClose}
                    busy={state.busy}
                    submitLabel={state.busy ? <FormattedMessage {...messages.submitting}/> : (
                        <FormattedMessage
                            {...(rollout ? messages.submitAdd : messages.submit)}
                            values={{count: channelIds.length}}
                        />
                    )}
                />
            </div>
        </FormDialog>
    );
}

function assetLabel(intl: ReturnType<typeof useIntl>, asset: Asset) {
    const approved = asset.versions.find((v) => v.id === asset.approved_version_id);
    return approved ? intl.formatMessage(messages.assetApproved, {name: asset.name, number: approved.number}) : intl.formatMessage(messages.assetNotApproved, {name: asset.name});
}

function AssetSelect({projectId, value, onChange}: {projectId: string; value: string; onChange: (id: string) => void}) {
    const intl = useIntl();
    const {assets, status, error, reload} = useProjectAssets(projectId);
    if (error && !assets.length) {
        return (
            <ErrorNotice
                error={error}
                onRetry={reload}
            />
        );
    }
    return (
        <Field label={messages.asset}>
            {(control) => (
                <select
                    {...control}
                    className='tl-input'
                    value={value}
                    onChange={(e) => onChange(e.target.value)}
                >
                    <option value=''>{intl.formatMessage(status === 'loading' && !assets.length ? messages.loadingAssets : messages.noAsset)}</option>
                    {assets.map((a) => (
                        <option
                            key={a.id}
                            value={a.id}
                        >
                            {assetLabel(intl, a)}
                        </option>
                    ))}
                </select>
            )}
        </Field>
    );
}
