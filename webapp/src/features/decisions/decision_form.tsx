import type {CreateDecision, Decision, Project} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import type {UserProfile} from '@mattermost/types/users';

import {decisionDialogClosed, decisionsReceived, type DecisionDialogTarget, type ErrorInfo} from '../../actions';
import DialogActions from '../../components/dialog_actions';
import ErrorNotice from '../../components/error_notice';
import {Alert, Field} from '../../components/form';
import FormDialog from '../../components/form_dialog';
import {useUniqueId} from '../../components/unique_id';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {channelLabel, displayName, getChannel} from '../../host/selectors';
import {useChannelMembers} from '../../host/users';
import {toErrorInfo} from '../../use_request';
import {ProjectSelect, defaultProjectId, useChannelProjects} from '../projects';

import {createDecision, patchDecision} from './api';
import {DECISION_LIMITS} from './limits';
import LinksPicker from './links_picker';
import {openDecision} from './open_decision';
import QuotesPicker from './quotes_picker';
import {clip} from './text';
import messages from './view_messages';

export type Initial = {
    statement: string;
    rationale: string;
    approverId: string;
    channelIds: string[];
    quoteIds: string[];
    taskIds: string[];
    versionIds: string[];
};

export type FormProps = {
    mode: DecisionDialogTarget['mode'];
    channelId: string | null; // the channel it comes from: approvers and projects are this channel's
    threadOf: string | null; // a post of the thread whose replies may be quoted
    sourcePostId: string | null;
    initial: Initial;
    projectId: string | null; // fixed (supersede, edit), or null: chosen among the channel's projects
    decision: Decision | null;
    postMissing?: boolean;
};

const isGuest = (u: UserProfile) => (u.roles ?? '').split(' ').includes('system_guest');

type State = Initial & {projectId: string | null; submitting: boolean; error: ErrorInfo | null; invalid: {statement?: boolean; channels?: boolean; project?: boolean}};

export default function DecisionForm({mode, channelId, threadOf, sourcePostId, initial, projectId: fixedProject, decision, postMissing}: FormProps) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-decision-dialog');
    const [form, setForm] = useState<State>({...initial, projectId: fixedProject, submitting: false, error: null, invalid: {}});
    const channel = useAppSelector((s) => (channelId ? getChannel(s, channelId) : undefined));
    const projects = useChannelProjects(channelId);
    const members = useChannelMembers(channelId);
    const projectId = form.projectId ?? defaultProjectId(projects.items, channelId ?? '');
    const project: Project | undefined = projects.items.find((p) => p.id === projectId);
    const choices = project?.channel_ids ?? initial.channelIds;
    useChannels(choices);
    const names = useAppSelector((s) => choices.map((id) => channelLabel(s, id) ?? intl.formatMessage(messages.unknownChannel)), shallowEqual);
    const approvers = (members.data ?? []).filter((u) => !isGuest(u));
    const close = () => dispatch(decisionDialogClosed());
    const set = (changes: Partial<State>) => setForm((f) => ({...f, ...changes, invalid: {}}));

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (form.submitting) {
            return;
        }
        const channelIds = form.channelIds.filter((id) => choices.includes(id));
        const invalid = {statement: !form.statement.trim(), channels: channelIds.length === 0, project: !projectId};
        if (invalid.statement || invalid.channels || invalid.project) {
            setForm((f) => ({...f, invalid}));
            return;
        }
        setForm((f) => ({...f, submitting: true, error: null}));
        const shared = {
            statement: form.statement.trim(),
            rationale: form.rationale,
            approver_id: form.approverId || null,
            channel_ids: channelIds,
            task_ids: form.taskIds,
            asset_version_ids: form.versionIds,
        };
        try {
            let saved: Decision;
            if (mode === 'edit' && decision) {
                saved = await patchDecision(decision.id, {version: decision.version, ...shared, quote_post_ids: form.quoteIds});
            } else {
                const body: CreateDecision = {project_id: projectId, ...shared};
                if (mode === 'record' && sourcePostId) {
                    body.post_id = sourcePostId;
                    body.quote_post_ids = form.quoteIds;
                } else if (channelId) {
                    body.channel_id = channelId;
                }
                if (mode === 'supersede' && decision) {
                    body.supersedes_id = decision.id;
                }
                saved = await createDecision(body);
            }
            dispatch(decisionsReceived([saved]));
            close();
            openDecision(dispatch, saved.id);
        } catch (err) {
            setForm((f) => ({...f, submitting: false, error: toErrorInfo(err)}));
        }
    };

    const title = {record: messages.recordTitle, supersede: messages.supersedeTitle, edit: messages.editTitle}[mode];
    const submitLabel = {record: messages.submitRecord, supersede: messages.submitSupersede, edit: messages.submitEdit}[mode];

    return (
        <FormDialog
            id={headingId}
            onClose={close}
            onSubmit={submit}
            title={<FormattedMessage {...title}/>}
        >
            <div className='tl-dialog__body'>
                {postMissing && <Alert><FormattedMessage {...messages.postMissing}/></Alert>}
                {mode === 'supersede' && decision && (
                    <p className='tl-muted'>
                        <FormattedMessage
                            {...messages.replacing}
                            values={{statement: clip(decision.statement, 200)}}
                        />
                    </p>
                )}
                <Field
                    label={messages.fieldStatement}
                    error={form.invalid.statement ? messages.statementRequired : null}
                >
                    {(control) => (
                        <textarea
                            {...control}
                            className='tl-input'
                            data-autofocus={true}
                            value={form.statement}
                            maxLength={DECISION_LIMITS.statementMax}
                            required={true}
                            onChange={(e) => set({statement: e.target.value})}
                        />
                    )}
                </Field>
                <Field label={messages.fieldRationale}>
                    {(control) => (
                        <textarea
                            {...control}
                            className='tl-input'
                            value={form.rationale}
                            maxLength={DECISION_LIMITS.rationaleMax}
                            onChange={(e) => set({rationale: e.target.value})}
                        />
                    )}
                </Field>
                {threadOf && (
                    <QuotesPicker
                        threadOf={threadOf}
                        sourcePostId={sourcePostId}
                        value={form.quoteIds}
                        onChange={(quoteIds) => set({quoteIds})}
                    />
                )}
                <Field label={messages.fieldApprover}>
                    {(control) => (
                        <>
                            <select
                                {...control}
                                className='tl-input'
                                value={form.approverId}
                                onChange={(e) => set({approverId: e.target.value})}
                            >
                                <option value=''>{intl.formatMessage(messages.anyMember)}</option>
                                {approvers.map((u) => (
                                    <option
                                        key={u.id}
                                        value={u.id}
                                    >
                                        {intl.formatMessage(messages.member, {name: displayName(u, u.username), username: u.username})}
                                    </option>
                                ))}
                            </select>
                            {members.status === 'loading' && <span className='tl-muted'><FormattedMessage {...messages.loadingMembers}/></span>}
                            {members.error && (
                                <ErrorNotice
                                    error={members.error}
                                    onRetry={members.reload}
                                />
                            )}
                        </>
                    )}
                </Field>
                {mode === 'record' && channelId && (
                    <ProjectSelect
                        channel={channel}
                        projects={projects}
                        value={projectId}
                        onChange={(value) => set({projectId: value})}
                    />
                )}
                {form.invalid.project && <Alert><FormattedMessage {...messages.projectRequired}/></Alert>}
                {choices.length > 0 && (
                    <fieldset
                        className='tl-field tl-fieldset'
                        aria-invalid={form.invalid.channels || undefined}
                    >
                        <legend className='tl-label'><FormattedMessage {...messages.fieldChannels}/></legend>
                        {choices.map((id, i) => (
                            <label
                                key={id}
                                className='tl-check'
                            >
                                <input
                                    type='checkbox'
                                    checked={form.channelIds.includes(id)}
                                    onChange={(e) => set({channelIds: e.target.checked ? [...form.channelIds, id] : form.channelIds.filter((c) => c !== id)})}
                                />
                                {names[i]}
                            </label>
                        ))}
                        {form.invalid.channels && <span className='tl-invalid'><FormattedMessage {...messages.channelsRequired}/></span>}
                    </fieldset>
                )}
                {projectId && (
                    <LinksPicker
                        projectId={projectId}
                        taskIds={form.taskIds}
                        versionIds={form.versionIds}
                        onChange={(changes) => set(changes)}
                    />
                )}
                {form.error && <ErrorNotice error={form.error}/>}
            </div>
            <div className='tl-dialog__footer'>
                <DialogActions
                    onCancel={close}
                    busy={form.submitting}
                    disabled={postMissing}
                    submitLabel={<FormattedMessage {...(form.submitting ? messages.submitting : submitLabel)}/>}
                />
            </div>
        </FormDialog>
    );
}
