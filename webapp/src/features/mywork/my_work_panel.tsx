import type {MyWorkSection, OwedReceipt, Task, WaitingDecision, WaitingVersion} from '@throughline/contract';
import React from 'react';
import {FormattedDate, FormattedMessage} from 'react-intl';

import {taskSelected} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {channelLabel} from '../../host/selectors';
import {CalendarFeeds} from '../calendar';
import {StatusBadge} from '../tasks';

import messages from './messages';
import {useMyWork} from './use_my_work';

type Item = Task | WaitingDecision | WaitingVersion | OwedReceipt;

// What waits for the person across every project: the sidebar's view when no channel is open.
export default function MyWorkPanel() {
    const {status, data, error, reload, sections, more, moreError} = useMyWork();
    const shown = sections.filter((s) => s.count > 0);
    return (
        <div className='tl-mywork'>
            <h3 className='tl-mywork__title'><FormattedMessage {...messages.title}/></h3>
            {error && (
                <ErrorNotice
                    error={error}
                    onRetry={reload}
                />
            )}
            {!data && status === 'loading' && <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}
            {data && !shown.length && <p className='tl-state'><FormattedMessage {...messages.nothing}/></p>}
            {shown.map((s) => (
                <section
                    key={s.key}
                    className='tl-mywork__section'
                    aria-labelledby={'tl-mywork-' + s.key}
                >
                    <h4 id={'tl-mywork-' + s.key}>
                        <FormattedMessage
                            {...messages.heading}
                            values={keyed({title: <FormattedMessage {...messages[s.key]}/>, count: s.count})}
                        />
                    </h4>
                    <ul className='tl-mywork__list'>
                        {s.items.map((item) => (
                            <li key={keyOf(s.key, item)}>
                                <Row
                                    section={s.key}
                                    item={item}
                                />
                            </li>
                        ))}
                    </ul>
                    {s.hasMore && (
                        <button
                            type='button'
                            className='tl-btn tl-btn--link'
                            onClick={() => more(s.key)}
                        >
                            <FormattedMessage {...messages.more}/>
                        </button>
                    )}
                </section>
            ))}
            {moreError && <ErrorNotice error={moreError}/>}
            {data && (
                <p className='tl-muted'>
                    <FormattedMessage
                        {...messages.zone}
                        values={{zone: data.time_zone}}
                    />
                </p>
            )}
            <div className='tl-mywork__feeds'>
                <p className='tl-muted'><FormattedMessage {...messages.feedsHint}/></p>
                <CalendarFeeds/>
            </div>
        </div>
    );
}

const keyOf = (section: MyWorkSection, item: Item) => ('kind' in item ? `${item.kind}:${item.subject_id}:${item.channel_id}` : section + ':' + item.id);

function Channel({id}: {id: string}) {
    const label = useAppSelector((s) => channelLabel(s, id));
    return (
        <span className='tl-muted tl-mywork__where'>
            <FormattedMessage
                {...messages.inChannel}
                values={keyed({channel: label ?? <FormattedMessage {...messages.someChannel}/>})}
            />
        </span>
    );
}

function Row({section, item}: {section: MyWorkSection; item: Item}) {
    if (section === 'decisions') {
        const d = item as WaitingDecision;
        return <>{d.statement}<Channel id={d.source_channel_id}/></>;
    }
    if (section === 'versions') {
        const v = item as WaitingVersion;
        return (
            <>
                <FormattedMessage
                    {...messages.version}
                    values={{asset: v.asset_name, number: v.number, file: v.file_name}}
                />
                <Channel id={v.channel_id}/>
            </>
        );
    }
    if (section === 'receipts') {
        const r = item as OwedReceipt;
        return (
            <>
                <FormattedMessage
                    {...(r.kind === 'decision' ? messages.receiptDecision : messages.receiptVersion)}
                    values={{title: r.title, number: r.number}}
                />
                <Channel id={r.channel_id}/>
            </>
        );
    }
    return <TaskLine task={item as Task}/>;
}

function TaskLine({task}: {task: Task}) {
    const dispatch = useAppDispatch();
    return (
        <div className='tl-row'>
            <div className='tl-row__main'>
                <button
                    type='button'
                    className='tl-btn tl-btn--link tl-row__title'
                    onClick={() => dispatch(taskSelected(task.id))}
                >
                    {task.title}
                </button>
                <span className='tl-muted'>
                    {task.due_at ? <FormattedDate value={task.due_at}/> : <FormattedMessage {...messages.noDue}/>}
                </span>
                <Channel id={task.channel_id}/>
            </div>
            <StatusBadge status={task.status}/>
        </div>
    );
}
