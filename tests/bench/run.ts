// make bench: service throughput/latency against a constant Fastify route, per engine; bundle size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { CONNECTIONS, DURATION, SERVICE, database, freePort, load, root, spawnAndWait, type Figure } from './common.js';
import { assetLines, benchAssets, writeAssetResults } from './assets.js';
import { benchBackup } from './backup.js';
import { benchS3Assets } from './s3.js';
import { benchDecisions } from './decisions.js';
import { benchRollouts } from './rollouts.js';
import { benchDigests } from './digests.js';
import { benchExports } from './exports.js';
import { benchLive } from './live.js';
import { benchMemory, memoryLines, writeMemoryResults } from './memory.js';
import { benchOverviewRender, type OverviewRender } from './overview-render.js';
import { benchLists, listTable } from './lists.js';
import { benchWrites, writesTable } from './writes.js';
import { benchSearch } from './search.js';
import { benchMyWork } from './mywork.js';
import { benchOverview, overviewLines } from './overview.js';
import { benchSources } from './sources.js';
import { benchSidebar, sidebarLines } from './sidebar.js';
import { openDatabase, migrateToLatest } from '../../server-proxy/src/db/database.js';
import { insertTask } from '../../server-proxy/src/tasks/task.repository.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures, startStandin } from '../standin/index.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
/** BENCH_ENGINES=sqlite: the list routes on one engine only. */
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;

/** 10,000 tasks in one project, written straight through the repository (seeding is not what is measured). */
async function seed(env: Record<string, string>, projectId: string): Promise<void> {
  const database = openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? './data' });
  const { db } = database;
  await migrateToLatest(database);
  const statuses = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < TASKS; i++) {
      const at = new Date(Date.now() - (TASKS - i) * 1000).toISOString();
      await insertTask(trx, {
        id: newId(),
        title: `Task ${i}: banner for store ${i % 300}`,
        description: 'Seeded for the benchmark',
        status: statuses[i % 5]!,
        assignee_id: i % 3 ? fixtures.users.dmitry.id : null,
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
  });
  // A live database has planner statistics (autovacuum keeps them); a freshly seeded one must be told.
  await sql`analyze`.execute(db);
  await db.destroy();
}

async function benchEngine(engine: 'sqlite' | 'postgres', mmUrl: string, constUrl: string) {
  const db = await database(engine);
  const port = await freePort();
  const env = { ...db.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' };
  const base = `http://127.0.0.1:${port}`;
  let svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  const headers = { authorization: `Bearer ${olga.token}`, 'content-type': 'application/json' };
  const project = (await (
    await fetch(`${base}/api/v1/projects`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bench', channel_id: hq }) })
  ).json()) as { id: string };
  svc.kill('SIGTERM');
  await new Promise((r) => svc.once('exit', r));
  await seed(db.env, project.id);
  svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  try {
    const listUrl = `${base}/api/v1/tasks?project_id=${project.id}`;
    const sample = await (await fetch(listUrl, { headers })).text();
    await fetch(constUrl.replace('/const', '/page'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: sample });
    const constant = await load({ url: constUrl });
    const constantPage = await load({ url: constUrl.replace('/const', '/page') });
    const list = await load({ url: listUrl, headers });
    const create = await load({
      url: `${base}/api/v1/tasks`,
      method: 'POST',
      headers,
      body: JSON.stringify({ channel_id: hq, title: 'Bench task', project_id: project.id }),
    });
    return { engine, constant, constantPage, pageBytes: sample.length, list, create };
  } finally {
    svc.kill('SIGTERM');
    await new Promise((r) => svc.once('exit', r));
    await db.drop();
  }
}

const fmt = (f: Figure, c: Figure) =>
  `${f.rps.toFixed(0).padStart(7)} | ${String(f.p50).padStart(4)} | ${String(f.p99).padStart(4)} | ${(c.rps / f.rps).toFixed(2)}× | ${f.errors}`;

async function main() {
  const only = (
    process.env.BENCH_ONLY ??
    'service,lists,writes,decisions,rollouts,digests,search,mywork,overview,sources,assets,s3,live,backup,export,sidebar,memory'
  ).split(',');
  const mm = await startStandin();
  const constPort = await freePort();
  const constant = await spawnAndWait(
    ['tests/bench/constant-server.ts'],
    { PORT: String(constPort) },
    `http://127.0.0.1:${constPort}/const`,
  );
  const results = [];
  let assets: Awaited<ReturnType<typeof benchAssets>> | null = null;
  let assetsS3: Awaited<ReturnType<typeof benchAssets>> | null = null;
  let backupFigures: Awaited<ReturnType<typeof benchBackup>> | null = null;
  let live: Awaited<ReturnType<typeof benchLive>> = [];
  const decisions: Awaited<ReturnType<typeof benchDecisions>>[] = [];
  const rollouts: Awaited<ReturnType<typeof benchRollouts>>[] = [];
  const digests: Awaited<ReturnType<typeof benchDigests>>[] = [];
  const search: Awaited<ReturnType<typeof benchSearch>>[] = [];
  const exports: Awaited<ReturnType<typeof benchExports>>[] = [];
  let overviewRender: OverviewRender[] = [];
  const lists: Awaited<ReturnType<typeof benchLists>>[] = [];
  const mywork: Awaited<ReturnType<typeof benchMyWork>>[] = [];
  const overview: Awaited<ReturnType<typeof benchOverview>>[] = [];
  const sources: Awaited<ReturnType<typeof benchSources>>[] = [];
  let sidebar: Awaited<ReturnType<typeof benchSidebar>> = [];
  let memory: Awaited<ReturnType<typeof benchMemory>> = [];
  const started = new Date();
  const loadAtStart = os.loadavg()[0]!;
  let writes: Awaited<ReturnType<typeof benchWrites>> | null = null;
  try {
    if (only.includes('service')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: service on ${engine}…\n`);
        results.push(await benchEngine(engine, mm.url, `http://127.0.0.1:${constPort}/const`));
      }
    }
    if (only.includes('lists')) {
      for (const engine of ENGINES) {
        process.stderr.write(`bench: list routes against their payload floor on ${engine}…\n`);
        lists.push(await benchLists(engine, mm, `http://127.0.0.1:${constPort}`));
      }
    }
    if (only.includes('writes')) {
      process.stderr.write('bench: writes on each engine…\n');
      writes = await benchWrites(mm.url);
    }
    if (only.includes('decisions')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: decision log on ${engine}…\n`);
        decisions.push(await benchDecisions(engine, mm.url, `http://127.0.0.1:${constPort}/const`));
      }
    }
    if (only.includes('rollouts')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: a rollout to 300 channels on ${engine}…\n`);
        rollouts.push(await benchRollouts(engine));
      }
    }
    if (only.includes('digests')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: weekly digest on ${engine}…\n`);
        digests.push(await benchDigests(engine, mm.url));
      }
    }
    if (only.includes('search')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: search on ${engine}…\n`);
        search.push(await benchSearch(engine, mm.url, `http://127.0.0.1:${constPort}/const`));
      }
    }
    if (only.includes('mywork')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: my work in 50 channels on ${engine}…\n`);
        mywork.push(await benchMyWork(engine, `http://127.0.0.1:${constPort}/const`));
      }
    }
    if (only.includes('overview')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: project overview on ${engine}…\n`);
        overview.push(await benchOverview(engine, `http://127.0.0.1:${constPort}/const`));
      }
    }
    if (only.includes('sources')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: task sources on ${engine}…\n`);
        sources.push(await benchSources(engine, mm.url, `http://127.0.0.1:${constPort}/const`));
      }
    }
    if (only.includes('live')) {
      process.stderr.write('bench: live propagation…\n');
      live = await benchLive(mm.url);
    }
    if (only.includes('export')) {
      for (const engine of ['sqlite', 'postgres'] as const) {
        process.stderr.write(`bench: campaign record export on ${engine}…\n`);
        exports.push(await benchExports(engine, mm.url));
      }
    }
    if (only.includes('overview-render')) {
      process.stderr.write('bench: first render of the overview in Chromium…\n');
      overviewRender = await benchOverviewRender();
    }
    if (only.includes('assets')) {
      process.stderr.write('bench: asset upload/download…\n');
      assets = await benchAssets(mm.url);
    }
    if (only.includes('s3')) {
      process.stderr.write('bench: asset upload/download through the S3 store…\n');
      assetsS3 = await benchS3Assets(mm.url);
    }
    if (only.includes('sidebar')) {
      process.stderr.write('bench: the sidebar in Chromium…\n');
      sidebar = await benchSidebar();
    }
    if (only.includes('backup')) {
      process.stderr.write('bench: backup of tasks and stored files…\n');
      backupFigures = await benchBackup();
    }
    if (only.includes('memory')) {
      process.stderr.write('bench: memory under load…\n');
      memory = await benchMemory(mm.url);
    }
  } finally {
    constant.kill('SIGTERM');
    await mm.close();
  }
  const lines = [
    `Run of ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadAtStart.toFixed(1)} at the start; sections: ${only.join(', ')}`,
    '',
    `Service benchmark: ${TASKS} tasks in one project, ${CONNECTIONS} connections, ${DURATION}s per route, loopback, ${os.cpus().length} cores`,
    '',
    '| engine | route | req/s | p50 ms | p99 ms | constant ÷ route | errors |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(`| ${r.engine} | constant Fastify route | ${fmt(r.constant, r.constant)} |`);
    lines.push(
      `| ${r.engine} | constant route sending the same ${(r.pageBytes / 1024).toFixed(0)} KB page | ${fmt(r.constantPage, r.constant)} |`,
    );
    lines.push(`| ${r.engine} | GET /api/v1/tasks?project_id (100 per page) | ${fmt(r.list, r.constant)} |`);
    lines.push(`| ${r.engine} | POST /api/v1/tasks | ${fmt(r.create, r.constant)} |`);
  }
  if (lists.length) lines.push('', ...listTable(lists));
  if (writes) lines.push('', ...writesTable(writes));
  if (decisions.length) {
    lines.push(
      '',
      `Decision log: ${decisions[0]!.decisions} decisions in one project (1–3 channels each, receipts once decided), same load`,
      '',
      '| engine | route | req/s | p50 ms | p99 ms | constant ÷ route | errors |',
      '|---|---|---|---|---|---|---|',
    );
    for (const d of decisions) {
      lines.push(`| ${d.engine} | constant Fastify route | ${fmt(d.constant, d.constant)} |`);
      lines.push(
        `| ${d.engine} | GET /api/v1/decisions?project_id (100 per page, ${(d.pageBytes / 1024).toFixed(0)} KB) | ${fmt(d.list, d.constant)} |`,
      );
      lines.push(`| ${d.engine} | … the same page made afresh on every request (as after each change) | ${fmt(d.fresh, d.constant)} |`);
      lines.push(`| ${d.engine} | … &status=decided&channel_id&q | ${fmt(d.filtered, d.constant)} |`);
    }
  }
  if (rollouts.length) {
    lines.push(
      '',
      `A rollout to ${rollouts[0]!.channels} channels in one request (one child task and one card per channel)`,
      '',
      '| engine | answer of POST /api/v1/rollouts, ms | until every card is in Mattermost, ms | cards |',
      '|---|---|---|---|',
    );
    for (const r of rollouts) lines.push(`| ${r.engine} | ${r.answerMs} | ${r.deliveredMs} | ${r.cards} |`);
  }
  if (digests.length) {
    const d0 = digests[0]!;
    lines.push(
      '',
      `Weekly digest of a ${d0.tasks.toLocaleString('en')}-task project (3 channels, 2 subscribers; ${d0.lines} lines for the reader of all three, ${(d0.jsonBytes / 1024).toFixed(0)} KB JSON, ${d0.markdownChars} characters of Markdown), ms`,
      '',
      '| engine | what | p50 | p95 | max |',
      '|---|---|---|---|---|',
    );
    for (const d of digests) {
      lines.push(
        `| ${d.engine} | POST /api/v1/projects/:id/digests (one reader, compiled afresh) | ${d.demand.p50} | ${d.demand.p95} | ${d.demand.max} |`,
      );
      lines.push(
        `| ${d.engine} | scheduled pass: ${d.schedule.digests} digests compiled, stored and queued | ${d.schedule.p50} | ${d.schedule.p95} | ${d.schedule.max} |`,
      );
    }
  }
  if (search.length) {
    lines.push(
      '',
      `Search: ${search[0]!.records} indexed records (every 20th a decision, the rest tasks; four channels, Russian and English), limit 20, same load`,
      '',
      '| engine | route | req/s | p50 ms | p95 ms | p95 ÷ constant p95 | errors | hits |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const r of search) {
      const row = (name: string, f: (typeof r)['constant'], hits = '') =>
        `| ${r.engine} | ${name} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p95} | ${(f.p95 / Math.max(r.constant.p95, 0.1)).toFixed(1)}× | ${f.errors} | ${hits} |`;
      lines.push(row('constant Fastify route', r.constant));
      for (const q of r.queries) lines.push(row(`GET /api/v1/search?q=${q.q}`, q.figure, String(q.hits)));
      lines.push(`| ${r.engine} | (seeding ${r.records} records and their index: ${r.seedSeconds.toFixed(0)} s) | | | | | | |`);
    }
  }
  if (mywork.length) {
    const w0 = mywork[0]!;
    lines.push(
      '',
      `My work: a person in ${w0.channels} channels of one campaign (${w0.tasks.toLocaleString('en')} tasks, every 10th theirs; 20 rollouts to every channel; 50 assets with receipts owed and versions waiting; 100 decisions waiting), 10 items per section (${(w0.answerBytes / 1024).toFixed(0)} KB), same load`,
      '',
      '| engine | route | req/s | p50 ms | p95 ms | p95 ÷ constant p95 | errors |',
      '|---|---|---|---|---|---|---|',
    );
    for (const w of mywork) {
      const row = (name: string, f: (typeof w)['constant']) =>
        `| ${w.engine} | ${name} | ${f.rps.toFixed(0)} | ${f.p50} | ${f.p95} | ${(f.p95 / Math.max(w.constant.p95, 0.1)).toFixed(1)}× | ${f.errors} |`;
      lines.push(row('constant Fastify route', w.constant));
      lines.push(row('GET /api/v1/me/work (membership cached, MM_CACHE_MS default)', w.cached));
      lines.push(row('GET /api/v1/me/work (no cache: Mattermost asked every request)', w.uncached));
      lines.push(
        `| ${w.engine} | (counts: ${Object.entries(w.counts)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}) | | | | | |`,
      );
    }
  }
  lines.push(...overviewLines(overview));
  if (sources.length) {
    lines.push(
      '',
      `Task sources: ${sources[0]!.tasks} tasks in four channels (every 4th made from a message), 100 post ids asked (50 sources), same load`,
      '',
      '| engine | route | req/s | p50 ms | p99 ms | constant ÷ route | errors |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of sources) {
      lines.push(`| ${r.engine} | constant Fastify route | ${fmt(r.constant, r.constant)} |`);
      lines.push(`| ${r.engine} | POST /api/v1/tasks/sources (${r.found} tasks found) | ${fmt(r.sources, r.constant)} |`);
    }
  }
  if (live.length) {
    lines.push(
      '',
      'Live propagation: change acknowledged → event received, ms',
      '',
      '| setup | clients × changes | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
    );
    for (const l of live) lines.push(`| ${l.setup} | ${l.clients} × ${l.changes} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} |`);
  }
  lines.push(...assetLines(assets, assetsS3));
  if (backupFigures) {
    const b = backupFigures;
    lines.push(
      '',
      `Backup (SQLite, local store, same disk): ${b.tasks.toLocaleString('en')} tasks (database ${(b.databaseBytes / 1024 ** 2).toFixed(1)} MiB) and ${b.files} files of ${(b.bytes / 1024 ** 3).toFixed(2)} GiB in all:`,
      '',
      '| run | seconds | files copied | files skipped |',
      '|---|---|---|---|',
      `| first (online database copy + every file, each hashed) | ${b.firstSeconds.toFixed(2)} | ${b.firstCopied} | 0 |`,
      `| second, into the same folder (database again, files unchanged) | ${b.secondSeconds.toFixed(2)} | ${b.secondCopied} | ${b.secondSkipped} |`,
    );
  }
  if (exports.length) {
    lines.push(
      '',
      `Campaign record export: ${exports[0]!.tasks} tasks in one project, two history entries each, downloaded by curl`,
      '',
      '| engine | format | seconds | MB | service RSS before, MiB | service peak RSS, MiB |',
      '|---|---|---|---|---|---|',
    );
    for (const e of exports)
      for (const format of ['json', 'html'] as const)
        lines.push(
          `| ${e.engine} | ${format} | ${e[format].seconds.toFixed(2)} | ${(e[format].bytes / 1e6).toFixed(1)} | ${e.idleRssMiB.toFixed(0)} | ${e[format].peakRssMiB.toFixed(0)} |`,
        );
  }
  if (overviewRender.length) {
    lines.push(
      '',
      `First render of the project overview in Chromium, opened cold (4 channels, ${overviewRender[0]!.tasks} tasks): navigation start → matrix in the document, ms (performance timeline)`,
      '',
      '| host | p50 | max | runs | overview chunk fetch, ms |',
      '|---|---|---|---|---|',
    );
    for (const r of overviewRender)
      lines.push(`| React ${r.react} | ${r.p50} | ${r.max} | ${r.runs.join(', ')} | ${r.chunkMs.join(', ')} |`);
  }
  lines.push(...sidebarLines(sidebar));
  lines.push(...memoryLines(memory));
  const bundle = path.join(root, 'webapp/dist/main.js');
  if (fs.existsSync(bundle)) {
    const raw = fs.readFileSync(bundle);
    lines.push(
      '',
      `Plugin bundle webapp/dist/main.js: ${(raw.length / 1024).toFixed(1)} KB raw, ${(zlib.gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KB gzipped, ${zlib.gzipSync(raw, { level: 9 }).length} bytes (target ≤ 48 KB)`,
    );
    // Chunks loaded the first time a view opens (the decision log, detail and dialog), not with the page.
    for (const file of fs.readdirSync(path.dirname(bundle)).filter((f) => f !== 'main.js' && f.endsWith('.js'))) {
      const chunk = fs.readFileSync(path.join(path.dirname(bundle), file));
      lines.push(
        `Chunk webapp/dist/${file} (on demand): ${(chunk.length / 1024).toFixed(1)} KB raw, ${(zlib.gzipSync(chunk, { level: 9 }).length / 1024).toFixed(1)} KB gzipped, ${zlib.gzipSync(chunk, { level: 9 }).length} bytes`,
      );
    }
  }
  const out = lines.join('\n');
  process.stdout.write(out + '\n');
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/service.md'), out + '\n');
  if (lists.length) {
    // Kept apart too, so a run of other sections leaves the list tables of the last run that measured them.
    const stamp = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}).`;
    fs.writeFileSync(path.join(root, 'bench/results/lists.md'), [stamp, '', ...listTable(lists)].join('\n') + '\n');
    fs.writeFileSync(path.join(root, 'bench/results/lists.json'), JSON.stringify(lists, null, 2) + '\n');
  }
  if (writes) {
    const stamp = `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start.`;
    fs.writeFileSync(path.join(root, 'bench/results/writes.md'), [stamp, '', ...writesTable(writes)].join('\n') + '\n');
    fs.writeFileSync(path.join(root, 'bench/results/writes.json'), JSON.stringify(writes, null, 2) + '\n');
  }
  if (sidebar.length) {
    const stamp = `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start.`;
    fs.writeFileSync(path.join(root, 'bench/results/sidebar.md'), [stamp, ...sidebarLines(sidebar)].join('\n') + '\n');
    fs.writeFileSync(path.join(root, 'bench/results/sidebar.json'), JSON.stringify(sidebar, null, 2) + '\n');
  }
  writeMemoryResults(memory, started);
  writeAssetResults(assets, assetsS3);
  fs.writeFileSync(
    path.join(root, 'bench/results/service.json'),
    JSON.stringify(
      {
        started,
        service: results,
        lists,
        writes,
        decisions,
        digests,
        search,
        mywork,
        overview,
        live,
        assets,
        assetsS3,
        backup: backupFigures,
        exports,
        sidebar,
      },
      null,
      2,
    ),
  );
}

await main();
