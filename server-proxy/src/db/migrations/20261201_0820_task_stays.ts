import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Every stay of a task in a status, kept as the history is written instead of worked out from it
 * on each overview: one row per `created` entry (a stay in `todo`) and per status change, ended by
 * the task's next such entry in (at, id) order, with its length in seconds.
 *
 * A trigger on task_history writes them, in the transaction that writes the entry, whatever code
 * path (or restore, or seed) inserts it: the new stay ends where the next known one begins, and the
 * one before it now ends here, so entries written out of order still give the history's answer.
 * Lengths use the very expressions the overview used (julianday on SQLite, epoch of a timestamptz
 * difference on PostgreSQL), so medians come out as they did. Each stay also carries what the
 * overview filters and groups by: its task's project, channel, assignee and deletion, kept current
 * by a trigger on tasks, so the overview reads one index in group order and joins nothing.
 * Existing history is backfilled with the same window the overview used to run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await upPostgres(db);
  else await upSqlite(db);
  await sql`create index task_stays_task_idx on task_stays (task_id, entered_at, entry_id)`.execute(db);
  // Medians per channel (in partition order, no sort) and the flow; medians per assignee.
  await sql`create index task_stays_channel_idx on task_stays (project_id, channel_id, status, secs, left_at, deleted_at, entered_at, from_status)`.execute(
    db,
  );
  await sql`create index task_stays_assignee_idx on task_stays (project_id, assignee_id, status, secs, left_at, deleted_at, channel_id)`.execute(
    db,
  );
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table task_stays (
      entry_id text primary key,
      task_id text not null,
      status text,
      from_status text,
      entered_at text not null,
      left_at text,
      secs real,
      project_id text,
      channel_id text,
      assignee_id text,
      deleted_at text
    )`.execute(db);
  const secs = (a: string, b: string) => sql.raw(`((julianday(${b}) - julianday(${a})) * 86400.0)`);
  await sql`
    create trigger task_history_stays after insert on task_history
    when new.field = 'status' or new.action = 'created'
    begin
      insert into task_stays (entry_id, task_id, status, from_status, entered_at, left_at, secs, project_id, channel_id, assignee_id, deleted_at)
      select new.id, new.task_id,
             case when new.action = 'created' then 'todo' else new.to_value end,
             case when new.field = 'status' then new.from_value end,
             new.at, n.entered_at,
             case when n.entered_at is null then null else ${secs('new.at', 'n.entered_at')} end,
             t.project_id, t.channel_id, t.assignee_id, t.deleted_at
        from (select 1) one
        left join tasks t on t.id = new.task_id
        left join (select entered_at from task_stays
                    where task_id = new.task_id and (entered_at, entry_id) > (new.at, new.id)
                    order by entered_at, entry_id limit 1) n;
      update task_stays set left_at = new.at, secs = ${secs('entered_at', 'new.at')}
       where entry_id = (select entry_id from task_stays
                          where task_id = new.task_id and (entered_at, entry_id) < (new.at, new.id)
                          order by entered_at desc, entry_id desc limit 1);
    end`.execute(db);
  await sql`
    create trigger tasks_stays_scope after update of project_id, channel_id, assignee_id, deleted_at on tasks
    when old.project_id is not new.project_id or old.channel_id is not new.channel_id
      or old.assignee_id is not new.assignee_id or old.deleted_at is not new.deleted_at
    begin
      update task_stays set project_id = new.project_id, channel_id = new.channel_id, assignee_id = new.assignee_id,
                            deleted_at = new.deleted_at
       where task_id = new.id;
    end`.execute(db);
  await backfill(db, secs('at', 'left_at'), sql``);
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  // Ids and ISO instants compare byte by byte (as the history's window ordered them), with no locale rules.
  await sql`
    create table task_stays (
      entry_id text collate "C" primary key,
      task_id text not null,
      status text,
      from_status text,
      entered_at text collate "C" not null,
      left_at text,
      secs numeric,
      project_id text,
      channel_id text,
      assignee_id text,
      deleted_at text
    )`.execute(db);
  const secs = (a: string, b: string) => sql.raw(`extract(epoch from (cast(${b} as timestamptz) - cast(${a} as timestamptz)))`);
  await sql`
    create function task_history_stays() returns trigger language plpgsql as $$
    declare
      nxt text;
      t record;
    begin
      select project_id, channel_id, assignee_id, deleted_at into t from tasks where id = new.task_id;
      select entered_at into nxt from task_stays
       where task_id = new.task_id and (entered_at, entry_id) > (new.at collate "C", new.id collate "C")
       order by entered_at, entry_id limit 1;
      insert into task_stays (entry_id, task_id, status, from_status, entered_at, left_at, secs, project_id, channel_id, assignee_id, deleted_at)
      values (new.id, new.task_id,
              case when new.action = 'created' then 'todo' else new.to_value end,
              case when new.field = 'status' then new.from_value end,
              new.at, nxt,
              case when nxt is null then null else ${secs('new.at', 'nxt')} end,
              t.project_id, t.channel_id, t.assignee_id, t.deleted_at);
      update task_stays set left_at = new.at, secs = ${secs('entered_at', 'new.at')}
       where entry_id = (select entry_id from task_stays
                          where task_id = new.task_id and (entered_at, entry_id) < (new.at collate "C", new.id collate "C")
                          order by entered_at desc, entry_id desc limit 1);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger task_history_stays after insert on task_history
    for each row when (new.field = 'status' or new.action = 'created')
    execute function task_history_stays()`.execute(db);
  await sql`
    create function tasks_stays_scope() returns trigger language plpgsql as $$
    begin
      update task_stays set project_id = new.project_id, channel_id = new.channel_id, assignee_id = new.assignee_id,
                            deleted_at = new.deleted_at
       where task_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger tasks_stays_scope after update of project_id, channel_id, assignee_id, deleted_at on tasks
    for each row when (old.project_id is distinct from new.project_id or old.channel_id is distinct from new.channel_id
                    or old.assignee_id is distinct from new.assignee_id or old.deleted_at is distinct from new.deleted_at)
    execute function tasks_stays_scope()`.execute(db);
  await backfill(db, secs('at', 'left_at'), sql` collate "C"`);
}

async function backfill(db: Kysely<unknown>, secs: ReturnType<typeof sql.raw>, c: ReturnType<typeof sql>): Promise<void> {
  await sql`
    insert into task_stays (entry_id, task_id, status, from_status, entered_at, left_at, secs, project_id, channel_id, assignee_id, deleted_at)
    select x.id, x.task_id, x.status, x.from_status, x.at, x.left_at, case when x.left_at is null then null else ${secs} end,
           t.project_id, t.channel_id, t.assignee_id, t.deleted_at
      from (
        select h.id as id, h.task_id as task_id,
               case when h.action = 'created' then 'todo' else h.to_value end as status,
               case when h.field = 'status' then h.from_value end as from_status,
               h.at as at,
               lead(h.at) over (partition by h.task_id${c} order by h.at${c}, h.id${c}) as left_at
          from task_history h
         where h.field = 'status' or h.action = 'created'
      ) x
      left join tasks t on t.id = x.task_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger tasks_stays_scope on tasks`.execute(db);
    await sql`drop function tasks_stays_scope()`.execute(db);
    await sql`drop trigger task_history_stays on task_history`.execute(db);
    await sql`drop function task_history_stays()`.execute(db);
  } else {
    await sql`drop trigger tasks_stays_scope`.execute(db);
    await sql`drop trigger task_history_stays`.execute(db);
  }
  await db.schema.dropTable('task_stays').execute();
}
