import type {Overview} from '@throughline/contract';
import React, {useEffect, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import {injectStyles} from '../../styles';
import {useRequest} from '../../use_request';

import {getOverview} from './api';
import CellList from './cell_list';
import {useNames} from './directory';
import DueCalendar from './due_calendar';
import DurationsView from './durations';
import FilesGone from './files_gone';
import FlowChart from './flow_chart';
import Matrix, {type Cell} from './matrix';
import messages from './messages';
import OverdueView from './overdue';
import OverviewHeader from './overview_header';
import Section from './section';
import Stalls from './stalls';
import {OVERVIEW_CSS} from './styles';
import {useOverviewAddress} from './use_address';
import {useProjectLiveStamp} from './use_live_stamp';

const WEEKS = [4, 8, 12, 26, 52];

function ProjectOverview({projectId, teamName}: {projectId: string; teamName: string | null}) {
    const intl = useIntl();
    const [weeks, setWeeks] = useState(8);
    const [cell, setCell] = useState<Cell | null>(null);
    const live = useProjectLiveStamp(projectId);
    const answer = useRequest<Overview>(`${projectId}:${weeks}:${live}`, (signal) => getOverview(projectId, weeks, {signal}));
    const names = useNames(answer.data);
    const o = answer.data;
    if (!o) {
        return answer.status === 'error' ? (
            <ErrorNotice
                error={answer.error}
                onRetry={answer.reload}
            />
        ) : <p className='tl-muted'><FormattedMessage {...messages.loadingOverview}/></p>;
    }
    return (
        <>
            <OverviewHeader
                name={o.project_name}
                channelIds={o.rows.map((r) => r.channel_id)}
                teamName={teamName}
            >
                <Field
                    label={messages.weeks}
                    inline={true}
                >
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={weeks}
                            onChange={(e) => setWeeks(Number(e.target.value))}
                        >
                            {WEEKS.map((w) => (
                                <option
                                    key={w}
                                    value={w}
                                >
                                    {intl.formatMessage(messages.weeksOption, {weeks: w})}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
                <span className='tl-muted'>{intl.formatMessage(messages.asOf, {at: intl.formatDate(o.at, {dateStyle: 'medium', timeStyle: 'short'})})}</span>
            </OverviewHeader>
            {answer.status === 'error' && (
                <ErrorNotice
                    error={answer.error}
                    onRetry={answer.reload}
                />
            )}
            <Section
                title={messages.matrix}
                empty={messages.matrixEmpty}
                isEmpty={!o.rows.length}
            >
                <Matrix
                    rows={o.rows}
                    channelName={names.channel}
                    open={cell}
                    onOpen={setCell}
                />
                {cell && (
                    <CellList
                        key={cell.channelId + cell.kind + (cell.status ?? '')}
                        projectId={projectId}
                        cell={cell}
                        channel={names.channel(cell.channelId)}
                        onClose={() => setCell(null)}
                    />
                )}
            </Section>
            <div className='tl-overview__pair'>
                <Stalls
                    stalls={o.stalls}
                    names={names}
                />
                <FilesGone
                    versions={o.disappearing}
                    names={names}
                />
            </div>
            <FlowChart flow={o.flow}/>
            <DurationsView
                durations={o.durations}
                names={names}
            />
            <OverdueView
                overdue={o.overdue}
                names={names}
            />
            <DueCalendar
                projectId={projectId}
                today={o.at.slice(0, 10)}
                live={live}
            />
        </>
    );
}

// The project overview: one page for the whole campaign, counted by the service.
export default function OverviewPage() {
    useEffect(() => injectStyles(OVERVIEW_CSS), []);
    const {teamName, projectId} = useOverviewAddress();
    return (
        <div className='tl-overview'>
            {projectId ? (
                <ProjectOverview
                    key={projectId}
                    projectId={projectId}
                    teamName={teamName}
                />
            ) : <p className='tl-muted'><FormattedMessage {...messages.noProject}/></p>}
        </div>
    );
}
