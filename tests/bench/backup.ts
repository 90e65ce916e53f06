// Backup: 10,000 tasks and 1 GiB of stored files (SQLite, local store), backed up twice into one
// folder — the first run copies everything, the second only the database (every file is skipped).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fixtures } from '../standin/index.js';
import { database } from './common.js';
import { backup } from '../../server-proxy/src/backup/backup.js';
import { openBlobStore } from '../../server-proxy/src/assets/blob.open.js';
import { insertAsset, insertVersion } from '../../server-proxy/src/assets/asset.repository.js';
import { loadConfig } from '../../server-proxy/src/config.js';
import { migrateToLatest, openDatabase } from '../../server-proxy/src/db/database.js';
import { insertProject } from '../../server-proxy/src/projects/project.repository.js';
import { insertTask } from '../../server-proxy/src/tasks/task.repository.js';
import { newId } from '../../server-proxy/src/util/ids.js';

const TASKS = Number(process.env.BENCH_BACKUP_TASKS ?? 10_000);
const BYTES = Number(process.env.BENCH_BACKUP_BYTES ?? 1024 ** 3);
const FILES = 16;
const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;

export interface BackupFigures {
  tasks: number;
  files: number;
  bytes: number;
  databaseBytes: number;
  firstSeconds: number;
  firstCopied: number;
  secondSeconds: number;
  secondCopied: number;
  secondSkipped: number;
}

/** One file's bytes, generated as they are read (nothing held in memory), different for each file. */
function bytesOf(n: number, size: number): Readable {
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const part = Buffer.from(chunk.subarray(0, Math.min(chunk.length, size - sent)));
      part.writeUInt32LE(n, 0);
      part.writeUInt32LE(sent / chunk.length, 4);
      sent += part.length;
      this.push(part);
    },
  });
}

export async function benchBackup(): Promise<BackupFigures> {
  const data = await database('sqlite');
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-backup-'));
  try {
    const config = loadConfig({ ...data.env, LOG_LEVEL: 'silent' });
    const handle = openDatabase({ databaseUrl: null, dataDir: config.dataDir });
    const { db } = handle;
    await migrateToLatest(handle);
    const projectId = newId();
    const assetId = newId();
    const at = new Date().toISOString();
    await insertProject(db, { id: projectId, name: 'Backup bench', channelId: hq, userId: olga.id, at });
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < TASKS; i++) {
        await insertTask(trx, {
          id: newId(),
          title: `Task ${i}: banner for store ${i % 300}`,
          description: 'Seeded for the backup benchmark',
          status: 'todo',
          assignee_id: null,
          due_at: null,
          channel_id: hq,
          project_id: projectId,
          source_post_id: null,
          permalink: null,
          files: [],
          parent_id: null,
          rollout_id: null,
          created_by: olga.id,
          created_at: at,
          updated_at: at,
          version: 1,
        });
      }
      await insertAsset(trx, { id: assetId, projectId, name: 'Bench files', channelIds: [hq], userId: olga.id, at });
    });
    // The files go in through the store, as uploads do.
    const store = openBlobStore(config.blobStore, config.dataDir);
    await store.init();
    for (let n = 0; n < FILES; n++) {
      const staged = await store.stage(bytesOf(n, BYTES / FILES), BYTES);
      await staged.commit();
      await insertVersion(db, {
        id: newId(),
        asset_id: assetId,
        file_name: `file-${n}.bin`,
        mime_type: 'application/octet-stream',
        size: staged.size,
        sha256: staged.sha256,
        source_post_id: null,
        source_file_id: null,
        added_by: olga.id,
        added_at: at,
        state: 'proposed',
        decided_by: null,
        decided_at: null,
        decision_comment: null,
      });
    }
    await db.destroy();

    const quiet = () => undefined;
    const first = await backup(config, target, quiet);
    const second = await backup(config, target, quiet);
    return {
      tasks: TASKS,
      files: FILES,
      bytes: BYTES,
      databaseBytes: first.database!.bytes,
      firstSeconds: first.run.seconds,
      firstCopied: first.run.blobs_copied,
      secondSeconds: second.run.seconds,
      secondCopied: second.run.blobs_copied,
      secondSkipped: second.run.blobs_skipped,
    };
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
    await data.drop();
  }
}
