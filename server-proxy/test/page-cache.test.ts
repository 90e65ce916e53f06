import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageCache, cachedPage, type CachedPage } from '../src/tasks/page.cache.js';

/** A make whose answer the test releases: how many times it was called, and the release of each call. */
function heldMake(json: string, keep = true) {
  const releases: Array<(failure?: Error) => void> = [];
  const make = () =>
    new Promise<{ page: CachedPage; keep: boolean }>((resolve, reject) => {
      releases.push((failure) => (failure ? reject(failure) : resolve({ page: cachedPage(json), keep })));
    });
  return { make, releases };
}

describe('the list page cache', () => {
  it('makes a page once for the requests that miss it together, then answers from what it kept', async () => {
    const cache = new PageCache();
    const first = heldMake('{"items":[1]}');
    const asked = [cache.through('k', 7, first.make), cache.through('k', 7, first.make), cache.through('k', 7, first.make)];
    await Promise.resolve();
    assert.equal(first.releases.length, 1, 'one page made for three requests');
    first.releases[0]!();
    const pages = await Promise.all(asked);
    assert.ok(
      pages.every((p) => p === pages[0]),
      'all three got the same page',
    );
    assert.equal(pages[0]!.body.toString(), '{"items":[1]}');
    const again = heldMake('{"items":[2]}');
    assert.equal(await cache.through('k', 7, again.make), pages[0]);
    assert.equal(again.releases.length, 0, 'kept: not made again');
  });

  it('makes the page again for a newer seq or another key, even while an older one is being made', async () => {
    const cache = new PageCache();
    const old = heldMake('{"seq":7}');
    const newer = heldMake('{"seq":8}');
    const other = heldMake('{"key":"j"}');
    const atSeven = cache.through('k', 7, old.make);
    const atEight = cache.through('k', 8, newer.make);
    const ofJ = cache.through('j', 7, other.make);
    await Promise.resolve();
    assert.deepEqual([old.releases.length, newer.releases.length, other.releases.length], [1, 1, 1]);
    newer.releases[0]!();
    old.releases[0]!();
    other.releases[0]!();
    assert.equal((await atSeven).body.toString(), '{"seq":7}');
    assert.equal((await atEight).body.toString(), '{"seq":8}');
    assert.equal((await ofJ).body.toString(), '{"key":"j"}');
    assert.equal(cache.get('k', 8)?.body.toString(), '{"seq":8}');
  });

  it('shares a page it may not keep only with the requests made meanwhile', async () => {
    const cache = new PageCache();
    const once = heldMake('{"complete":false}', false);
    const both = [cache.through('k', 7, once.make), cache.through('k', 7, once.make)];
    await Promise.resolve();
    once.releases[0]!();
    const [a, b] = await Promise.all(both);
    assert.equal(a, b);
    assert.equal(cache.get('k', 7), null, 'not kept');
    const later = heldMake('{"complete":true}');
    const asked = cache.through('k', 7, later.make);
    await Promise.resolve();
    assert.equal(later.releases.length, 1, 'a later request makes its own');
    later.releases[0]!();
    assert.equal((await asked).body.toString(), '{"complete":true}');
  });

  it('a page that fails to be made fails each request waiting for it, and the next one tries again', async () => {
    const cache = new PageCache();
    const failing = heldMake('');
    const both = [cache.through('k', 7, failing.make), cache.through('k', 7, failing.make)];
    await Promise.resolve();
    failing.releases[0]!(new Error('database gone'));
    for (const r of await Promise.allSettled(both)) {
      assert.equal(r.status, 'rejected');
      assert.equal((r as PromiseRejectedResult).reason.message, 'database gone');
    }
    const next = heldMake('{"ok":true}');
    const asked = cache.through('k', 7, next.make);
    await Promise.resolve();
    assert.equal(next.releases.length, 1);
    next.releases[0]!();
    assert.equal((await asked).body.toString(), '{"ok":true}');
  });
});
