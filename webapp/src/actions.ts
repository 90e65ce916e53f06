import type {Asset, Decision, Me, Project, Task} from '@throughline/contract';

import {pluginId} from './manifest';

const t = <T extends string>(name: T) => `${pluginId}/${name}` as const;

export const A = {
    translationsReceived: t('translations_received'),
    rightClickSet: t('right_click_set'),
    menuOpened: t('menu_opened'),
    menuClosed: t('menu_closed'),
    modalOpened: t('modal_opened'),
    modalClosed: t('modal_closed'),
    toastClosed: t('toast_closed'),
    taskCreated: t('task_created'),
    taskReceived: t('task_received'),
    taskSelected: t('task_selected'),
    tasksRequested: t('tasks_requested'),
    tasksReceived: t('tasks_received'),
    projectsReceived: t('projects_received'),
    projectReceived: t('project_received'),
    taskPushed: t('task_pushed'),
    taskDeleted: t('task_deleted'),
    refreshRequested: t('refresh_requested'),
    meReceived: t('me_received'),
    botUserIdReceived: t('bot_user_id_received'),
    assetsReceived: t('assets_received'),
    assetReceived: t('asset_received'),
    assetRemoved: t('asset_removed'),
    assetModalOpened: t('asset_modal_opened'),
    assetModalClosed: t('asset_modal_closed'),
    decisionChanged: t('decision_changed'),
    decisionsReceived: t('decisions_received'),
    decisionOpened: t('decision_opened'),
    decisionDialogOpened: t('decision_dialog_opened'),
    decisionDialogClosed: t('decision_dialog_closed'),
    liveEventApplied: t('live_event_applied'),
    taskSourcesReceived: t('task_sources_received'),
    shelfChanged: t('shelf_changed'),
    assetOpened: t('asset_opened'),
    itemLinkNoticed: t('item_link_noticed'),
} as const;

export type ErrorInfo = {code: string; message: string};

export type PluginAction =
    | {type: typeof A.translationsReceived; locale: string; messages: Record<string, string>}
    | {type: typeof A.rightClickSet; enabled: boolean}
    | {type: typeof A.menuOpened; postId: string; x: number; y: number}
    | {type: typeof A.menuClosed}
    | {type: typeof A.modalOpened; postId: string}
    | {type: typeof A.modalClosed}
    | {type: typeof A.toastClosed}
    | {type: typeof A.taskCreated; task: Task}
    | {type: typeof A.taskReceived; task: Task}
    | {type: typeof A.taskSelected; taskId: string | null}
    | {type: typeof A.tasksRequested; key: string}
    | {type: typeof A.tasksReceived; key: string; tasks: Task[]}
    | {type: typeof A.projectsReceived; channelId: string; projects: Project[]}
    | {type: typeof A.projectReceived; project: Project}
    | {type: typeof A.taskPushed; task: Task}
    | {type: typeof A.taskDeleted; taskId: string}
    | {type: typeof A.refreshRequested}
    | {type: typeof A.meReceived; me: Me}
    | {type: typeof A.botUserIdReceived; botUserId: string}
    | {type: typeof A.assetsReceived; projectId: string; assets: Asset[]}
    | {type: typeof A.assetReceived; asset: Asset}
    | {type: typeof A.assetRemoved; assetId: string}
    | {type: typeof A.assetModalOpened; postId: string | null; fileId: string | null; channelId: string | null}
    | {type: typeof A.assetModalClosed}
    | {type: typeof A.decisionChanged; decisionId: string; projectId: string}
    | {type: typeof A.decisionsReceived; decisions: Decision[]}
    | {type: typeof A.decisionOpened; decisionId: string | null}
    | {type: typeof A.decisionDialogOpened; dialog: DecisionDialogTarget}
    | {type: typeof A.decisionDialogClosed}
    | {type: typeof A.liveEventApplied; projectId: string | null}
    | {type: typeof A.taskSourcesReceived; postIds: string[]; tasks: Task[]}
    | {type: typeof A.shelfChanged; channelId: string}
    | {type: typeof A.assetOpened; projectId: string; assetId: string}
    | {type: typeof A.itemLinkNoticed; notice: ItemLinkNotice | null};

// Why an item link (/<team>/<plugin id>/item/<kind>/<id>) opened nothing: told in the sidebar.
export type ItemLinkNotice = 'unknown_kind' | 'not_found' | 'unavailable';

// What the record dialog starts from: a post (record), a decision to replace (supersede) or to edit (while proposed).
export type DecisionDialogTarget = {mode: 'record'; postId: string} | {mode: 'supersede' | 'edit'; decisionId: string};

export const translationsReceived = (locale: string, messages: Record<string, string>): PluginAction => ({type: A.translationsReceived, locale, messages});
export const rightClickSet = (enabled: boolean): PluginAction => ({type: A.rightClickSet, enabled});
export const menuOpened = (postId: string, x: number, y: number): PluginAction => ({type: A.menuOpened, postId, x, y});
export const menuClosed = (): PluginAction => ({type: A.menuClosed});
export const modalOpened = (postId: string): PluginAction => ({type: A.modalOpened, postId});
export const modalClosed = (): PluginAction => ({type: A.modalClosed});
export const toastClosed = (): PluginAction => ({type: A.toastClosed});
export const taskCreated = (task: Task): PluginAction => ({type: A.taskCreated, task});
export const taskReceived = (task: Task): PluginAction => ({type: A.taskReceived, task});
export const taskSelected = (taskId: string | null): PluginAction => ({type: A.taskSelected, taskId});
export const tasksRequested = (key: string): PluginAction => ({type: A.tasksRequested, key});
export const tasksReceived = (key: string, tasks: Task[]): PluginAction => ({type: A.tasksReceived, key, tasks});
export const projectsReceived = (channelId: string, projects: Project[]): PluginAction => ({type: A.projectsReceived, channelId, projects});

// One project as the service answered a change to it: it replaces its copy in every channel's list.
export const projectReceived = (project: Project): PluginAction => ({type: A.projectReceived, project});

// A task someone (maybe this user, in another tab) created or changed, as the live stream reports it.
export const taskPushed = (task: Task): PluginAction => ({type: A.taskPushed, task});
export const taskDeleted = (taskId: string): PluginAction => ({type: A.taskDeleted, taskId});

// Asks every mounted view to load its data again (after events were lost).
export const refreshRequested = (): PluginAction => ({type: A.refreshRequested});
export const meReceived = (me: Me): PluginAction => ({type: A.meReceived, me});
export const botUserIdReceived = (botUserId: string): PluginAction => ({type: A.botUserIdReceived, botUserId});
export const assetsReceived = (projectId: string, assets: Asset[]): PluginAction => ({type: A.assetsReceived, projectId, assets});
export const assetReceived = (asset: Asset): PluginAction => ({type: A.assetReceived, asset});
export const assetRemoved = (assetId: string): PluginAction => ({type: A.assetRemoved, assetId});
export const decisionChanged = (decisionId: string, projectId: string): PluginAction => ({type: A.decisionChanged, decisionId, projectId});
export const decisionsReceived = (decisions: Decision[]): PluginAction => ({type: A.decisionsReceived, decisions});

// Shows one decision in the sidebar's Decisions tab (null: back to the log).
export const decisionOpened = (decisionId: string | null): PluginAction => ({type: A.decisionOpened, decisionId});
export const decisionDialogOpened = (dialog: DecisionDialogTarget): PluginAction => ({type: A.decisionDialogOpened, dialog});
export const decisionDialogClosed = (): PluginAction => ({type: A.decisionDialogClosed});

// One live event was applied; projectId is the project it was about, when it names one.
export const liveEventApplied = (projectId: string | null = null): PluginAction => ({type: A.liveEventApplied, projectId});
export const assetModalOpened = (target: {postId?: string | null; fileId?: string | null; channelId?: string | null}): PluginAction =>
    ({type: A.assetModalOpened, postId: target.postId ?? null, fileId: target.fileId ?? null, channelId: target.channelId ?? null});
export const assetModalClosed = (): PluginAction => ({type: A.assetModalClosed});

// Which of these messages tasks were made from (the ones the caller may see), for the status beside each.
export const taskSourcesReceived = (postIds: string[], tasks: Task[]): PluginAction => ({type: A.taskSourcesReceived, postIds, tasks});

// A version was approved for a channel: what shows its approved versions asks again.
export const shelfChanged = (channelId: string): PluginAction => ({type: A.shelfChanged, channelId});

// Shows one asset in the sidebar's Assets tab (from the channel's banner).
export const assetOpened = (projectId: string, assetId: string): PluginAction => ({type: A.assetOpened, projectId, assetId});

// What the sidebar says about the item link just followed (null: nothing, or dismissed).
export const itemLinkNoticed = (notice: ItemLinkNotice | null): PluginAction => ({type: A.itemLinkNoticed, notice});

// The key of a task list: which scope it holds.
export const listKey = (scope: {project_id?: string; channel_id?: string}) =>
    (scope.project_id ? 'project:' + scope.project_id : 'channel:' + (scope.channel_id ?? ''));
