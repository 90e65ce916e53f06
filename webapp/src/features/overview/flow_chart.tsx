import type {FlowDay, TaskStatus} from '@throughline/contract';
import React from 'react';
import {useIntl} from 'react-intl';

import {useUniqueId} from '../../components/unique_id';
import {statusMessages} from '../tasks';

import {formatDay} from './format';
import Section from './section';
import messages from './view_messages';

// Bottom to top, as a cumulative-flow chart stacks them: what is finished under what is still moving.
const LAYERS: TaskStatus[] = ['done', 'review', 'in_progress', 'todo', 'cancelled'];
const W = 720;
const H = 220;
const LEFT = 40;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 22;

// Drawn by hand: a stacked area per status is a few path commands, less than any chart library.
function Chart({flow}: {flow: FlowDay[]}) {
    const intl = useIntl();
    const titleId = useUniqueId('tl-flow');
    const last = flow[flow.length - 1];
    const max = Math.max(1, ...flow.map((d) => LAYERS.reduce((n, s) => n + d[s], 0)));
    const x = (i: number) => LEFT + (flow.length === 1 ? (W - LEFT - RIGHT) / 2 : (i * (W - LEFT - RIGHT)) / (flow.length - 1));
    const y = (v: number) => H - BOTTOM - (v / max) * (H - TOP - BOTTOM);
    const below = flow.map(() => 0);
    const areas = LAYERS.map((status) => {
        const lower = [...below];
        flow.forEach((d, i) => {
            below[i] += d[status];
        });
        const top = flow.map((_, i) => `${x(i).toFixed(1)},${y(below[i]).toFixed(1)}`);
        const bottom = flow.map((_, i) => `${x(i).toFixed(1)},${y(lower[i]).toFixed(1)}`).reverse();
        return {status, d: `M${top.join('L')}L${bottom.join('L')}Z`};
    });
    const counts = LAYERS.map((s) => `${intl.formatMessage(statusMessages[s])} ${last[s]}`).join(', ');
    const from = formatDay(intl, flow[0].day);
    const to = formatDay(intl, last.day);
    return (
        <figure className='tl-flow'>
            <svg
                role='img'
                aria-labelledby={titleId}
                viewBox={`0 0 ${W} ${H}`}
                className='tl-flow__svg'
            >
                <title id={titleId}>{intl.formatMessage(messages.flowSummary, {from, to, counts})}</title>
                {areas.map((a) => (
                    <path
                        key={a.status}
                        className={'tl-flow__area tl-flow__area--' + a.status}
                        d={a.d}
                    />
                ))}
                <line
                    className='tl-flow__axis'
                    x1={LEFT}
                    x2={W - RIGHT}
                    y1={y(0)}
                    y2={y(0)}
                />
                <text
                    className='tl-flow__label'
                    x={LEFT - 4}
                    y={y(max) + 10}
                    textAnchor='end'
                >{intl.formatNumber(max)}
                </text>
                <text
                    className='tl-flow__label'
                    x={LEFT - 4}
                    y={y(0)}
                    textAnchor='end'
                >{intl.formatNumber(0)}
                </text>
                <text
                    className='tl-flow__label'
                    x={LEFT}
                    y={H - 4}
                >{from}
                </text>
                <text
                    className='tl-flow__label'
                    x={W - RIGHT}
                    y={H - 4}
                    textAnchor='end'
                >{to}
                </text>
            </svg>
            <figcaption className='tl-flow__legend'>
                {[...LAYERS].reverse().map((s) => (
                    <span key={s}>
                        <span className={'tl-flow__swatch tl-flow__area--' + s}/>
                        {intl.formatMessage(statusMessages[s])}
                    </span>
                ))}
            </figcaption>
        </figure>
    );
}

export default function FlowChart({flow}: {flow: FlowDay[]}) {
    const empty = !flow.some((d) => LAYERS.some((s) => d[s] > 0));
    return (
        <Section
            title={messages.flow}
            empty={messages.flowEmpty}
            isEmpty={empty}
        >
            {!empty && <Chart flow={flow}/>}
        </Section>
    );
}
