import type {Project} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {projectReceived, type ErrorInfo} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import FormDialog from '../../components/form_dialog';
import commonMessages from '../../components/messages';
import {useUniqueId} from '../../components/unique_id';
import UserName from '../../components/user_name';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels, useMyChannels} from '../../host/channels';
import {channelLabel, displayName, getUser} from '../../host/selectors';
import {useChannelMembers, useProfiles} from '../../host/users';
import {toErrorInfo} from '../../use_request';

import {setChannelLead} from './api';
import messages from './view_messages';

type Props = {project: Project; onClose: () => void};

type Save = {busy: boolean; error: ErrorInfo | null; saved: boolean};

// Who in each channel of the project gets its task when a task is rolled out: the list, and one
// channel's lead changed at a time (among that channel's members, the ones a task may go to).
export default function LeadsDialog({project, onClose}: Props) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-leads');
    useChannels(project.channel_ids);
    useProfiles(project.leads.map((l) => l.user_id));
    const names = useAppSelector((s) => project.channel_ids.map((id) => channelLabel(s, id) ?? intl.formatMessage(messages.unknownChannel)), shallowEqual);
    const mine = useMyChannels(project.channel_ids);
    const leadOf = (channelId: string) => project.leads.find((l) => l.channel_id === channelId)?.user_id ?? null;
    const [channelId, setChannelId] = useState('');
    const channel = channelId || mine[0] || '';
    const [pick, setPick] = useState<{channelId: string; userId: string} | null>(null);
    const userId = pick?.channelId === channel ? pick.userId : leadOf(channel) ?? '';
    const [save, setSave] = useState<Save>({busy: false, error: null, saved: false});

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (save.busy || !channel) {
            return;
        }
        setSave({busy: true, error: null, saved: false});
        try {
            dispatch(projectReceived(await setChannelLead(project.id, channel, userId || null)));
            setSave({busy: false, error: null, saved: true});
        } catch (err) {
            setSave({busy: false, error: toErrorInfo(err), saved: false});
        }
    };

    return (
        <FormDialog
            id={headingId}
            onClose={onClose}
            onSubmit={submit}
            title={<FormattedMessage {...messages.leadsTitle}/>}
        >
            <div className='tl-dialog__body'>
                <p className='tl-muted'><FormattedMessage {...messages.leadsHint}/></p>
                <table
                    className='tl-table'
                    aria-label={intl.formatMessage(messages.leadsList)}
                >
                    <tbody>
                        {project.channel_ids.map((id, i) => (
                            <tr key={id}>
                                <th scope='row'>{names[i]}</th>
                                <td>{leadOf(id) ? <UserName userId={leadOf(id)}/> : <FormattedMessage {...messages.leadsNone}/>}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>
                {mine.length === 0 ? <p><FormattedMessage {...messages.leadsNoChannels}/></p> : (
                    <>
                        <Field label={messages.leadsChannel}>
                            {(control) => (
                                <select
                                    {...control}
                                    className='tl-input'
                                    value={channel}
                                    onChange={(e) => {
                                        setChannelId(e.target.value);
                                        setSave({busy: false, error: null, saved: false});
                                    }}
                                >
                                    {mine.map((id) => (
                                        <option
                                            key={id}
                                            value={id}
                                        >
                                            {names[project.channel_ids.indexOf(id)]}
                                        </option>
                                    ))}
                                </select>
                            )}
                        </Field>
                        <LeadSelect
                            channelId={channel}
                            value={userId}
                            onChange={(id) => {
                                setPick({channelId: channel, userId: id});
                                setSave({busy: false, error: null, saved: false});
                            }}
                        />
                    </>
                )}
                {save.error && <ErrorNotice error={save.error}/>}
                {save.saved && <p role='status'><FormattedMessage {...messages.leadsSaved}/></p>}
            </div>
            <div className='tl-dialog__footer'>
                <button
                    type='button'
                    className='tl-btn'
                    onClick={onClose}
                >
                    <FormattedMessage {...commonMessages.close}/>
                </button>
                {mine.length > 0 && (
                    <button
                        type='submit'
                        className='tl-btn tl-btn--primary'
                        aria-disabled={save.busy}
                    >
                        <FormattedMessage {...(save.busy ? messages.leadsSaving : messages.leadsSave)}/>
                    </button>
                )}
            </div>
        </FormDialog>
    );
}

function LeadSelect({channelId, value, onChange}: {channelId: string; value: string; onChange: (userId: string) => void}) {
    const intl = useIntl();
    const members = useChannelMembers(channelId);
    const current = useAppSelector((s) => (value ? getUser(s, value) : undefined));
    if (members.error && !members.data) {
        return (
            <ErrorNotice
                error={members.error}
                onRetry={members.reload}
            />
        );
    }
    const people = members.data ?? [];
    return (
        <Field label={messages.leadsLead}>
            {(control) => (
                <select
                    {...control}
                    className='tl-input'
                    value={value}
                    onChange={(e) => onChange(e.target.value)}
                >
                    <option value=''>{intl.formatMessage(members.data ? messages.leadsNone : messages.leadsLoadingMembers)}</option>

                    {/* The current lead stays choosable while the members load, or if they left the channel. */}
                    {value && !people.some((u) => u.id === value) && <option value={value}>{current ? displayName(current, current.username) : intl.formatMessage(commonMessages.unknownUser)}</option>}
                    {people.map((u) => (
                        <option
                            key={u.id}
                            value={u.id}
                        >
                            {intl.formatMessage(messages.member, {name: displayName(u, u.username), username: u.username})}
                        </option>
                    ))}
                </select>
            )}
        </Field>
    );
}
