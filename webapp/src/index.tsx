import React from 'react';
import {FormattedMessage} from 'react-intl';

import {rightClickSet} from './actions';
import {bindClient, publicUrl} from './client';
import ThroughlineIcon from './components/icon';
import {withPluginIntl} from './components/plugin_intl';
import {installRightClick, postActions} from './features/post_menu';
import {Sidebar, sidebarMessages, taskCommandHook} from './features/sidebar';
import {TaskCard} from './features/tasks';
import {installTranslations} from './i18n';
import manifest from './manifest';
import {readRightClickPref} from './preferences';
import reducer from './reducer';
import {setRhs} from './rhs';
import Root from './root';
import {injectStyles} from './styles';
import type {HostStore, PluginInstance, PluginRegistry} from './types';

const TASK_POST_TYPE = 'custom_throughline_task';

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

        const rhs = registry.registerRightHandSidebarComponent(withPluginIntl(Sidebar), <FormattedMessage {...sidebarMessages.title}/>);
        setRhs(rhs);
        this.undo.push(() => setRhs(null));
        const toggle = () => {
            store.dispatch(rhs.toggleRHSPlugin);
        };

        registry.registerChannelHeaderButtonAction(
            <ThroughlineIcon/>,
            toggle,
            <FormattedMessage {...sidebarMessages.headerButton}/>,
            <FormattedMessage {...sidebarMessages.tooltip}/>,
        );
        if (typeof registry.registerAppBarComponent === 'function') {
            registry.registerAppBarComponent(publicUrl('app-bar-icon.png'), toggle, <FormattedMessage {...sidebarMessages.tooltip}/>);
        }
        if (typeof registry.registerSlashCommandWillBePostedHook === 'function') {
            registry.registerSlashCommandWillBePostedHook(taskCommandHook(() => {
                store.dispatch(rhs.showRHSPlugin);
            }));
        }

        registry.registerPostTypeComponent(TASK_POST_TYPE, withPluginIntl(TaskCard));
        this.undo.push(installRightClick(store));
    }

    uninitialize() {
        this.undo.reverse().forEach((fn) => fn());
        this.undo = [];
    }
}

window.registerPlugin(manifest.id, new Plugin());
