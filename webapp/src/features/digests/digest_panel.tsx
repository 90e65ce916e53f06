import type {Digest, DigestSettings, DigestSummary, Project} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedDate, FormattedMessage, FormattedTime, useIntl} from 'react-intl';

import type {ErrorInfo} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import {useAppSelector} from '../../hooks';
import {channelLabel} from '../../host/selectors';
import {toErrorInfo, useRequest} from '../../use_request';

import {compileDigest, getDigest, getDigestSettings, listDigests, setDigestSubscription} from './api';
import DigestView from './digest_view';
import messages, {weekdayMessages} from './messages';
import ScheduleForm from './schedule_form';

type Props = {project: Project; onShowAssets: () => void};

// The Digest tab: the schedule, the reader's subscription, "compile now", and the history of digests.
export default function DigestPanel({project, onShowAssets}: Props) {
    const [openId, setOpenId] = useState<string | null>(null);
    const [fresh, setFresh] = useState<Digest | null>(null);
    if (openId) {
        return (
            <OneDigest
                id={openId}
                known={fresh?.id === openId ? fresh : null}
                onBack={() => setOpenId(null)}
                onShowAssets={onShowAssets}
            />
        );
    }
    return (
        <Overview
            project={project}
            onOpen={(id, compiled) => {
                setFresh(compiled);
                setOpenId(id);
            }}
        />
    );
}

// `compiled`: the digest just made, shown without asking for it again.
function Overview({project, onOpen}: {project: Project; onOpen: (id: string, compiled: Digest | null) => void}) {
    const settings = useRequest<DigestSettings>('settings:' + project.id, (signal) => getDigestSettings(project.id, {signal}));
    const history = useRequest<DigestSummary[]>('history:' + project.id, (signal) => listDigests(project.id, {signal}));
    const [current, setCurrent] = useState<DigestSettings | null>(null);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<ErrorInfo | null>(null);
    const s = current ?? settings.data;

    const act = async (fn: () => Promise<void>) => {
        setBusy(true);
        setError(null);
        try {
            await fn();
        } catch (e) {
            setError(toErrorInfo(e));
        } finally {
            setBusy(false);
        }
    };

    return (
        <div className='tl-digests'>
            {settings.error && !s && (
                <ErrorNotice
                    error={settings.error}
                    onRetry={settings.reload}
                />
            )}
            {s && <Schedule settings={s}/>}
            <div className='tl-digests__actions'>
                <button
                    type='button'
                    className='tl-btn tl-btn--primary'
                    disabled={busy}
                    onClick={() => act(async () => {
                        const d = await compileDigest(project.id);
                        onOpen(d.id, d);
                    })}
                >
                    <FormattedMessage {...(busy ? messages.compiling : messages.compile)}/>
                </button>
                {s && (
                    <label className='tl-check'>
                        <input
                            type='checkbox'
                            checked={s.subscribed}
                            disabled={busy}
                            onChange={(e) => {
                                const on = e.target.checked;
                                act(async () => {
                                    await setDigestSubscription(project.id, on);
                                    setCurrent({...s, subscribed: on});
                                });
                            }}
                        />
                        <FormattedMessage {...messages.subscribe}/>
                    </label>
                )}
            </div>
            {error && <ErrorNotice error={error}/>}
            {s?.can_configure && (
                <details>
                    <summary><FormattedMessage {...messages.settings}/></summary>
                    <ScheduleForm
                        settings={s}
                        onSaved={setCurrent}
                    />
                </details>
            )}
            <h4><FormattedMessage {...messages.history}/></h4>
            {history.error && (
                <ErrorNotice
                    error={history.error}
                    onRetry={history.reload}
                />
            )}
            {history.status === 'ready' && !history.data.length && <p className='tl-muted'><FormattedMessage {...messages.noHistory}/></p>}
            <ul className='tl-digests__history'>
                {(history.data ?? []).map((d) => (
                    <HistoryRow
                        key={d.id}
                        digest={d}
                        onOpen={() => onOpen(d.id, null)}
                    />
                ))}
            </ul>
        </div>
    );
}

function Schedule({settings: s}: {settings: DigestSettings}) {
    const intl = useIntl();
    return (
        <p className='tl-muted'>
            <FormattedMessage
                {...messages.schedule}
                values={keyed({
                    weekday: intl.formatMessage(weekdayMessages[s.weekday as keyof typeof weekdayMessages]),
                    time: s.time,
                    zone: s.time_zone,
                    next: <><FormattedDate value={s.next_slot}/>{' '}<FormattedTime value={s.next_slot}/></>,
                    days: s.stalled_days,
                })}
            />
        </p>
    );
}

function HistoryRow({digest: d, onOpen}: {digest: DigestSummary; onOpen: () => void}) {
    const channel = useAppSelector((s) => (d.audience_kind === 'channel' ? channelLabel(s, d.audience_id) : null));
    const values = keyed({
        from: <FormattedDate value={d.window_start}/>,
        to: <FormattedDate value={new Date(Date.parse(d.slot) - 60000).toISOString()}/>,
        lines: d.lines,
        channel: channel ?? d.audience_id.slice(0, 8),
    });
    return (
        <li>
            <button
                type='button'
                className='tl-btn tl-btn--link'
                onClick={onOpen}
            >
                <FormattedMessage
                    {...(d.audience_kind === 'user' ? messages.rowMine : messages.rowChannel)}
                    values={values}
                />
            </button>
        </li>
    );
}

function OneDigest({id, known, onBack, onShowAssets}: {id: string; known: Digest | null; onBack: () => void; onShowAssets: () => void}) {
    const req = useRequest<Digest>(known ? null : 'digest:' + id, (signal) => getDigest(id, {signal}));
    const digest = known ?? req.data;
    return (
        <div className='tl-digests'>
            <button
                type='button'
                className='tl-btn tl-btn--link'
                onClick={onBack}
            >
                <FormattedMessage {...messages.back}/>
            </button>
            {req.error && !digest && (
                <ErrorNotice
                    error={req.error}
                    onRetry={req.reload}
                />
            )}
            {!digest && !req.error && <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}
            {digest && (
                <DigestView
                    digest={digest}
                    onShowAssets={onShowAssets}
                />
            )}
        </div>
    );
}
