import React, {useEffect, useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {itemLinkNoticed, type ItemLinkNotice} from '../../actions';
import {Alert} from '../../components/form';
import {useAppStore} from '../../hooks';
import {channelPath, replacePath, usePathname} from '../../host/navigation';
import {showSidebar} from '../../host/rhs';
import {currentChannelId, getChannel, teamName} from '../../host/selectors';
import type {HostStore} from '../../host/types';

import {readItemPath} from './address';
import {NOTICE} from './item_link_notice';
import messages from './messages';
import {noticeFor, resolveItem, type ItemTarget} from './resolve_item';

// Runs `open` once the host shows `channelId`: opening the sidebar's view before the channel
// switch lands would see it reset by the switch.
function onceIn(store: HostStore, channelId: string, open: () => void) {
    const from = currentChannelId(store.getState());
    if (from === channelId) {
        open();
        return;
    }
    const stop = store.subscribe(() => {
        if (currentChannelId(store.getState()) !== from) {
            stop();
            open();
        }
    });
}

// The item in the sidebar, shown from its channel: the link's page makes way for the channel, in
// place of itself in the history, so Back leads where the reader came from.
function arrive(store: HostStore, team: string, target: ItemTarget) {
    const open = () => {
        store.dispatch(itemLinkNoticed(null));
        target.actions.forEach((a) => store.dispatch(a));
        showSidebar(store.dispatch);
    };
    const channel = getChannel(store.getState(), target.channelId);

    // Mattermost also finds a channel by its id in this address, for one the store has not loaded.
    if (replacePath(channelPath(team, channel?.name ?? target.channelId))) {
        onceIn(store, target.channelId, open);
    } else {
        open();
    }
}

// Nothing to open: the reason in the sidebar, and the team's last channel in place of the page.
function refuse(store: HostStore, team: string, notice: ItemLinkNotice) {
    store.dispatch(itemLinkNoticed(notice));
    showSidebar(store.dispatch);
    replacePath('/' + team);
}

// What registerNeedsTeamRoute draws at /<team>/<plugin id>/item/<kind>/<id>: for the moment it
// takes to ask the service, a line saying so; then the item's channel with the item in the sidebar.
export default function ItemRoute() {
    const store = useAppStore();
    const {teamName: team, kind, id} = readItemPath(usePathname());
    const [notice, setNotice] = useState<ItemLinkNotice | null>(null);

    useEffect(() => {
        const controller = new AbortController();
        const where = team ?? teamName(store.getState()) ?? '';
        setNotice(null);
        resolveItem(kind, id, controller.signal).then((target) => {
            if (!controller.signal.aborted) {
                arrive(store, where, target);
            }
        }, (err) => {
            if (!controller.signal.aborted) {
                const n = noticeFor(err);
                setNotice(n);
                refuse(store, where, n);
            }
        });
        return () => controller.abort();
    }, [store, team, kind, id]);

    return (
        <div className='tl-item-route'>
            {notice ? (
                <Alert><FormattedMessage {...NOTICE[notice]}/></Alert>
            ) : (
                <p
                    className='tl-muted'
                    role='status'
                >
                    <FormattedMessage {...messages.opening}/>
                </p>
            )}
        </div>
    );
}
