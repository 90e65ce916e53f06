import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, ProjectsTable } from '../db/schema.js';
import type { StoredProject as Project } from './project.types.js';

type Executor = Db | Transaction<Database>;

function toProject(row: Selectable<ProjectsTable>, channelIds: string[], leads: Project['leads']): Project {
  return {
    id: row.id,
    name: row.name,
    channel_id: row.home_channel_id,
    channel_ids: channelIds,
    leads,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function withChannels(db: Executor, rows: Selectable<ProjectsTable>[]): Promise<Project[]> {
  if (!rows.length) return [];
  const links = await db
    .selectFrom('project_channels')
    .select(['project_id', 'channel_id', 'lead_id'])
    .where(
      'project_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('added_at')
    .orderBy('channel_id')
    .execute();
  const byProject = new Map<string, string[]>();
  const leads = new Map<string, Project['leads']>();
  for (const l of links) {
    byProject.set(l.project_id, [...(byProject.get(l.project_id) ?? []), l.channel_id]);
    if (l.lead_id) leads.set(l.project_id, [...(leads.get(l.project_id) ?? []), { channel_id: l.channel_id, user_id: l.lead_id }]);
  }
  return rows.map((r) => {
    const others = (byProject.get(r.id) ?? []).filter((c) => c !== r.home_channel_id);
    return toProject(r, [r.home_channel_id, ...others], leads.get(r.id) ?? []);
  });
}

export async function findProject(db: Executor, id: string): Promise<Project | null> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withChannels(db, [row]))[0]! : null;
}

export async function findProjectsByChannels(db: Executor, channelIds: string[]): Promise<Project[]> {
  if (!channelIds.length) return [];
  const rows = await db
    .selectFrom('projects')
    .selectAll()
    .where('id', 'in', db.selectFrom('project_channels').select('project_id').where('channel_id', 'in', channelIds))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return withChannels(db, rows);
}

export async function allLinkedChannelIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('project_channels').select('channel_id').distinct().execute();
  return rows.map((r) => r.channel_id);
}

/** Every channel of every project, with the project's name, for `doctor`. */
export async function allProjectChannels(db: Executor): Promise<{ project_id: string; project_name: string; channel_id: string }[]> {
  return db
    .selectFrom('project_channels')
    .innerJoin('projects', 'projects.id', 'project_channels.project_id')
    .select(['projects.id as project_id', 'projects.name as project_name', 'project_channels.channel_id'])
    .orderBy('projects.name')
    .orderBy('project_channels.channel_id')
    .execute();
}

export async function insertProject(
  db: Executor,
  p: { id: string; name: string; channelId: string; userId: string; at: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('projects')
      .values({ id: p.id, name: p.name, home_channel_id: p.channelId, created_by: p.userId, created_at: p.at, updated_at: p.at })
      .execute();
    await trx
      .insertInto('project_channels')
      .values({ project_id: p.id, channel_id: p.channelId, added_by: p.userId, added_at: p.at, lead_id: null })
      .execute();
  });
}

/** Adds a channel to a project in the caller's transaction; false when it was already there. */
export async function linkChannel(
  trx: Transaction<Database>,
  projectId: string,
  channelId: string,
  userId: string,
  at: string,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('project_channels')
    .values({ project_id: projectId, channel_id: channelId, added_by: userId, added_at: at, lead_id: null })
    .onConflict((oc) => oc.columns(['project_id', 'channel_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await trx.updateTable('projects').set({ updated_at: at }).where('id', '=', projectId).execute();
  return true;
}

export async function unlinkChannel(trx: Transaction<Database>, projectId: string, channelId: string, at: string): Promise<void> {
  await trx.deleteFrom('project_channels').where('project_id', '=', projectId).where('channel_id', '=', channelId).execute();
  await trx.updateTable('projects').set({ updated_at: at }).where('id', '=', projectId).execute();
}

export async function projectHasChannel(db: Executor, projectId: string, channelId: string): Promise<boolean> {
  const row = await db
    .selectFrom('project_channels')
    .select('channel_id')
    .where('project_id', '=', projectId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return Boolean(row);
}

/** The channels of a project, without the project itself: all a task list needs. */
export async function projectChannelIds(db: Executor, projectId: string): Promise<string[]> {
  const rows = await db.selectFrom('project_channels').select('channel_id').where('project_id', '=', projectId).execute();
  return rows.map((r) => r.channel_id);
}

/** Names (or, with null, clears) the lead of one of a project's channels. */
export async function setLead(db: Executor, projectId: string, channelId: string, leadId: string | null, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('project_channels')
      .set({ lead_id: leadId })
      .where('project_id', '=', projectId)
      .where('channel_id', '=', channelId)
      .execute();
    await trx.updateTable('projects').set({ updated_at: at }).where('id', '=', projectId).execute();
  });
}

/** The leads of some of a project's channels, by channel. */
export async function leadsOf(db: Executor, projectId: string, channelIds: readonly string[]): Promise<Map<string, string>> {
  if (!channelIds.length) return new Map();
  const rows = await db
    .selectFrom('project_channels')
    .select(['channel_id', 'lead_id'])
    .where('project_id', '=', projectId)
    .where('channel_id', 'in', channelIds)
    .where('lead_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.channel_id, r.lead_id!]));
}
