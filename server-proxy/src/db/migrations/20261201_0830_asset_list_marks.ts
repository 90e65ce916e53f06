import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * A number per project that grows with every change to what its asset list shows (the assets,
 * whom they are shared with, their versions, the receipts of those versions), counted by triggers
 * so that no writer, present or future, can change an asset without it. The list's answers are
 * reused while it stays the same (assets/asset.service.ts).
 */
const TABLES = ['assets', 'asset_channels', 'asset_versions', 'receipts'] as const;
type Table = (typeof TABLES)[number];

/** SQLite: the project of the row `r` (new or old) as a select of (project_id, 1), none for a receipt of something else. */
function sqliteProject(table: Table, r: 'new' | 'old'): string {
  switch (table) {
    case 'assets':
      return `select ${r}.project_id, 1 where true`;
    case 'receipts':
      return `select a.project_id, 1 from asset_versions v join assets a on a.id = v.asset_id where v.id = ${r}.subject_id and ${r}.subject_kind = 'asset_version'`;
    default:
      return `select project_id, 1 from assets where id = ${r}.asset_id`;
  }
}

const BUMP = 'on conflict (project_id) do update set mark = asset_list_marks.mark + 1';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_list_marks')
    .addColumn('project_id', 'text', (c) => c.primaryKey())
    .addColumn('mark', 'bigint', (c) => c.notNull())
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function asset_list_touch() returns trigger language plpgsql as $$
      declare
        r jsonb;
        p text;
      begin
        foreach r in array case tg_op when 'INSERT' then array[to_jsonb(new)] when 'DELETE' then array[to_jsonb(old)]
          else array[to_jsonb(old), to_jsonb(new)] end loop
          p := null;
          if tg_table_name = 'assets' then
            p := r->>'project_id';
          elsif tg_table_name = 'receipts' then
            if r->>'subject_kind' = 'asset_version' then
              select a.project_id into p from asset_versions v join assets a on a.id = v.asset_id where v.id = r->>'subject_id';
            end if;
          else
            select a.project_id into p from assets a where a.id = r->>'asset_id';
          end if;
          if p is not null then
            insert into asset_list_marks (project_id, mark) values (p, 1)
              on conflict (project_id) do update set mark = asset_list_marks.mark + 1;
          end if;
        end loop;
        return null;
      end $$`.execute(db);
    for (const t of TABLES)
      await sql`create trigger ${sql.raw(`${t}_asset_list_mark`)} after insert or update or delete on ${sql.table(t)}
        for each row execute function asset_list_touch()`.execute(db);
    return;
  }
  for (const t of TABLES) {
    const bump = (r: 'new' | 'old') => `insert into asset_list_marks (project_id, mark) ${sqliteProject(t, r)} ${BUMP};`;
    const triggers = { insert: bump('new'), update: `${bump('old')} ${bump('new')}`, delete: bump('old') };
    for (const [op, body] of Object.entries(triggers))
      await sql.raw(`create trigger ${t}_asset_list_mark_${op} after ${op} on ${t} begin ${body} end`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const t of TABLES) await sql`drop trigger ${sql.raw(`${t}_asset_list_mark`)} on ${sql.table(t)}`.execute(db);
    await sql`drop function asset_list_touch()`.execute(db);
  } else {
    for (const t of TABLES)
      for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${t}_asset_list_mark_${op}`).execute(db);
  }
  await db.schema.dropTable('asset_list_marks').execute();
}
