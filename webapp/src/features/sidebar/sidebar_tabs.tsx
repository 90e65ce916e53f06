import React, {useRef} from 'react';
import {FormattedMessage, useIntl, type MessageDescriptor} from 'react-intl';

import {digestEntryMessages} from '../digests';

import messages from './messages';
import type {Tab} from './view_state';

const TABS: Array<{tab: Tab; label: MessageDescriptor}> = [
    {tab: 'tasks', label: messages.tabTasks},
    {tab: 'assets', label: messages.tabAssets},
    {tab: 'decisions', label: messages.tabDecisions},
    {tab: 'digest', label: digestEntryMessages.tab},
];

export const tabId = (base: string, tab: Tab) => `${base}-tab-${tab}`;
export const panelId = (base: string, tab: Tab) => `${base}-panel-${tab}`;

type Props = {
    base: string;
    value: Tab;
    onChange: (tab: Tab) => void;
};

// The sidebar's views as tabs (WAI-ARIA tabs: arrows move and select, one tab stop).
export default function SidebarTabs({base, value, onChange}: Props) {
    const intl = useIntl();
    const ref = useRef<HTMLDivElement>(null);

    const onKeyDown = (e: React.KeyboardEvent) => {
        const focused = TABS.findIndex((t) => document.activeElement?.id === tabId(base, t.tab));
        const at = focused >= 0 ? focused : TABS.findIndex((t) => t.tab === value);
        let next = -1;
        if (e.key === 'ArrowRight') {
            next = (at + 1) % TABS.length;
        } else if (e.key === 'ArrowLeft') {
            next = (at - 1 + TABS.length) % TABS.length;
        } else if (e.key === 'Home') {
            next = 0;
        } else if (e.key === 'End') {
            next = TABS.length - 1;
        }
        if (next < 0) {
            return;
        }
        e.preventDefault();
        onChange(TABS[next].tab);
        ref.current?.querySelector<HTMLElement>('#' + tabId(base, TABS[next].tab))?.focus();
    };

    return (
        <div
            ref={ref}
            role='tablist'
            aria-label={intl.formatMessage(messages.tabs)}
            className='tl-tabs'
            onKeyDown={onKeyDown}
        >
            {TABS.map(({tab, label}) => (
                <button
                    key={tab}
                    id={tabId(base, tab)}
                    type='button'
                    role='tab'
                    aria-selected={tab === value}
                    aria-controls={panelId(base, tab)}
                    tabIndex={tab === value ? 0 : -1}
                    className='tl-tab'
                    onClick={() => onChange(tab)}
                >
                    <FormattedMessage {...label}/>
                </button>
            ))}
        </div>
    );
}
