import React, {useReducer} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {modalClosed, taskCreated} from '../../actions';
import {createTask, isApiError} from '../../client';
import DialogActions from '../../components/dialog_actions';
import ErrorNotice from '../../components/error_notice';
import {Alert, Field} from '../../components/form';
import FormDialog from '../../components/form_dialog';
import commonMessages from '../../components/messages';
import {useUniqueId} from '../../components/unique_id';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {displayName, getChannel, getPost, postFiles} from '../../host/selectors';
import {useChannelMembers} from '../../host/users';
import {pluginState} from '../../selectors';
import {toErrorInfo} from '../../use_request';
import {ProjectSelect, defaultProjectId, useChannelProjects} from '../projects';

import messages from './messages';
import {formReducer, initForm, toBody, TITLE_MAX, type TextField} from './task_form';

// Rendered by the root component; open while the plugin store names a post.
export default function CreateTaskModal() {
    const postId = useAppSelector((s) => pluginState(s).modal?.postId);
    if (!postId) {
        return null;
    }
    return (
        <CreateTask
            key={postId}
            postId={postId}
        />
    );
}

function CreateTask({postId}: {postId: string}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-create-task');
    const post = useAppSelector((s) => getPost(s, postId));
    const channelId = post?.channel_id ?? null;
    const channel = useAppSelector((s) => (channelId ? getChannel(s, channelId) : undefined));
    const files = useAppSelector((s) => postFiles(s, postId), shallowEqual);
    const [form, update] = useReducer(formReducer, undefined, () => initForm(post, files.map((f) => f.name)));
    const members = useChannelMembers(channelId);
    const projects = useChannelProjects(channelId);
    const projectId = form.projectId ?? defaultProjectId(projects.items, channelId ?? '');
    const close = () => dispatch(modalClosed());
    const onText = (field: TextField) =>
        (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => update({type: 'set', field, value: e.target.value});

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (form.submitting) {
            return;
        }
        if (!form.title.trim()) {
            update({type: 'titleMissing'});
            return;
        }
        update({type: 'submit'});
        try {
            const task = await createTask(toBody(postId, form, projectId), form.idempotencyKey);
            dispatch(taskCreated(task));
        } catch (err) {
            update({type: 'failed', error: toErrorInfo(err), status: isApiError(err) ? err.status : 0});
        }
    };

    return (
        <FormDialog
            id={headingId}
            onClose={close}
            onSubmit={submit}
            title={<FormattedMessage {...messages.modalTitle}/>}
        >
            <div className='tl-dialog__body'>
                {!post && <Alert><FormattedMessage {...messages.postMissing}/></Alert>}
                <Field
                    label={messages.title}
                    error={form.titleMissing ? messages.titleRequired : null}
                >
                    {(control) => (
                        <input
                            {...control}
                            className='tl-input'
                            data-autofocus={true}
                            value={form.title}
                            maxLength={TITLE_MAX}
                            required={true}
                            onChange={onText('title')}
                        />
                    )}
                </Field>
                <Field label={messages.description}>
                    {(control) => (
                        <textarea
                            {...control}
                            className='tl-input'
                            value={form.description}
                            onChange={onText('description')}
                        />
                    )}
                </Field>
                {files.length > 0 && (
                    <Field label={messages.files}>
                        <ul className='tl-files'>
                            {files.map((f) => <li key={f.id}>{f.name}</li>)}
                        </ul>
                    </Field>
                )}
                <Field label={messages.assignee}>
                    {(control) => (
                        <>
                            <select
                                {...control}
                                className='tl-input'
                                value={form.assigneeId}
                                onChange={onText('assigneeId')}
                            >
                                <option value=''>{intl.formatMessage(commonMessages.unassigned)}</option>
                                {(members.data ?? []).map((u) => (
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
                <Field label={messages.due}>
                    {(control) => (
                        <input
                            {...control}
                            type='date'
                            className='tl-input'
                            value={form.due}
                            onChange={onText('due')}
                        />
                    )}
                </Field>
                {channelId && (
                    <ProjectSelect
                        channel={channel}
                        projects={projects}
                        value={projectId}
                        onChange={(value) => update({type: 'project', value})}
                        allowNone={true}
                    />
                )}
                {form.error && <ErrorNotice error={form.error}/>}
            </div>
            <div className='tl-dialog__footer'>
                <DialogActions
                    onCancel={close}
                    busy={form.submitting}
                    disabled={!post}
                    submitLabel={<FormattedMessage {...(form.submitting ? messages.submitting : messages.submit)}/>}
                />
            </div>
        </FormDialog>
    );
}
