import type {SearchHit, Task, TaskStatus} from '@throughline/contract';
import React, {useCallback, useEffect, useMemo, useReducer} from 'react';

import {decisionOpened, taskSelected} from '../../actions';
import {useUniqueId} from '../../components/unique_id';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {currentChannelId, currentUserId, getChannel} from '../../host/selectors';
import {pluginState} from '../../selectors';
import {AssetsPanel} from '../assets';
import {CalendarFeeds} from '../calendar';
import {DecisionsTab} from '../decisions';
import {DigestTab} from '../digests';
import {ItemLinkNotice} from '../item_link';
import {MyWorkView} from '../mywork';
import {defaultProjectId, useChannelProjects} from '../projects';
import {ReceiptRefusal, RolloutSection} from '../rollouts';
import {SearchBox, SearchResultsView} from '../search';
import {FiltersBar, PatchNotice, TaskDetail, TasksPanel, assigneesOf, useScopeTasks, useTaskPatch} from '../tasks';

import ProjectHeader from './project_header';
import SettingsFooter from './settings_footer';
import SidebarTabs, {panelId, tabId} from './sidebar_tabs';
import {initialView, viewReducer} from './view_state';

const rolloutOf = (task: Task) => <RolloutSection task={task}/>;

// The right-hand sidebar: the current channel's project, its tasks and its assets.
export default function Sidebar() {
    const dispatch = useAppDispatch();
    const channelId = useAppSelector(currentChannelId) || null;
    const channel = useAppSelector((s) => (channelId ? getChannel(s, channelId) : undefined));
    const me = useAppSelector(currentUserId);
    const selected = useAppSelector((s) => pluginState(s).selectedTaskId);
    const openDecisionId = useAppSelector((s) => pluginState(s).openDecisionId);
    const openAsset = useAppSelector((s) => pluginState(s).openAsset);
    const [view, update] = useReducer(viewReducer, initialView);
    const projects = useChannelProjects(channelId);
    const {patch, retry, pending, notice, dismiss} = useTaskPatch();
    const tabsBase = useUniqueId('tl-sidebar');

    useEffect(() => update({type: 'channelChanged'}), [channelId]);

    // A decision opened from a card or the record dialog shows in the Decisions tab.
    useEffect(() => {
        if (openDecisionId) {
            update({type: 'tab', tab: 'decisions'});
        }
    }, [openDecisionId]);

    // An asset opened from the channel's banner shows in the Assets tab.
    useEffect(() => {
        if (openAsset) {
            update({type: 'openAsset', projectId: openAsset.projectId, assetId: openAsset.assetId});
        }
    }, [openAsset]);

    const projectId = view.projectId ?? defaultProjectId(projects.items, channelId ?? '');
    const project = projects.items.find((p) => p.id === projectId);
    const settled = projects.status !== 'loading' || projects.items.length > 0;
    const tasksShown = view.tab === 'tasks';
    const query = useMemo(() => {
        if (!channelId || !settled) {
            return null;
        }
        return project && view.scope === 'project' ? {project_id: project.id} : {channel_id: channelId};
    }, [channelId, settled, project, view.scope]);
    const list = useScopeTasks(query);

    const onStatus = useCallback((task: Task, status: TaskStatus) => patch(task, {status}), [patch]);
    const onOpen = useCallback((id: string) => dispatch(taskSelected(id)), [dispatch]);
    const onToggleGroup = useCallback((status: TaskStatus) => update({type: 'toggleGroup', status}), []);
    const onSearch = useCallback((q: string) => update({type: 'search', q}), []);
    const onOpenHit = useCallback((hit: SearchHit) => {
        if (hit.kind === 'task') {
            dispatch(taskSelected(hit.id));
        } else if (hit.kind === 'decision') {
            update({type: 'search', q: ''});
            dispatch(decisionOpened(hit.id));
        } else if (hit.project_id && hit.asset_id) {
            update({type: 'openAsset', projectId: hit.project_id, assetId: hit.asset_id});
        }
    }, [dispatch]);
    const noticeBar = notice?.kind === 'receipt' ? (
        <ReceiptRefusal
            key={notice.taskId}
            notice={notice}
            onRetry={retry}
            onDismiss={dismiss}
        />
    ) : (
        <PatchNotice
            notice={notice}
            onDismiss={dismiss}
        />
    );

    const linkNotice = <div className='tl-sidebar__notice'><ItemLinkNotice/></div>;

    if (selected) {
        return (
            <div className='tl-sidebar'>
                {linkNotice}
                {noticeBar}
                <TaskDetail
                    taskId={selected}
                    pending={pending.has(selected)}
                    onStatus={onStatus}
                    aside={rolloutOf}
                />
            </div>
        );
    }
    if (!channelId) {
        // Outside a channel (the App Bar's sidebar elsewhere in Mattermost): what waits for the person.
        return <div className='tl-sidebar'>{linkNotice}<MyWorkView/></div>;
    }

    return (
        <div className='tl-sidebar'>
            {linkNotice}
            <div className='tl-sidebar__head'>
                <SearchBox
                    value={view.search}
                    onSearch={onSearch}
                />
                {!view.search && (
                    <>
                        <SidebarTabs
                            base={tabsBase}
                            value={view.tab}
                            onChange={(tab) => update({type: 'tab', tab})}
                        />
                        <ProjectHeader
                            channel={channel}
                            projects={projects}
                            project={project}
                            view={view}
                            update={update}
                            showScope={tasksShown}
                        />
                        {tasksShown && (
                            <FiltersBar
                                filters={view.filters}
                                assignees={assigneesOf(list.tasks)}
                                onChange={(changes) => update({type: 'filters', changes})}
                            />
                        )}
                    </>
                )}
            </div>
            {view.search ? (
                <div className='tl-sidebar__body'>
                    <SearchResultsView
                        q={view.search}
                        projects={projects.items}
                        onOpen={onOpenHit}
                    />
                </div>
            ) : (
                <div
                    role='tabpanel'
                    id={panelId(tabsBase, view.tab)}
                    aria-labelledby={tabId(tabsBase, view.tab)}
                    className='tl-sidebar__body'
                >
                    {tasksShown && (
                        <>
                            {noticeBar}
                            <TasksPanel
                                list={list}
                                me={me}
                                filters={view.filters}
                                collapsed={view.collapsed}
                                pending={pending}
                                onOpen={onOpen}
                                onStatus={onStatus}
                                onToggleGroup={onToggleGroup}
                                onClearFilters={() => update({type: 'clearFilters'})}
                            />
                        </>
                    )}
                    {view.tab === 'assets' && project && (
                        <AssetsPanel
                            key={project.id + (view.openAssetId ?? '')}
                            project={project}
                            channelId={channelId}
                            openAssetId={view.openAssetId}
                        />
                    )}
                    {view.tab === 'decisions' && (project || openDecisionId) && (
                        <DecisionsTab
                            key={project?.id}
                            project={project}
                            channelId={channelId}
                        />
                    )}
                    {view.tab === 'digest' && project && (
                        <DigestTab
                            key={project.id}
                            project={project}
                            onShowAssets={() => update({type: 'tab', tab: 'assets'})}
                        />
                    )}
                </div>
            )}
            <CalendarFeeds project={project}/>
            <SettingsFooter/>
        </div>
    );
}
