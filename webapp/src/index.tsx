import './public_path';

import React from 'react';
import {FormattedMessage} from 'react-intl';

import {assetModalOpened, rightClickSet} from './actions';
import {bindClient, publicUrl} from './client';
import ThroughlineIcon from './components/icon';
import {withPluginIntl} from './components/plugin_intl';
import {ApprovalCard, assetMessages} from './features/assets';
import {DecisionCard} from './features/decisions';
import {ITEM_ROUTE, ItemRoute} from './features/item_link';
import {OVERVIEW_ROUTE, OverviewRoute} from './features/overview';
import {installRightClick, postActions} from './features/post_menu';
import {Sidebar, sidebarMessages, taskCommandHook} from './features/sidebar';
import {ApprovedVersionsBanner, TaskSourceStatus} from './features/surfaces';
import {TaskCard} from './features/tasks';
import {setRhs, showSidebar, toggleSidebar} from './host/rhs';
import {registerComposerBanner, registerPostHeader, registerSidebar, registerTeamPage} from './host/surfaces';
import type {HostStore, PluginInstance, PluginRegistry} from './host/types';
import {installTranslations} from './i18n';
import {startLive} from './live';
import manifest from './manifest';
import {readRightClickPref} from './preferences';
import reducer from './reducer';
import Root from './root';
import {injectStyles} from './styles';

const TASK_POST_TYPE = 'custom_throughline_task';
const APPROVAL_POST_TYPE = 'custom_throughline_approval';
const DECISION_POST_TYPE = 'custom_throughline_decision';

class Plugin implements PluginInstance {
    private undo: Array<() => void> = [];

    initialize(registry: PluginRegistry, store: HostStore) {
        bindClient(() => store.getState());
        registry.registerReducer(reducer);
        store.dispatch(rightClickSet(readRightClickPref()));
        this.undo.push(injectStyles(), () => bindClient(null));
        this.undo.push(installTranslations(registry, store));

        registry.registerRootComponent(Root);

        for (const action of postActions) {
            registry.registerPostDropdownMenuAction(
                <FormattedMessage {...action.label}/>,
                (postId: string) => action.run(store.dispatch, postId),
                (postId: string) => action.isAvailable(store.getState(), postId),
            );
        }

        if (typeof registry.registerFileDropdownMenuAction === 'function') {
            registry.registerFileDropdownMenuAction(
                (fileInfo) => Boolean(fileInfo?.id),
                <FormattedMessage {...assetMessages.fileMenu}/>,
                (fileInfo) => store.dispatch(assetModalOpened({postId: fileInfo.post_id || null, fileId: fileInfo.id, channelId: fileInfo.channel_id || null})),
            );
        }

        setRhs(registerSidebar(registry, store, {
            component: withPluginIntl(Sidebar),
            title: <FormattedMessage {...sidebarMessages.title}/>,
            iconUrl: publicUrl('app-bar-icon.png'),
            tooltip: <FormattedMessage {...sidebarMessages.tooltip}/>,
        }));
        this.undo.push(() => setRhs(null));

        // The project overview, a page of its own; the sidebar links to it where the host draws it.
        // An item link (the digest posts' lines) opens its record in the sidebar, from its channel.
        this.undo.push(registerTeamPage(registry, OVERVIEW_ROUTE, withPluginIntl(OverviewRoute)));
        this.undo.push(registerTeamPage(registry, ITEM_ROUTE, withPluginIntl(ItemRoute)));

        // Shown where the App Bar is off (with it on, Mattermost hides a plugin's header buttons).
        registry.registerChannelHeaderButtonAction(
            <ThroughlineIcon/>,
            () => toggleSidebar(store.dispatch),
            <FormattedMessage {...sidebarMessages.headerButton}/>,
            <FormattedMessage {...sidebarMessages.tooltip}/>,
        );
        if (typeof registry.registerSlashCommandWillBePostedHook === 'function') {
            registry.registerSlashCommandWillBePostedHook(taskCommandHook(() => showSidebar(store.dispatch)));
        }

        registry.registerPostTypeComponent(TASK_POST_TYPE, withPluginIntl(TaskCard));
        registry.registerPostTypeComponent(APPROVAL_POST_TYPE, withPluginIntl(ApprovalCard));
        registry.registerPostTypeComponent(DECISION_POST_TYPE, withPluginIntl(DecisionCard));
        this.undo.push(installRightClick(store));

        // Mattermost 12: a task's status beside its message, the channel's approved versions above the message box.
        registerPostHeader(registry, TaskSourceStatus);
        registerComposerBanner(registry, ApprovedVersionsBanner);

        const live = startLive(store);
        this.undo.push(() => live.stop());

        // The host's websocket came back: the network did, so our stream need not wait out its backoff.
        registry.registerReconnectHandler(() => live.reconnectNow());
    }

    uninitialize() {
        this.undo.reverse().forEach((fn) => fn());
        this.undo = [];
    }
}

window.registerPlugin(manifest.id, new Plugin());
