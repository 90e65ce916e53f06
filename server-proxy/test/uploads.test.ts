import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { BLOB_STORE, C, ENGINE, U, startStack, storeOf, type Stack } from './helpers.js';

/** Upload bodies that are not what they claim to be: each is refused with 400 and leaves nothing behind. */
describe(`malformed uploads [${ENGINE}, ${BLOB_STORE} store]`, () => {
  let s: Stack;
  let assetId: string;

  before(async () => {
    s = await startStack();
    const project = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Uploads', channel_id: C.hq } }))
      .body;
    assetId = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: project.id, name: 'Poster', channel_ids: [C.hq] },
      })
    ).body.id;
  });
  after(async () => {
    await s.close();
  });

  const send = (contentType: string, body: string) =>
    s.request('POST', `/api/v1/assets/${assetId}/versions`, {
      token: U.olga.token,
      rawBody: body,
      headers: { 'content-type': contentType },
    });
  const part = (name: string, filename: string, bytes: string) =>
    `--b0und\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n${bytes}\r\n`;
  const stored = async () => ({
    versions: (await s.db.selectFrom('asset_versions').select('id').where('asset_id', '=', assetId).execute()).length,
    blobs: storeOf(s).files().length,
    staging: storeOf(s).staging(),
  });

  it('refuses a multipart body with no closing boundary (400), leaving no staging file', async () => {
    const before = await stored();
    const r = await send('multipart/form-data; boundary=b0und', part('file', 'cut.png', 'x'.repeat(70_000)).slice(0, -2));
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'validation_failed');
    assert.deepEqual(await stored(), { ...before, staging: 0 });
  });

  it('refuses multipart/form-data without a boundary (400)', async () => {
    const before = await stored();
    const r = await send('multipart/form-data', part('file', 'a.png', 'abc'));
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'validation_failed');
    assert.deepEqual(await stored(), { ...before, staging: 0 });
  });

  it('refuses two file parts (400) instead of dropping the second', async () => {
    const before = await stored();
    const r = await send(
      'multipart/form-data; boundary=b0und',
      part('file', 'one.png', 'first') + part('file', 'two.png', 'second') + '--b0und--\r\n',
    );
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'validation_failed');
    assert.match(r.body.error.message, /one file/i);
    assert.deepEqual(await stored(), { ...before, staging: 0 });
  });

  it('still takes one well-formed file part', async () => {
    const before = await stored();
    const r = await send('multipart/form-data; boundary=b0und', part('file', 'fine.png', 'fine bytes') + '--b0und--\r\n');
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(await stored(), { versions: before.versions + 1, blobs: before.blobs + 1, staging: 0 });
  });
});

const form = (bytes: string, name = 'poster.png') => {
  const f = new FormData();
  f.append('file', new Blob([bytes], { type: 'image/png' }), name);
  return f;
};

async function projectWithAssets(s: Stack, names: string[]): Promise<string[]> {
  const project = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Disk', channel_id: C.hq } })).body;
  await s.request('POST', `/api/v1/projects/${project.id}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
  const ids = [];
  for (const name of names)
    ids.push(
      (
        await s.request('POST', '/api/v1/assets', {
          token: U.olga.token,
          body: { project_id: project.id, name, channel_ids: [C.hq, C.kazan] },
        })
      ).body.id as string,
    );
  return ids;
}

const uploadTo = (s: Stack, token: string, assetId: string, bytes: string, name?: string) =>
  fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form(bytes, name),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

describe(`upload quotas and the disk's free-space floor [${ENGINE}, ${BLOB_STORE} store]`, () => {
  let s: Stack;
  let floored: Stack;
  let assets: string[];
  before(async () => {
    s = await startStack({ UPLOAD_QUOTA_USER_BYTES: '1000', UPLOAD_QUOTA_ASSET_BYTES: '1500' });
    assets = await projectWithAssets(s, ['First', 'Second']);
    // A floor above the disk's real free space: every upload finds the disk "full".
    floored = await startStack({ DISK_FREE_MIN_BYTES: String(1024 ** 5) });
  });
  after(async () => {
    await s.close();
    await floored.close();
  });

  it('refuses a version that would pass the uploader’s quota, storing nothing', async () => {
    const store = storeOf(s);
    assert.equal((await uploadTo(s, U.dmitry.token, assets[0]!, 'd'.repeat(600))).status, 201);
    const files = store.files().length;
    const r = await uploadTo(s, U.dmitry.token, assets[1]!, 'e'.repeat(600));
    assert.equal(r.status, 413, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'quota_exceeded');
    assert.match(r.body.error.message, /your upload quota of 1000 bytes/);
    assert.equal(store.files().length, files);
    assert.equal(store.staging(), 0);
    const rows = await s.db.selectFrom('asset_versions').select('id').where('asset_id', '=', assets[1]!).execute();
    assert.deepEqual(rows, []);
    // Within what is left, the same user still can.
    assert.equal((await uploadTo(s, U.dmitry.token, assets[1]!, 'f'.repeat(400))).status, 201);
  });

  it('refuses a version that would pass the asset’s quota, whoever adds it', async () => {
    assert.equal((await uploadTo(s, U.olga.token, assets[0]!, 'o'.repeat(800))).status, 201);
    const r = await uploadTo(s, U.kazan.token, assets[0]!, 'k'.repeat(200));
    assert.equal(r.status, 413, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'quota_exceeded');
    assert.match(r.body.error.message, /asset's versions would pass its quota of 1500 bytes/);
    assert.equal(storeOf(s).staging(), 0);
    assert.equal((await uploadTo(s, U.kazan.token, assets[0]!, 'k'.repeat(100))).status, 201);
  });

  it('refuses uploads with 507 insufficient_storage below the free-space floor', async () => {
    const [asset] = await projectWithAssets(floored, ['Floor']);
    const r = await uploadTo(floored, U.olga.token, asset!, 'any bytes at all');
    assert.equal(r.status, 507, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'insufficient_storage');
    const store = storeOf(floored);
    assert.deepEqual(store.files(), []);
    assert.equal(store.staging(), 0);
    assert.deepEqual(await floored.db.selectFrom('asset_versions').select('id').execute(), []);
    // Everything else still works: the floor guards the disk, the database keeps its room.
    const task = await floored.request('POST', '/api/v1/tasks', {
      token: U.olga.token,
      body: { channel_id: C.hq, title: 'Still writable' },
    });
    assert.equal(task.status, 201);
  });
});

describe(`stored files nothing points at [${ENGINE}, ${BLOB_STORE} store]`, () => {
  let s: Stack;
  let asset: string;
  before(async () => {
    s = await startStack();
    asset = (await projectWithAssets(s, ['Sweep']))[0]!;
  });
  after(async () => {
    await s.close();
  });

  it('sweeps files left without a version once past the grace, keeping fresh and referenced ones', async () => {
    const store = storeOf(s);
    const kept = await uploadTo(s, U.olga.token, asset, 'a recorded version');
    assert.equal(kept.status, 201);
    store.age(kept.body.sha256, 48);
    // What a crash between moving an upload into the store and recording its version leaves.
    const orphan = 'a'.repeat(64);
    const fresh = 'b'.repeat(64);
    for (const sha of [orphan, fresh]) store.put(sha, `bytes of ${sha}`);
    store.age(orphan, 48);
    await s.app.live.blobSweep.runNow();
    assert.ok(!store.has(orphan), 'the old orphan is gone');
    assert.ok(store.has(fresh), 'a fresh one may be an upload about to be recorded');
    const download = await fetch(`${s.url}/api/v1/assets/${asset}/versions/${kept.body.id}/file`, {
      headers: { authorization: `Bearer ${U.olga.token}` },
    });
    assert.equal(download.status, 200);
    assert.equal(await download.text(), 'a recorded version');
  });

  it('never deletes, when one upload fails to be recorded, the file another upload of the same bytes keeps', async () => {
    // The database refuses one insert, as a full disk or a lost connection would.
    if (ENGINE === 'sqlite') {
      await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON asset_versions WHEN NEW.file_name = 'boom.png' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(
        s.db,
      );
    } else {
      await sql`CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW.file_name = 'boom.png' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        s.db,
      );
      await sql`CREATE TRIGGER refuse_boom BEFORE INSERT ON asset_versions FOR EACH ROW EXECUTE FUNCTION refuse_boom()`.execute(s.db);
    }
    const store = storeOf(s);
    const [other] = await projectWithAssets(s, ['Same bytes elsewhere']);
    const bytes = 'the same bytes, uploaded twice at once';
    // Side by side: one is recorded, the other fails after its file was moved into the store.
    const [ok, failed] = await Promise.all([
      uploadTo(s, U.olga.token, other!, bytes, 'fine.png'),
      uploadTo(s, U.olga.token, asset, bytes, 'boom.png'),
    ]);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(failed.status, 500);
    assert.ok(store.has(ok.body.sha256), 'the failed upload left the stored file alone');
    // A failure with nobody else holding the bytes also leaves the file; the sweep takes it after its grace.
    const lone = await uploadTo(s, U.olga.token, asset, 'bytes nobody else has', 'boom.png');
    assert.equal(lone.status, 500);
    const loneSha = store.files().find((f) => f !== ok.body.sha256 && store.read(f) === 'bytes nobody else has');
    assert.ok(loneSha, 'left for the sweep');
    store.age(loneSha, 48);
    store.age(ok.body.sha256, 48);
    await s.app.live.blobSweep.runNow();
    assert.ok(!store.has(loneSha));
    const download = await fetch(`${s.url}/api/v1/assets/${other}/versions/${ok.body.id}/file`, {
      headers: { authorization: `Bearer ${U.olga.token}` },
    });
    assert.equal(await download.text(), bytes);
  });
});
