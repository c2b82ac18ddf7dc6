import { ResponseCache, type CachedResponse } from '../../src/cache/response-cache';

const response = (version: number, text: string): CachedResponse => ({ version, status: 200, contentType: 'application/json', body: Buffer.from(text) });

/** A computation the test finishes when it wants, to hold a refresh in flight. */
const deferred = () => {
  let finish: (value: CachedResponse | null) => void = () => undefined;
  const promise = new Promise<CachedResponse | null>((resolve) => {
    finish = resolve;
  });
  return { promise, finish };
};

describe('the response cache', () => {
  test('an entry is served for its own version only', async () => {
    const cache = new ResponseCache(1024);
    await cache.once('GET /api/news-articles', 1, async () => response(1, 'v1'));
    expect(cache.get('GET /api/news-articles', 1)?.body.toString()).toBe('v1');
    expect(cache.get('GET /api/news-articles', 2)).toBeUndefined();
  });

  test('the first request after the version moves on computes a fresh response, never a stale one', async () => {
    const cache = new ResponseCache(1024);
    await cache.once('k', 1, async () => response(1, 'v1'));
    expect(cache.get('k', 2)).toBeUndefined();
    const first = await cache.once('k', 2, async () => response(2, 'v2'));
    expect(first).toMatchObject({ shared: false, stale: false });
    expect(first.entry?.body.toString()).toBe('v2');
  });

  test('requests that arrive while the fresh response is computed get the previous version at once', async () => {
    const cache = new ResponseCache(1024);
    await cache.once('k', 1, async () => response(1, 'v1'));
    const refresh = deferred();
    const first = cache.once('k', 2, () => refresh.promise);
    const concurrent = await cache.once('k', 2, async () => response(2, 'never computed'));
    expect(concurrent).toMatchObject({ shared: true, stale: true });
    expect(concurrent.entry?.body.toString()).toBe('v1');
    refresh.finish(response(2, 'v2'));
    expect((await first).entry?.body.toString()).toBe('v2');
    expect(cache.get('k', 2)?.body.toString()).toBe('v2');
  });

  test('without a previous response, concurrent requests wait for the one computation', async () => {
    const cache = new ResponseCache(1024);
    const refresh = deferred();
    let computations = 0;
    const first = cache.once('k', 1, () => {
      computations += 1;
      return refresh.promise;
    });
    const second = cache.once('k', 1, async () => {
      computations += 1;
      return response(1, 'again');
    });
    refresh.finish(response(1, 'v1'));
    expect((await second)).toMatchObject({ shared: true, stale: false });
    expect((await second).entry?.body.toString()).toBe('v1');
    expect((await first).entry?.body.toString()).toBe('v1');
    expect(computations).toBe(1);
  });

  test('responses two versions old are never served', async () => {
    const cache = new ResponseCache(1024);
    await cache.once('k', 1, async () => response(1, 'v1'));
    cache.get('other', 2);
    cache.get('other', 3);
    const refresh = deferred();
    const first = cache.once('k', 3, () => refresh.promise);
    const concurrent = cache.once('k', 3, async () => response(3, 'never computed'));
    refresh.finish(response(3, 'v3'));
    expect((await concurrent)).toMatchObject({ stale: false });
    expect((await concurrent).entry?.body.toString()).toBe('v3');
    await first;
  });

  test('the least recently used responses go first once the bodies exceed the limit', async () => {
    const cache = new ResponseCache(10);
    await cache.once('a', 1, async () => response(1, '12345'));
    await cache.once('b', 1, async () => response(1, '12345'));
    cache.get('a', 1);
    await cache.once('c', 1, async () => response(1, '12345'));
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBeDefined();
  });
});
