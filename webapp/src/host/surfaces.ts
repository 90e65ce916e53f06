import type React from 'react';

import type {Channel} from '@mattermost/types/channels';
import type {Post} from '@mattermost/types/posts';

import type {HostStore, PluginRegistry, ReactResolvable, RhsRegistration, RootComponentProps} from './types';

type Sidebar = {
    component: React.ComponentType<RootComponentProps>;
    title: ReactResolvable;
    iconUrl: string;
    tooltip: ReactResolvable;
};

// The sidebar and its App Bar icon, in the best form the host offers.
//
// From Mattermost 11.3 a plugin's RHS can pop out into a window of its own. That window starts a
// fresh store, initializes the plugin again and draws no Root components (popout_controller.tsx), so
// Throughline's dialogs (create a task, decide, add a version) would not open there and each window
// would hold an event stream of its own. The popout stays off: showPopout false, which Mattermost
// reads from 12 on (older hosts drop the third argument). The App Bar item that carries its own RHS
// (rhsComponent, 7.4+) cannot pass showPopout, so it is used only on hosts without popouts.
export function registerSidebar(registry: PluginRegistry, store: HostStore, sidebar: Sidebar): RhsRegistration {
    const canPopOut = typeof registry.registerRHSPluginPopoutListener === 'function';
    if (registry.supports?.globalRhs && !canPopOut && typeof registry.registerAppBarComponent === 'function') {
        const item = registry.registerAppBarComponent({
            iconUrl: sidebar.iconUrl,
            tooltipText: sidebar.tooltip,
            rhsComponent: sidebar.component,
            rhsTitle: sidebar.title,
        });
        if (typeof item === 'object') {
            return item.rhsComponent;
        }
    }
    const rhs = registry.registerRightHandSidebarComponent(sidebar.component, sidebar.title, false);
    if (typeof registry.registerAppBarComponent === 'function') {
        registry.registerAppBarComponent(sidebar.iconUrl, () => store.dispatch(rhs.toggleRHSPlugin), sidebar.tooltip);
    }
    return rhs;
}

// A component in every post's header, given the post (Mattermost 12's registerPostHeaderComponent);
// null where the host has none. For a task's live status beside the message it came from.
export function registerPostHeader(registry: PluginRegistry, component: React.ComponentType<{post: Post}>): string | null {
    return typeof registry.registerPostHeaderComponent === 'function' ? registry.registerPostHeaderComponent(component) : null;
}

const teamPages = new Set<string>();

// A full page of its own at /<team>/<plugin id><route> (registerNeedsTeamRoute), where the host has
// it: Mattermost draws it in place of the center channel, the RHS and the App Bar beside it. Which
// routes the host took is kept, so links to a page show only where it exists; the answer undoes it
// (uninitialize).
export function registerTeamPage(registry: PluginRegistry, route: string, component: React.ComponentType<RootComponentProps>): () => void {
    if (typeof registry.registerNeedsTeamRoute === 'function' && registry.registerNeedsTeamRoute(route, component)) {
        teamPages.add(route);
    }
    return () => teamPages.delete(route);
}

export const hasTeamPage = (route: string) => teamPages.has(route);

// A component above the message box of a channel and of its threads, given the channel (Mattermost
// 12's registerChannelComposerBannerComponent; it has no registerChannelDecorator); null where the
// host has none. For the channel's approved versions.
export function registerComposerBanner(registry: PluginRegistry, component: React.ComponentType<{channel?: Channel}>): string | null {
    return typeof registry.registerChannelComposerBannerComponent === 'function' ? registry.registerChannelComposerBannerComponent(component) : null;
}
