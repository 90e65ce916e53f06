import type { TaskStatus } from '@throughline/contract';
import type { Db } from '../src/db/database.js';
import { newId } from '../src/util/ids.js';
import { C, U } from './helpers.js';

/**
 * A campaign with a known past, written straight into the tables with explicit instants around a
 * fixed clock (NOW), so every median, count and age the overview gives can be worked out by hand.
 */
export const NOW = '2025-03-10T12:00:00.000Z';
export const HOUR = 3600;
export const DAY = 24 * HOUR;

interface SeedTask {
  channel: string;
  created: string;
  /** Status changes: [to, at]. The task's status is the last one (todo when none). */
  moves?: Array<[TaskStatus, string]>;
  assignee?: string | null;
  due?: string | null;
  deleted?: string;
  project?: string | null;
}

export interface Seeded {
  ids: Record<string, string>;
}

export async function seedCampaign(db: Db, projectId: string): Promise<Seeded> {
  const ids: Record<string, string> = {};
  const task = async (key: string, t: SeedTask) => {
    const id = (ids[key] = newId());
    const status = t.moves?.length ? t.moves[t.moves.length - 1]![0] : 'todo';
    await db
      .insertInto('tasks')
      .values({
        id,
        title: `Task ${key}`,
        description: '',
        search_text: `task ${key}`,
        status,
        assignee_id: t.assignee ?? null,
        due_at: t.due ?? null,
        channel_id: t.channel,
        project_id: t.project === undefined ? projectId : t.project,
        source_post_id: null,
        permalink: null,
        files: '[]',
        created_by: U.olga.id,
        created_at: t.created,
        updated_at: t.created,
        deleted_at: t.deleted ?? null,
        version: 1,
        reminder_sent_at: null,
        thread_root_id: null,
        parent_id: null,
        rollout_id: null,
      })
      .execute();
    const history: Array<{ action: 'created' | 'updated'; field: string | null; from: string | null; to: string | null; at: string }> = [
      { action: 'created', field: null, from: null, to: null, at: t.created },
    ];
    let from: TaskStatus = 'todo';
    for (const [to, at] of t.moves ?? []) {
      history.push({ action: 'updated', field: 'status', from, to, at });
      from = to;
    }
    await db
      .insertInto('task_history')
      .values(
        history.map((h) => ({
          id: newId(),
          task_id: id,
          actor_id: U.dmitry.id,
          action: h.action,
          field: h.field,
          from_value: h.from,
          to_value: h.to,
          at: h.at,
        })),
      )
      .execute();
  };

  // Kazan: todo stays 2h, 4h, 6h; in_progress stays 48h, 6h and (from before the window) 55 days; review 24h.
  await task('K1', {
    channel: C.kazan,
    created: '2025-03-01T00:00:00.000Z',
    assignee: U.dmitry.id,
    due: '2025-03-04T00:00:00.000Z',
    moves: [
      ['in_progress', '2025-03-01T02:00:00.000Z'],
      ['review', '2025-03-03T02:00:00.000Z'],
      ['done', '2025-03-04T02:00:00.000Z'],
    ],
  });
  await task('K2', {
    channel: C.kazan,
    created: '2025-03-02T00:00:00.000Z',
    assignee: U.dmitry.id,
    due: '2025-03-15T00:00:00.000Z',
    moves: [
      ['in_progress', '2025-03-02T04:00:00.000Z'],
      ['review', '2025-03-02T10:00:00.000Z'],
    ],
  });
  // Its move to review comes after NOW: not known at NOW (the matrix shows the current state).
  await task('K3', {
    channel: C.kazan,
    created: '2025-03-05T00:00:00.000Z',
    assignee: U.kazan.id,
    moves: [
      ['in_progress', '2025-03-05T06:00:00.000Z'],
      ['review', '2025-03-11T00:00:00.000Z'],
    ],
  });
  await task('K4', {
    channel: C.kazan,
    created: '2025-01-01T00:00:00.000Z',
    moves: [
      ['in_progress', '2025-01-01T01:00:00.000Z'],
      ['done', '2025-02-25T01:00:00.000Z'],
    ],
  });
  // Samara: todo 10h, in_progress 14h, then cancelled; one overdue and unassigned.
  await task('S1', {
    channel: C.samara,
    created: '2025-03-01T00:00:00.000Z',
    assignee: U.pavel.id,
    moves: [
      ['in_progress', '2025-03-01T10:00:00.000Z'],
      ['cancelled', '2025-03-02T00:00:00.000Z'],
    ],
  });
  await task('S2', { channel: C.samara, created: '2025-03-03T00:00:00.000Z', due: '2025-03-05T00:00:00.000Z' });
  await task('H1', { channel: C.hq, created: '2025-03-08T00:00:00.000Z', assignee: U.dmitry.id, due: '2025-03-09T00:00:00.000Z' });
  await task('H2', { channel: C.hq, created: '2025-03-08T00:00:00.000Z', assignee: U.olga.id, due: '2025-03-20T00:00:00.000Z' });
  // Neither counts: one deleted, one outside the project.
  await task('Hdel', {
    channel: C.hq,
    created: '2025-03-01T00:00:00.000Z',
    deleted: '2025-03-02T00:00:00.000Z',
    due: '2025-03-03T00:00:00.000Z',
  });
  await task('Kout', { channel: C.kazan, created: '2025-03-01T00:00:00.000Z', project: null, due: '2025-03-03T00:00:00.000Z' });

  // Two rollouts: Kazan has K1 (done) and K2; Samara S1 (cancelled, not counted) and S2.
  const rollout = async (key: string, parent: string, children: Array<[string, string]>) => {
    ids[key] = newId();
    await db
      .insertInto('rollouts')
      .values({
        id: ids[key]!,
        task_id: ids[parent]!,
        project_id: projectId,
        asset_id: null,
        created_by: U.olga.id,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await db
      .insertInto('rollout_channels')
      .values(children.map(([channel, t], position) => ({ rollout_id: ids[key]!, channel_id: channel, task_id: ids[t]!, position })))
      .execute();
  };
  await rollout('R1', 'H1', [
    [C.kazan, 'K1'],
    [C.samara, 'S1'],
  ]);
  await rollout('R2', 'H2', [
    [C.kazan, 'K2'],
    [C.samara, 'S2'],
  ]);

  await seedAssets(db, projectId, ids);
  await seedDecisions(db, projectId, ids);
  return { ids };
}

async function seedAssets(db: Db, projectId: string, ids: Record<string, string>) {
  const asset = async (key: string, name: string, channels: string[]) => {
    ids[key] = newId();
    await db
      .insertInto('assets')
      .values({
        id: ids[key]!,
        project_id: projectId,
        name,
        created_by: U.olga.id,
        created_at: '2025-03-01T00:00:00.000Z',
        updated_at: NOW,
      })
      .execute();
    await db
      .insertInto('asset_channels')
      .values(channels.map((c) => ({ asset_id: ids[key]!, channel_id: c })))
      .execute();
  };
  const version = async (key: string, assetKey: string, number: number, state: 'approved' | 'proposed', addedAt: string) => {
    ids[key] = newId();
    await db
      .insertInto('asset_versions')
      .values({
        id: ids[key]!,
        asset_id: ids[assetKey]!,
        number,
        file_name: `${key}.png`,
        mime_type: 'image/png',
        size: 10,
        sha256: key.padEnd(64, '0'),
        source_post_id: null,
        source_file_id: null,
        added_by: U.dmitry.id,
        added_at: addedAt,
        state,
        decided_by: state === 'approved' ? U.olga.id : null,
        decided_at: state === 'approved' ? '2025-03-02T00:00:00.000Z' : null,
        decision_comment: null,
      })
      .execute();
  };
  await asset('A1', 'Outdoor 6×3', [C.hq, C.kazan, C.samara]);
  await version('A1v1', 'A1', 1, 'approved', '2025-03-01T12:00:00.000Z');
  await version('A1v2', 'A1', 2, 'proposed', '2025-03-06T12:00:00.000Z');
  await asset('A2', 'Samara flyer', [C.samara]);
  await version('A2v1', 'A2', 1, 'proposed', '2025-03-03T12:00:00.000Z');
  await db
    .insertInto('receipts')
    .values([
      {
        subject_kind: 'asset_version',
        subject_id: ids.A1v1!,
        channel_id: C.hq,
        confirmed_by: U.olga.id,
        confirmed_at: '2025-03-02T01:00:00.000Z',
      },
      { subject_kind: 'asset_version', subject_id: ids.A1v1!, channel_id: C.kazan, confirmed_by: null, confirmed_at: null },
      { subject_kind: 'asset_version', subject_id: ids.A1v1!, channel_id: C.samara, confirmed_by: null, confirmed_at: null },
    ])
    .execute();
  const download = (channel: string | null, at: string) => ({
    id: newId(),
    asset_id: ids.A1!,
    version_id: ids.A1v1!,
    user_id: U.kazan.id,
    channel_id: channel,
    at,
    after_superseded: 0,
  });
  await db
    .insertInto('asset_downloads')
    .values([
      download(C.kazan, '2025-03-03T09:00:00.000Z'),
      download(C.kazan, '2025-03-04T09:00:00.000Z'),
      download(null, '2025-03-04T10:00:00.000Z'),
    ])
    .execute();
}

async function seedDecisions(db: Db, projectId: string, ids: Record<string, string>) {
  const decision = async (
    key: string,
    d: { status: 'proposed' | 'decided'; source: string; applies: string[]; approver?: string; created: string; statement: string },
  ) => {
    ids[key] = newId();
    await db
      .insertInto('decisions')
      .values({
        id: ids[key]!,
        project_id: projectId,
        statement: d.statement,
        rationale: '',
        search_text: d.statement.toLowerCase(),
        status: d.status,
        proposed_by: U.dmitry.id,
        recorded_by: U.dmitry.id,
        approver_id: d.approver ?? null,
        decided_by: d.status === 'decided' ? U.olga.id : null,
        decided_at: d.status === 'decided' ? d.created : null,
        revoked_by: null,
        revoked_at: null,
        revoke_reason: null,
        supersedes_id: null,
        superseded_by_id: null,
        source_channel_id: d.source,
        source_post_id: null,
        permalink: null,
        source_text: null,
        created_at: d.created,
        updated_at: d.created,
        version: 1,
      })
      .execute();
    await db
      .insertInto('decision_channels')
      .values(d.applies.map((c) => ({ decision_id: ids[key]!, channel_id: c })))
      .execute();
  };
  await decision('D1', {
    status: 'proposed',
    source: C.hq,
    applies: [C.hq, C.kazan],
    approver: U.olga.id,
    created: '2025-03-04T12:00:00.000Z',
    statement: 'Slogan B <script>alert(1)</script> is final',
  });
  await decision('D2', {
    status: 'decided',
    source: C.hq,
    applies: [C.kazan, C.samara],
    created: '2025-03-05T00:00:00.000Z',
    statement: 'Launch March 24',
  });
  await decision('D3', {
    status: 'proposed',
    source: C.samara,
    applies: [C.samara],
    created: '2025-03-09T12:00:00.000Z',
    statement: 'Samara prints locally',
  });
  await db
    .insertInto('receipts')
    .values([
      {
        subject_kind: 'decision',
        subject_id: ids.D2!,
        channel_id: C.kazan,
        confirmed_by: U.kazan.id,
        confirmed_at: '2025-03-06T00:00:00.000Z',
      },
      { subject_kind: 'decision', subject_id: ids.D2!, channel_id: C.samara, confirmed_by: null, confirmed_at: null },
    ])
    .execute();
}
