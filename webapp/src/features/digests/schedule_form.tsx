import type {DigestSettings} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {ErrorInfo} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import {toErrorInfo} from '../../use_request';

import {updateDigestSettings} from './api';
import messages, {weekdayMessages} from './messages';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

// The schedule, for those who may change it (non-guest members of the home channel).
export default function ScheduleForm({settings, onSaved}: {settings: DigestSettings; onSaved: (s: DigestSettings) => void}) {
    const intl = useIntl();
    const [weekday, setWeekday] = useState(settings.weekday);
    const [time, setTime] = useState(settings.time);
    const [zone, setZone] = useState(settings.time_zone);
    const [days, setDays] = useState(String(settings.stalled_days));
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<ErrorInfo | null>(null);

    const save = async (e: React.FormEvent) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
            onSaved(await updateDigestSettings(settings.project_id, {weekday, time, time_zone: zone.trim(), stalled_days: Number(days)}));
        } catch (err) {
            setError(toErrorInfo(err));
        } finally {
            setBusy(false);
        }
    };

    return (
        <form
            className='tl-digest__form'
            onSubmit={save}
            aria-label={intl.formatMessage(messages.settings)}
        >
            <Field label={messages.weekday}>
                {(p) => (
                    <select
                        {...p}
                        value={weekday}
                        onChange={(e) => setWeekday(Number(e.target.value))}
                    >
                        {WEEKDAYS.map((d) => (
                            <option
                                key={d}
                                value={d}
                            >
                                {intl.formatMessage(weekdayMessages[d])}
                            </option>
                        ))}
                    </select>
                )}
            </Field>
            <Field label={messages.time}>
                {(p) => (
                    <input
                        {...p}
                        type='time'
                        value={time}
                        onChange={(e) => setTime(e.target.value)}
                    />
                )}
            </Field>
            <Field label={messages.zone}>
                {(p) => (
                    <input
                        {...p}
                        value={zone}
                        maxLength={64}
                        onChange={(e) => setZone(e.target.value)}
                    />
                )}
            </Field>
            <Field label={messages.stalledDays}>
                {(p) => (
                    <input
                        {...p}
                        type='number'
                        min={1}
                        max={90}
                        value={days}
                        onChange={(e) => setDays(e.target.value)}
                    />
                )}
            </Field>
            {error && <ErrorNotice error={error}/>}
            <button
                type='submit'
                className='tl-btn'
                disabled={busy}
            >
                <FormattedMessage {...messages.save}/>
            </button>
        </form>
    );
}
