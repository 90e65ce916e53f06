import React, {useCallback, useEffect, useMemo, useReducer} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useDispatch, useSelector} from 'react-redux';

import {taskSelected} from '../../actions';
import ErrorNotice, {ErrorText} from '../../components/error_notice';
import {useUniqueId} from '../../components/unique_id';
import {currentChannelId, currentUserId, getChannel, pluginState} from '../../selectors';
import {AssetsPanel} from '../assets';
import {defaultProjectId, useChannelProjects} from '../projects';
import type {HostDispatch, HostState, Task, TaskStatus} from '../../types';
import {useProfiles} from '../../users';

import {applyFilters, assigneesOf, groupRows, isFiltered} from './filters';
import FiltersBar from './filters_bar';
import messages from './messages';
import ProjectHeader from './project_header';
import SettingsFooter from './settings_footer';
import SidebarTabs, {panelId, tabId} from './sidebar_tabs';
import TaskDetail from './task_detail';
import TaskList from './task_list';
import {useScopeTasks} from './use_scope_tasks';
import {useTaskPatch, type Notice} from './use_task_patch';
import {initialView, viewReducer} from './view_state';

// The right-hand sidebar: the current channel's project and its tasks.
export default function Sidebar() {
    const dispatch = useDispatch() as HostDispatch;
    const channelId = useSelector(currentChannelId) || null;
    const channel = useSelector((s: HostState) => (channelId ? getChannel(s, channelId) : undefined));
    const me = useSelector(currentUserId);
    const selected = useSelector((s: HostState) => pluginState(s).selectedTaskId);
    const [view, update] = useReducer(viewReducer, initialView);
    const projects = useChannelProjects(channelId);
    const edits = useTaskPatch();
    const tabsBase = useUniqueId('tl-sidebar');

    useEffect(() => update({type: 'channelChanged'}), [channelId]);

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

    const onStatus = useCallback((task: Task, status: TaskStatus) => edits.patch(task, {status}), [edits.patch]);
    const onOpen = useCallback((id: string) => dispatch(taskSelected(id)), [dispatch]);
    const onToggleGroup = useCallback((status: TaskStatus) => update({type: 'toggleGroup', status}), []);

    if (selected) {
        return (
            <div className='tl-sidebar'>
                <NoticeBar
                    notice={edits.notice}
                    onDismiss={edits.dismiss}
                />
                <TaskDetail
                    taskId={selected}
                    pending={edits.pending.has(selected)}
                    onStatus={onStatus}
                />
            </div>
        );
    }
    if (!channelId) {
        return <div className='tl-sidebar tl-state'><FormattedMessage {...messages.noChannel}/></div>;
    }

    return (
        <div className='tl-sidebar'>
            <div className='tl-sidebar__head'>
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
            </div>
            <div
                role='tabpanel'
                id={panelId(tabsBase, view.tab)}
                aria-labelledby={tabId(tabsBase, view.tab)}
                className='tl-sidebar__body'
            >
                {tasksShown ? (
                    <>
                        <NoticeBar
                            notice={edits.notice}
                            onDismiss={edits.dismiss}
                        />
                        <Body
                            list={list}
                            me={me}
                            view={view}
                            pending={edits.pending}
                            onOpen={onOpen}
                            onStatus={onStatus}
                            onToggleGroup={onToggleGroup}
                            onClearFilters={() => update({type: 'clearFilters'})}
                        />
                    </>
                ) : project && (
                    <AssetsPanel
                        key={project.id}
                        project={project}
                        channelId={channelId}
                    />
                )}
            </div>
            <SettingsFooter/>
        </div>
    );
}

type BodyProps = {
    list: ReturnType<typeof useScopeTasks>;
    me: string;
    view: typeof initialView;
    pending: ReadonlySet<string>;
    onOpen: (id: string) => void;
    onStatus: (task: Task, status: TaskStatus) => void;
    onToggleGroup: (status: TaskStatus) => void;
    onClearFilters: () => void;
};

const MINUTE = 60000;

function Body({list, me, view, pending, onOpen, onStatus, onToggleGroup, onClearFilters}: BodyProps) {
    // Overdue is judged to the minute, so the filtered list is not recomputed on every render.
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const visible = useMemo(() => applyFilters(list.tasks, view.filters, me, now), [list.tasks, view.filters, me, now]);
    const rows = useMemo(() => groupRows(visible, view.collapsed), [visible, view.collapsed]);
    useProfiles(assigneesOf(list.tasks));

    if (list.status === 'error' && list.error) {
        return (
            <div className='tl-state'>
                <ErrorNotice
                    error={list.error}
                    onRetry={list.reload}
                />
            </div>
        );
    }
    if (list.status === 'loading' && !list.tasks.length) {
        return <p className='tl-state tl-muted'><FormattedMessage {...messages.loading}/></p>;
    }
    if (!list.tasks.length) {
        return <p className='tl-state'><FormattedMessage {...messages.empty}/></p>;
    }
    if (!visible.length && isFiltered(view.filters)) {
        return (
            <div className='tl-state'>
                <p><FormattedMessage {...messages.noMatch}/></p>
                <button
                    type='button'
                    className='tl-btn'
                    onClick={onClearFilters}
                >
                    <FormattedMessage {...messages.clearFilters}/>
                </button>
            </div>
        );
    }
    return (
        <TaskList
            rows={rows}
            now={now}
            pending={pending}
            onOpen={onOpen}
            onStatus={onStatus}
            onToggleGroup={onToggleGroup}
        />
    );
}

function NoticeBar({notice, onDismiss}: {notice: Notice | null; onDismiss: () => void}) {
    const intl = useIntl();
    if (!notice) {
        return null;
    }
    return (
        <div
            role='alert'
            className='tl-error'
        >
            {notice.kind === 'conflict' ? (
                <FormattedMessage
                    {...messages.conflict}
                    values={{title: notice.title}}
                />
            ) : <ErrorText error={notice.error}/>}
            {' '}
            <button
                type='button'
                className='tl-btn tl-btn--icon'
                aria-label={intl.formatMessage(messages.dismiss)}
                onClick={onDismiss}
            >
                {'×'}
            </button>
        </div>
    );
}
