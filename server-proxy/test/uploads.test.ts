import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';

/** Upload bodies that are not what they claim to be: each is refused with 400 and leaves nothing behind. */
describe(`malformed uploads [${ENGINE}]`, () => {
  let s: Stack;
  let assetId: string;
  let staging: string;
  let blobs: string;

  before(async () => {
    s = await startStack();
    staging = path.join(s.databaseEnv.DATA_DIR!, 'blobs', 'staging');
    blobs = path.join(s.databaseEnv.DATA_DIR!, 'blobs');
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
    blobs: fs.readdirSync(blobs).filter((d) => d !== 'staging').length,
    staging: fs.readdirSync(staging).length,
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
