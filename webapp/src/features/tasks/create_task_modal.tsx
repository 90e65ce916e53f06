import React, {useReducer} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual, useDispatch, useSelector} from 'react-redux';

import {modalClosed, taskCreated} from '../../actions';
import {createTask, isApiError} from '../../client';
import DialogActions from '../../components/dialog_actions';
import FormDialog from '../../components/form_dialog';
import ErrorNotice from '../../components/error_notice';
import commonMessages from '../../components/messages';
import {useUniqueId} from '../../components/unique_id';
import {displayName, getChannel, getPost, pluginState, postFiles} from '../../selectors';
import type {HostDispatch, HostState} from '../../types';
import {toErrorInfo} from '../../use_request';
import {useChannelMembers} from '../../users';
import {ProjectField, defaultProjectId, useChannelProjects} from '../projects';

import messages from './messages';
import {formReducer, initForm, toBody, TITLE_MAX} from './task_form';

// Rendered by the root component; open while the plugin store names a post.
export default function CreateTaskModal() {
    const postId = useSelector((s: HostState) => pluginState(s).modal?.postId);
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
    const dispatch = useDispatch() as HostDispatch;
    const headingId = useUniqueId('tl-create-task');
    const post = useSelector((s: HostState) => getPost(s, postId));
    const channelId = post?.channel_id ?? null;
    const channel = useSelector((s: HostState) => (channelId ? getChannel(s, channelId) : undefined));
    const files = useSelector((s: HostState) => postFiles(s, postId), shallowEqual);
    const [form, update] = useReducer(formReducer, undefined, () => initForm(post, files.map((f) => f.name)));
    const members = useChannelMembers(channelId);
    const projects = useChannelProjects(channelId);
    const projectId = form.projectId ?? defaultProjectId(projects.items, channelId ?? '');
    const close = () => dispatch(modalClosed());
    const field = (f: 'title' | 'description' | 'assigneeId' | 'due') =>
        (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => update({type: 'set', field: f, value: e.target.value});

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

    const ids = {title: headingId + '-title', description: headingId + '-desc', assignee: headingId + '-assignee', due: headingId + '-due', titleError: headingId + '-title-error'};

    return (
        <FormDialog
            id={headingId}
            onClose={close}
            onSubmit={submit}
            title={
                <FormattedMessage {...messages.modalTitle}/>
            }
        >
            <div className='tl-dialog__body'>
                {!post && (
                    <div
                        role='alert'
                        className='tl-error'
                    >
                        <FormattedMessage {...messages.postMissing}/>
                    </div>
                )}
                <div className='tl-field'>
                    <label htmlFor={ids.title}><FormattedMessage {...messages.title}/></label>
                    <input
                        id={ids.title}
                        className='tl-input'
                        data-autofocus={true}
                        value={form.title}
                        maxLength={TITLE_MAX}
                        required={true}
                        aria-invalid={form.titleMissing}
                        aria-describedby={form.titleMissing ? ids.titleError : undefined}
                        onChange={field('title')}
                    />
                    {form.titleMissing && (
                        <span
                            id={ids.titleError}
                            className='tl-overdue'
                        >
                            <FormattedMessage {...messages.titleRequired}/>
                        </span>
                    )}
                </div>
                <div className='tl-field'>
                    <label htmlFor={ids.description}><FormattedMessage {...messages.description}/></label>
                    <textarea
                        id={ids.description}
                        className='tl-input'
                        value={form.description}
                        onChange={field('description')}
                    />
                </div>
                {files.length > 0 && (
                    <div className='tl-field'>
                        <span className='tl-label'><FormattedMessage {...messages.files}/></span>
                        <ul className='tl-files'>
                            {files.map((f) => <li key={f.id}>{f.name}</li>)}
                        </ul>
                    </div>
                )}
                <div className='tl-field'>
                    <label htmlFor={ids.assignee}><FormattedMessage {...messages.assignee}/></label>
                    <select
                        id={ids.assignee}
                        className='tl-input'
                        value={form.assigneeId}
                        onChange={field('assigneeId')}
                    >
                        <option value=''>{intl.formatMessage(commonMessages.unassigned)}</option>
                        {(members.data ?? []).map((u) => (
                            <option
                                key={u.id}
                                value={u.id}
                            >
                                {`${displayName(u, u.username)} (@${u.username})`}
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
                </div>
                <div className='tl-field'>
                    <label htmlFor={ids.due}><FormattedMessage {...messages.due}/></label>
                    <input
                        id={ids.due}
                        type='date'
                        className='tl-input'
                        value={form.due}
                        onChange={field('due')}
                    />
                </div>
                {channelId && (
                    <ProjectField
                        channel={channel}
                        projects={projects}
                        value={projectId}
                        onChange={(value) => update({type: 'project', value})}
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
