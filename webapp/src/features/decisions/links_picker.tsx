import type {Asset, Task} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {getAllTasks, getAssets} from '../../client';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import {useResource} from '../../resource';

import messages from './view_messages';

type Props = {
    projectId: string;
    taskIds: string[];
    versionIds: string[];
    onChange: (changes: {taskIds?: string[]; versionIds?: string[]}) => void;
};

const selected = (e: React.ChangeEvent<HTMLSelectElement>) => Array.from(e.target.selectedOptions, (o) => o.value);

// Related tasks and asset versions of the project, loaded only once the section is opened.
export default function LinksPicker({projectId, taskIds, versionIds, onChange}: Props) {
    const [open, setOpen] = useState(taskIds.length > 0 || versionIds.length > 0);
    return (
        <details
            className='tl-section'
            open={open}
            onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
        >
            <summary><FormattedMessage {...messages.linksToggle}/></summary>
            {open && (
                <Lists
                    projectId={projectId}
                    taskIds={taskIds}
                    versionIds={versionIds}
                    onChange={onChange}
                />
            )}
        </details>
    );
}

function Lists({projectId, taskIds, versionIds, onChange}: Props) {
    const intl = useIntl();
    const work = useResource<{tasks: Task[]; assets: Asset[]}>('decision-links:' + projectId, async (signal) => {
        const [tasks, assets] = await Promise.all([getAllTasks({project_id: projectId}, {signal}), getAssets(projectId, {signal})]);
        return {tasks, assets};
    });
    if (work.error) {
        return (
            <ErrorNotice
                error={work.error}
                onRetry={work.reload}
            />
        );
    }
    if (!work.data) {
        return <p className='tl-muted'><FormattedMessage {...messages.loadingLinks}/></p>;
    }
    const versions = work.data.assets.flatMap((a) => a.versions.map((v) => ({id: v.id, label: intl.formatMessage(messages.versionOption, {asset: a.name, number: v.number})})));
    return (
        <>
            <Field label={messages.fieldTasks}>
                {(control) => (work.data!.tasks.length ? (
                    <select
                        {...control}
                        multiple={true}
                        className='tl-input'
                        value={taskIds}
                        onChange={(e) => onChange({taskIds: selected(e)})}
                    >
                        {work.data!.tasks.map((t) => (
                            <option
                                key={t.id}
                                value={t.id}
                            >
                                {t.title}
                            </option>
                        ))}
                    </select>
                ) : <span className='tl-muted'><FormattedMessage {...messages.noTasks}/></span>)}
            </Field>
            <Field label={messages.fieldVersions}>
                {(control) => (versions.length ? (
                    <select
                        {...control}
                        multiple={true}
                        className='tl-input'
                        value={versionIds}
                        onChange={(e) => onChange({versionIds: selected(e)})}
                    >
                        {versions.map((v) => (
                            <option
                                key={v.id}
                                value={v.id}
                            >
                                {v.label}
                            </option>
                        ))}
                    </select>
                ) : <span className='tl-muted'><FormattedMessage {...messages.noVersions}/></span>)}
            </Field>
        </>
    );
}
