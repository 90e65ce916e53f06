import { createHash } from 'node:crypto';
import type { Access } from '../access/access.js';
import { allows, type Facts } from '../access/policy.js';
import { isUniqueViolation, type Db } from '../db/database.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { MattermostGateway } from '../mattermost/gateway.js';
import * as projects from '../projects/project.repository.js';
import { newId, nowIso } from '../util/ids.js';
import { pageOf } from '../util/page.js';
import type { UnitOfWork, Work } from '../db/unit_of_work.js';
import { LIMITS, type HistoryPage, type HistoryQuery, type TaskPage } from '@throughline/contract';
import { multiLine, singleLine } from '../util/text.js';
import { conflict, normalizeDue, readSourcePost, snapshot } from './task.input.js';

export { snapshot };
import * as repo from './task.repository.js';
import { findTasksBySource } from './source.repository.js';
import { EDITABLE_FIELDS, type Task, type TaskChanges, type TaskFilter, type TaskStatus } from './task.types.js';
import { PageCache, cachedPage, channelsKey, listOf, type CachedPage } from './page.cache.js';
import { KeptAtMark } from '../util/kept_at_mark.js';
import { requireReceipt } from '../rollouts/rollout.gate.js';

export interface CreateTaskInput {
  channel_id?: string;
  post_id?: string;
  title?: string;
  description?: string;
  assignee_id?: string | null;
  due_at?: string | null;
  project_id?: string | null;
}

export interface UpdateTaskInput extends TaskChanges {
  version: number;
}

export interface ListTasksInput {
  project_id?: string;
  channel_id?: string;
  status?: TaskStatus;
  assignee_id?: string;
  mine?: boolean;
  overdue?: boolean;
  q?: string;
  cursor?: string;
  limit?: number;
}

/** Assignees whose channels with tasks are kept (GET /tasks?assignee_id, mine). */
const MAX_ASSIGNEES_KEPT = 10_000;

export class TaskService {
  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
    private readonly mm: MattermostGateway,
    private readonly siteUrl: string,
  ) {}

  private readonly pages = new PageCache();
  /** The channels that have tasks (of an assignee, or '' for all), per change mark. */
  private readonly taskChannels = new KeptAtMark<string[]>(MAX_ASSIGNEES_KEPT);

  async create(
    caller: Caller,
    input: CreateTaskInput,
    idempotencyKey?: string,
    /** More to write in the same transaction (a decision linking its follow-up task). */
    also?: (w: Work, task: Task) => Promise<void>,
  ): Promise<{ task: Task; replayed: boolean }> {
    // What a retry with the same key must repeat (only kept with a key).
    const hash = idempotencyKey ? createHash('sha256').update(JSON.stringify(input)).digest('hex') : '';
    if (idempotencyKey) {
      const replay = await this.replay(caller, idempotencyKey, hash);
      if (replay) return { task: replay, replayed: true };
    }

    const source = input.post_id ? await readSourcePost(this.mm, caller, input.post_id, input.channel_id) : null;
    const channelId = source?.channelId ?? input.channel_id;
    if (!channelId) throw new AppError('validation_failed', 'body.channel_id or body.post_id is required');
    const facts = await this.access.facts(caller, [], { target: channelId });
    // A readable post in a public channel is no licence to file work in a channel one has not joined.
    if (source && !allows('task.create', facts))
      throw new AppError('forbidden', 'Join the channel of this message before making a task of it');
    this.access.require('task.create', facts);

    const title = singleLine('title', input.title ?? source?.title ?? '', LIMITS.titleMax);
    const description = multiLine('description', input.description ?? source?.description ?? '', LIMITS.descriptionMax);
    const dueAt = normalizeDue(input.due_at);
    await this.checkAssignee(caller, channelId, input.assignee_id);
    await this.checkProject(caller, channelId, input.project_id);
    const files = source ? await this.mm.postFiles(caller.token, source.postId) : [];

    const at = nowIso();
    const task: Task = {
      id: newId(),
      title,
      description,
      status: 'todo',
      assignee_id: input.assignee_id ?? null,
      due_at: dueAt,
      channel_id: channelId,
      project_id: input.project_id ?? null,
      source_post_id: source?.postId ?? null,
      permalink: source ? `${this.siteUrl}/_redirect/pl/${source.postId}` : null,
      files: files.map((f) => ({ id: f.id, name: f.name, size: f.size, mime_type: f.mime_type, extension: f.extension })),
      parent_id: null,
      rollout_id: null,
      created_by: caller.id,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    try {
      await this.uow.run(async (w) => {
        // Nothing below reads the task before the unit's last statement writes it (with `also`, a flush
        // writes it first): on PostgreSQL, a task that sends no bot message is that one statement.
        w.later(repo.taskInsert(w.trx, task, source?.threadRootId ?? null));
        w.later(repo.historyInsert(w.trx, { taskId: task.id, actorId: caller.id, action: 'created', at }));
        if (idempotencyKey)
          w.later(repo.idempotencyKeyInsert(w.trx, { userId: caller.id, key: idempotencyKey, hash, taskId: task.id, at }));
        await w.emit({ type: 'task.created', channel_id: task.channel_id, payload: { task } });
        if (source)
          await w.notify({
            kind: 'task_card',
            channel_id: task.channel_id,
            root_id: source.threadRootId,
            actor_id: caller.id,
            task: snapshot(task),
          });
        if (task.assignee_id && task.assignee_id !== caller.id) {
          await w.notify({ kind: 'assignment_dm', user_id: task.assignee_id, actor_id: caller.id, task: snapshot(task) });
        }
        if (also) {
          await w.flush();
          await also(w, task);
        }
      });
    } catch (err) {
      // Two retries raced: the loser answers with what the winner stored.
      if (idempotencyKey && isUniqueViolation(err)) {
        const replay = await this.replay(caller, idempotencyKey, hash);
        if (replay) return { task: replay, replayed: true };
      }
      throw err;
    }
    return { task, replayed: false };
  }

  async get(caller: Caller, id: string): Promise<Task> {
    return (await this.visible(caller, id)).task;
  }

  async update(caller: Caller, id: string, input: UpdateTaskInput): Promise<Task> {
    const { task, facts } = await this.visible(caller, id);
    this.access.require('task.update', facts);
    if (input.version !== task.version) throw conflict(task);

    const next: TaskChanges = {};
    if (input.title !== undefined) next.title = singleLine('title', input.title, LIMITS.titleMax);
    if (input.description !== undefined) next.description = multiLine('description', input.description, LIMITS.descriptionMax);
    if (input.status !== undefined) next.status = input.status;
    if (input.due_at !== undefined) next.due_at = normalizeDue(input.due_at);
    if (input.assignee_id !== undefined) {
      if (input.assignee_id !== task.assignee_id) await this.checkAssignee(caller, task.channel_id, input.assignee_id);
      next.assignee_id = input.assignee_id;
    }
    if (input.project_id !== undefined) {
      if (input.project_id !== task.project_id) await this.checkProject(caller, task.channel_id, input.project_id);
      next.project_id = input.project_id;
    }
    const changes = EDITABLE_FIELDS.filter((f) => f in next && next[f] !== task[f]).map((field) => ({
      field,
      from: task[field] as string | null,
      to: next[field] as string | null,
    }));
    if (!changes.length) return task;

    const at = nowIso();
    const merged = { ...task, ...next };
    const applied = Object.fromEntries(changes.map((c) => [c.field, c.to])) as TaskChanges;
    const result: Task = { ...merged, updated_at: at, version: task.version + 1 };
    const ok = await this.uow.run(async (w) => {
      if (applied.status === 'done') await requireReceipt(w.trx, task);
      if (!(await repo.updateTask(w.trx, id, task.version, applied, at, merged.title, merged.description))) return false;
      w.later(repo.historyInsert(w.trx, { taskId: id, actorId: caller.id, action: 'updated', at, changes }));
      await w.emit({ type: 'task.updated', channel_id: task.channel_id, payload: { task: result, fields: changes.map((c) => c.field) } });
      if (applied.assignee_id && applied.assignee_id !== caller.id) {
        await w.notify({ kind: 'assignment_dm', user_id: applied.assignee_id, actor_id: caller.id, task: snapshot(result) });
      }
      // The channel hears when a task is done, and when a done task is not any more.
      if (applied.status !== undefined && (applied.status === 'done' || task.status === 'done')) {
        await w.notify({
          kind: applied.status === 'done' ? 'task_done' : 'task_reopened',
          channel_id: task.channel_id,
          root_id: await repo.threadRootOf(w.trx, id),
          actor_id: caller.id,
          task: snapshot(result),
        });
      }
      return true;
    });
    if (!ok) {
      const current = await repo.findTask(this.db, id);
      if (!current) throw new AppError('not_found', 'Task not found');
      throw conflict(current);
    }
    return result;
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const { task, facts } = await this.visible(caller, id);
    this.access.require('task.delete', { ...facts, createdBy: task.created_by });
    await this.uow.run(async (w) => {
      if (await repo.softDeleteTask(w.trx, id, task.version, w.at)) {
        w.later(repo.historyInsert(w.trx, { taskId: id, actorId: caller.id, action: 'deleted', at: w.at }));
        await w.emit({ type: 'task.deleted', channel_id: task.channel_id, payload: { task_id: id, project_id: task.project_id } });
      }
    });
  }

  /** A page of the task's history, newest first; `next_cursor` leads to older entries. */
  async history(caller: Caller, id: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    await this.visible(caller, id);
    const limit = query.limit ?? LIMITS.pageDefault;
    return pageOf(await repo.listHistory(this.db, id, { before: query.cursor, limit: limit + 1 }), limit);
  }

  /**
   * The tasks made from these messages that the caller may read, whatever channel each lives in:
   * one query by source, then one membership question for all their channels.
   */
  async bySource(caller: Caller, postIds: readonly string[]): Promise<Task[]> {
    const found = await findTasksBySource(this.db, [...new Set(postIds)]);
    if (!found.length) return [];
    const standings = await this.access.standings(
      caller,
      found.map((t) => t.channel_id),
    );
    return found.filter((t) => {
      const st = standings.get(t.channel_id);
      return st !== undefined && allows('task.read', { caller, standings: new Map([[t.channel_id, st]]) });
    });
  }

  async list(caller: Caller, input: ListTasksInput): Promise<TaskPage> {
    const { mark, channelIds } = await this.uow.changeMark(input.project_id ?? null);
    const filter = await this.listFilter(caller, input, channelIds, mark);
    return filter ? this.page(filter) : { items: [], next_cursor: null };
  }

  /**
   * The page and its JSON, reused while no event has been committed since it was made: access is
   * still checked on every request (the channel set is part of the key), only the query and the
   * serialisation are skipped. Pages that depend on the clock (overdue) are never reused.
   */
  async listCached(caller: Caller, input: ListTasksInput, serialize: (page: TaskPage) => string): Promise<CachedPage> {
    // The mark is read before the page is made (a change committed meanwhile makes the entry stale,
    // never wrong), with the project's channels as kept for it (ProjectChannels).
    const { mark: seq, channelIds } = await this.uow.changeMark(input.project_id ?? null);
    const filter = await this.listFilter(caller, input, channelIds, seq);
    const make = async (): Promise<CachedPage> => {
      const page = filter ? await this.page(filter) : { items: [], next_cursor: null };
      return cachedPage(serialize(page));
    };
    if (!filter || filter.overdueAt) return make();
    const key = JSON.stringify({ ...filter, channelIds: undefined }) + channelsKey(filter.channelIds);
    return this.pages.through(key, seq, async () => ({ page: await make(), keep: true }));
  }

  /**
   * `projectChannels`: the channels of `input.project_id`, read by the caller; with the change mark
   * they were read at, the channels that have tasks are kept for it too.
   */
  private async listFilter(caller: Caller, input: ListTasksInput, projectChannels: string[], mark: number): Promise<TaskFilter | null> {
    const assigneeId = input.mine ? caller.id : input.assignee_id;
    if (input.mine && input.assignee_id && input.assignee_id !== caller.id) return null;
    let channelIds: string[];
    if (input.project_id) {
      const mine = await this.access.memberChannels(caller, projectChannels);
      if (!mine.size) throw new AppError('not_found', 'Project not found');
      if (input.channel_id && !mine.has(input.channel_id)) throw new AppError('not_found', 'Channel not found in this project');
      channelIds = input.channel_id ? [input.channel_id] : listOf(mine);
    } else if (input.channel_id) {
      await this.access.requireMember(caller, input.channel_id);
      channelIds = [input.channel_id];
    } else {
      // Every task written commits an event: the channels with tasks change only with the mark.
      const candidates = await this.taskChannels.get(assigneeId ?? '', mark, () => repo.channelsWithTasks(this.db, { assigneeId }));
      channelIds = listOf(await this.access.memberChannels(caller, candidates));
    }
    return {
      channelIds,
      projectId: input.project_id,
      status: input.status,
      assigneeId,
      overdueAt: input.overdue ? nowIso() : undefined,
      q: input.q?.trim() || undefined,
      before: input.cursor,
      limit: input.limit ?? LIMITS.pageDefault,
    };
  }

  private async page(filter: TaskFilter): Promise<TaskPage> {
    const items = await repo.listTasks(this.db, this.uow.engine, { ...filter, limit: filter.limit + 1 });
    const more = items.length > filter.limit;
    const page = more ? items.slice(0, filter.limit) : items;
    return { items: page, next_cursor: more ? page[page.length - 1]!.id : null };
  }

  /** The task and the facts about the caller in its channel, or 404 for anyone who may not know it exists. */
  private async visible(caller: Caller, id: string): Promise<{ task: Task; facts: Facts }> {
    const task = await repo.findTask(this.db, id);
    if (!task) throw new AppError('not_found', 'Task not found');
    const facts = await this.access.facts(caller, [task.channel_id]);
    this.access.require('task.read', facts);
    return { task, facts };
  }

  private async replay(caller: Caller, key: string, hash: string): Promise<Task | null> {
    const prior = await repo.findIdempotencyKey(this.db, caller.id, key);
    if (!prior) return null;
    if (prior.request_hash !== hash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different task; use a new key');
    }
    const task = await repo.findTaskIncludingDeleted(this.db, prior.task_id);
    if (!task) return null;
    // The first answer is repeated only to someone who may still see the task: a member removed since gets a 404.
    this.access.require('task.read', await this.access.facts(caller, [task.channel_id]));
    return task;
  }

  private async checkAssignee(caller: Caller, channelId: string, assigneeId: string | null | undefined): Promise<void> {
    if (!assigneeId) return;
    if (!(await this.access.isChannelMember(caller, channelId, assigneeId))) {
      throw new AppError('assignee_not_member', 'The assignee must be a member of the task’s channel');
    }
  }

  private async checkProject(caller: Caller, channelId: string, projectId: string | null | undefined): Promise<void> {
    if (!projectId) return;
    if (await projects.projectHasChannel(this.db, projectId, channelId)) return;
    const project = await projects.findProject(this.db, projectId);
    if (!project || !(await this.access.memberChannels(caller, project.channel_ids)).size) {
      throw new AppError('not_found', 'Project not found');
    }
    throw new AppError('channel_not_in_project', 'This channel is not part of that project; link it to the project first');
  }
}
