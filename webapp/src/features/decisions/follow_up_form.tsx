import type {Decision} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {decisionsReceived, taskReceived, type ErrorInfo} from '../../actions';
import {getDecision} from '../../client';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {channelLabel, isMyChannel} from '../../host/selectors';
import {useMay} from '../../me';
import {toErrorInfo} from '../../use_request';

import {createFollowUpTask} from './api';
import {DECISION_LIMITS} from './limits';
import messages from './view_messages';

// The decision's channels the user may make a task in: theirs, when the service lets them make tasks at all.
export function useFollowUpChannels(decision: Decision): string[] {
    const mayCreate = useMay('task.create');
    useChannels(decision.channel_ids);
    const mine = useAppSelector((s) => decision.channel_ids.filter((id) => isMyChannel(s, id)), shallowEqual);
    return mayCreate ? mine : [];
}

const firstLine = (text: string) => Array.from(text.split('\n')[0].trim()).slice(0, DECISION_LIMITS.titleMax).join('');

// A task linked to the decision, in one of its channels.
export default function FollowUpForm({decision, onDone}: {decision: Decision; onDone: () => void}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const channels = useFollowUpChannels(decision);
    const names = useAppSelector((s) => channels.map((id) => channelLabel(s, id) ?? id), shallowEqual);
    const [title, setTitle] = useState(() => firstLine(decision.statement));
    const [channelId, setChannelId] = useState(channels[0] ?? '');
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null; made: string | null}>({busy: false, error: null, made: null});
    const chosen = channels.includes(channelId) ? channelId : channels[0] ?? '';

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (state.busy || !chosen) {
            return;
        }
        setState({busy: true, error: null, made: null});
        try {
            const task = await createFollowUpTask(decision.id, {channel_id: chosen, ...(title.trim() ? {title: title.trim()} : {})});
            dispatch(taskReceived(task));
            setState({busy: false, error: null, made: task.title});
            dispatch(decisionsReceived([await getDecision(decision.id)]));
        } catch (err) {
            setState((s) => ({busy: false, error: toErrorInfo(err), made: s.made}));
        }
    };

    return (
        <form
            className='tl-section'
            onSubmit={submit}
            noValidate={true}
        >
            <Field label={messages.followUpTitle}>
                {(control) => (
                    <input
                        {...control}
                        className='tl-input'
                        value={title}
                        maxLength={DECISION_LIMITS.titleMax}
                        onChange={(e) => setTitle(e.target.value)}
                    />
                )}
            </Field>
            {channels.length > 1 && (
                <Field label={messages.followUpChannel}>
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={chosen}
                            onChange={(e) => setChannelId(e.target.value)}
                        >
                            {channels.map((id, i) => (
                                <option
                                    key={id}
                                    value={id}
                                >
                                    {names[i]}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
            )}
            {state.error && <ErrorNotice error={state.error}/>}
            {state.made && (
                <p role='status'>
                    <FormattedMessage
                        {...messages.followUpDone}
                        values={{title: state.made}}
                    />
                </p>
            )}
            <div className='tl-actions'>
                <button
                    type='button'
                    className='tl-btn'
                    onClick={onDone}
                >
                    {intl.formatMessage(messages.cancel)}
                </button>
                <button
                    type='submit'
                    className='tl-btn tl-btn--primary'
                    aria-disabled={state.busy}
                >
                    <FormattedMessage {...(state.busy ? messages.followUpSubmitting : messages.followUpSubmit)}/>
                </button>
            </div>
        </form>
    );
}
