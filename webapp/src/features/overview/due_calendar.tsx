import type {Due, Task} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import {useAppDispatch} from '../../hooks';
import {useRequest} from '../../use_request';
import {openTask} from '../tasks';

import {getDue} from './api';
import {shiftAnchor, sameMonth, viewDays, type CalendarMode} from './calendar_dates';
import {formatDay} from './format';
import Section from './section';
import messages from './view_messages';

// live: moves when the project's tasks changed (see use_live_stamp.ts): the shown range loads again in place.
type Props = {projectId: string; today: string; live: string};

// The contract's page maximum (LIMITS.pageMax; the webapp takes only types from the contract): one
// page holds a month of due dates in all but the largest campaigns, and the day counts are all there.
const DUE_PAGE = 500;

function TaskLinks({tasks}: {tasks: Task[]}) {
    const dispatch = useAppDispatch();
    return (
        <ul className='tl-overview__list'>
            {tasks.map((t) => (
                <li key={t.id}>
                    <button
                        type='button'
                        className='tl-btn tl-btn--link'
                        onClick={() => openTask(dispatch, t.id)}
                    >
                        {t.title}
                    </button>
                </li>
            ))}
        </ul>
    );
}

// Due dates of the project as a month or a week; a day of the month lists what is due on it.
export default function DueCalendar({projectId, today, live}: Props) {
    const intl = useIntl();
    const [mode, setMode] = useState<CalendarMode>('month');
    const [anchor, setAnchor] = useState(today);
    const [picked, setPicked] = useState<string | null>(null);
    const days = viewDays(mode, anchor);
    const from = days[0];
    const to = days[days.length - 1];
    const due = useRequest<Due>(`${projectId}:${from}:${to}:${live}`, (signal) => getDue(projectId, {from, to, limit: DUE_PAGE}, {signal}));
    const totals = new Map((due.data?.days ?? []).map((d) => [d.day, d.total]));
    const byDay = (day: string) => (due.data?.items ?? []).filter((t) => t.due_at?.slice(0, 10) === day);
    const title = mode === 'month' ? intl.formatDate(anchor + 'T00:00:00Z', {month: 'long', year: 'numeric', timeZone: 'UTC'}) : `${formatDay(intl, from)} – ${formatDay(intl, to)}`;
    const move = (next: string) => {
        setAnchor(next);
        setPicked(null);
    };
    const toolbar = (
        <div className='tl-calendar__bar'>
            {(['month', 'week'] as const).map((m) => (
                <button
                    key={m}
                    type='button'
                    className='tl-btn'
                    aria-pressed={mode === m}
                    onClick={() => {
                        setMode(m);
                        setPicked(null);
                    }}
                >
                    <FormattedMessage {...messages[m]}/>
                </button>
            ))}
            <button
                type='button'
                className='tl-btn'
                onClick={() => move(shiftAnchor(mode, anchor, -1))}
            ><FormattedMessage {...messages.previous}/>
            </button>
            <button
                type='button'
                className='tl-btn'
                onClick={() => move(today)}
            ><FormattedMessage {...messages.today}/>
            </button>
            <button
                type='button'
                className='tl-btn'
                onClick={() => move(shiftAnchor(mode, anchor, 1))}
            ><FormattedMessage {...messages.next}/>
            </button>
            <strong aria-live='polite'>{title}</strong>
        </div>
    );
    const weekdays = days.slice(0, 7).map((d) => formatDay(intl, d, {weekday: 'short'}));
    return (
        <Section
            title={messages.calendar}
            empty={messages.dueNone}
            isEmpty={false}
            aside={toolbar}
        >
            {due.status === 'error' && (
                <ErrorNotice
                    error={due.error}
                    onRetry={due.reload}
                />
            )}
            {due.status === 'loading' && <p className='tl-muted'><FormattedMessage {...messages.dueLoading}/></p>}
            <div
                className={'tl-calendar tl-calendar--' + mode}
                role='group'
                aria-label={title}
            >
                {weekdays.map((w) => (
                    <div
                        key={w}
                        className='tl-calendar__weekday'
                        aria-hidden={true}
                    >
                        {w}
                    </div>
                ))}
                {days.map((day) => {
                    const total = totals.get(day) ?? 0;
                    const label = intl.formatMessage(total ? messages.dueOnDay : messages.nothingDue, {date: formatDay(intl, day, {day: 'numeric', month: 'long'}), total});
                    const classes = ['tl-calendar__day', total ? 'tl-calendar__day--due' : '', day === today ? 'tl-calendar__day--today' : '', mode === 'month' && !sameMonth(day, anchor) ? 'tl-muted' : ''];
                    return mode === 'month' ? (
                        <button
                            key={day}
                            type='button'
                            className={classes.join(' ')}
                            aria-label={label}
                            aria-pressed={picked === day}
                            onClick={() => setPicked(picked === day ? null : day)}
                        >
                            <span>{Number(day.slice(8))}</span>
                            {total > 0 && <span className='tl-calendar__count'>{total}</span>}
                        </button>
                    ) : (
                        <div
                            key={day}
                            className={classes.join(' ')}
                            role='group'
                            aria-label={label}
                        >
                            <span>{formatDay(intl, day)}</span>
                            <TaskLinks tasks={byDay(day)}/>
                        </div>
                    );
                })}
            </div>
            {mode === 'month' && picked && (
                <div className='tl-calendar__picked'>
                    <h3>{formatDay(intl, picked, {day: 'numeric', month: 'long'})}</h3>
                    <TaskLinks tasks={byDay(picked)}/>
                </div>
            )}
            {due.status === 'ready' && !due.data.days.length && <p className='tl-muted'><FormattedMessage {...messages.dueNone}/></p>}
        </Section>
    );
}
