import { ResponseCache, type CachedResponse, type ResponseSubject } from '../../src/cache/response-cache';
import { subjectOf } from '../../src/cache/response-subject';
import { writtenScope, type DocumentLinks } from '../../src/cache/written-scope';
import { ARTICLE } from '../../src/content-types';

const entry = (version: number, text: string, subject: ResponseSubject): CachedResponse => ({ version, status: 200, contentType: 'application/json', body: Buffer.from(text), subject });

const about = (documents: string[], slug: string | null = null): ResponseSubject => ({ documents: new Set(documents), slug });

const links = (entries: string[], slugs: string[] = []): DocumentLinks => ({ links: new Set(entries), slugs: new Set(slugs) });

describe('a scoped change keeps the cached responses it cannot have altered', () => {
  const filled = async () => {
    const cache = new ResponseCache(1 << 20);
    await cache.once('article A', 1, async () => entry(1, 'A', about(['A', 'O1'], `${ARTICLE} a`)));
    await cache.once('article B', 1, async () => entry(1, 'B', about(['B', 'O2'], `${ARTICLE} b`)));
    await cache.once('organisation O2', 1, async () => entry(1, 'O2', about(['O2', 'B'])));
    await cache.once('list', 1, async () => entry(1, 'list', null));
    return cache;
  };

  test('a change to one document leaves the responses about other documents valid for the new version', async () => {
    const cache = await filled();
    cache.advance(2, { documents: ['A'], slugs: [`${ARTICLE} a`] });
    expect(cache.get('article A', 2)).toBeUndefined();
    expect(cache.get('article B', 2)?.body.toString()).toBe('B');
    expect(cache.get('organisation O2', 2)?.body.toString()).toBe('O2');
  });

  test('lists and other unnarrowed responses go with any change', async () => {
    const cache = await filled();
    cache.advance(2, { documents: ['Z'], slugs: [] });
    expect(cache.get('list', 2)).toBeUndefined();
    expect(cache.get('article B', 2)).toBeDefined();
  });

  test('a document linked in any response, or a slug a read was for, makes that response go', async () => {
    const cache = await filled();
    cache.advance(2, { documents: ['O2'], slugs: [] });
    expect(cache.get('article B', 2)).toBeUndefined();
    expect(cache.get('organisation O2', 2)).toBeUndefined();
    expect(cache.get('article A', 2)).toBeDefined();
    cache.advance(3, { documents: [], slugs: [`${ARTICLE} a`] });
    expect(cache.get('article A', 3)).toBeUndefined();
  });

  test('a change to everything, or one the cache cannot know, empties it', async () => {
    const cache = await filled();
    cache.advance(2, 'all');
    for (const key of ['article A', 'article B', 'organisation O2', 'list']) expect(cache.get(key, 2)).toBeUndefined();
  });

  test('an affected response is still there to answer the requests that arrive while it is computed again', async () => {
    const cache = await filled();
    cache.advance(2, { documents: ['A'], slugs: [] });
    let finish: (value: CachedResponse | null) => void = () => undefined;
    const refresh = cache.once('article A', 2, () => new Promise<CachedResponse | null>((resolve) => (finish = resolve)));
    const concurrent = await cache.once('article A', 2, async () => entry(2, 'never', null));
    expect(concurrent).toMatchObject({ shared: true, stale: true });
    expect(concurrent.entry?.body.toString()).toBe('A');
    finish(entry(2, 'A2', about(['A'])));
    expect((await refresh).entry?.body.toString()).toBe('A2');
  });
});

describe('what a public response is about', () => {
  const body = Buffer.from(JSON.stringify({ data: { documentId: 'A', mentionedOrganisations: [{ documentId: 'O1', name: 'x' }] }, meta: {} }));

  test('one document by its documentId is about it and every document it shows', () => {
    expect(subjectOf('/api/news-articles/A', {}, body)).toEqual({ documents: new Set(['A', 'O1']), slug: null });
  });

  test('a read by slug alone is about its documents and that slug', () => {
    expect(subjectOf('/api/news-articles', { filters: { slug: { $eq: 'a' } }, populate: '*' }, body)).toEqual({ documents: new Set(['A', 'O1']), slug: `${ARTICLE} a` });
  });

  test('a list, another filter or a second condition on the slug may change with any write', () => {
    expect(subjectOf('/api/news-articles', {}, body)).toBeNull();
    expect(subjectOf('/api/news-articles', { filters: { slug: { $eq: 'a' }, title: { $eq: 't' } } }, body)).toBeNull();
    expect(subjectOf('/api/news-articles', { filters: { slug: { $contains: 'a' } } }, body)).toBeNull();
    expect(subjectOf('/api/search', { q: 'a' }, body)).toBeNull();
  });

  test('a read whose populate filters or sorts a linked list may change with any write', () => {
    // Which linked documents it shows depends on fields of linked documents it does not show.
    expect(subjectOf('/api/organisations/O1', { populate: { mentionedInArticles: { sort: 'publicationDate:desc' } } }, body)).toBeNull();
    expect(subjectOf('/api/news-articles', { filters: { slug: { $eq: 'a' } }, populate: { mentionedOrganisations: { filters: { name: { $eq: 'x' } } } } }, body)).toBeNull();
    expect(subjectOf('/api/organisations/O1', { populate: { people: { fields: ['name'] } } }, body)).not.toBeNull();
  });
});

describe('what a write changed', () => {
  test('a link made or undone names the other document; a link kept does not', () => {
    const before = links(['published|zh-Hans|O1', 'published|zh-Hans|O2'], [`${ARTICLE} a`]);
    const after = links(['published|zh-Hans|O2', 'published|zh-Hans|O3'], [`${ARTICLE} a2`]);
    const scope = writtenScope('A', before, after);
    expect(scope).not.toBe('all');
    if (scope === 'all') return;
    expect(new Set(scope.documents)).toEqual(new Set(['A', 'O1', 'O3']));
    expect(new Set(scope.slugs)).toEqual(new Set([`${ARTICLE} a`, `${ARTICLE} a2`]));
  });

  test('publishing a draft’s new link names the linked document, though the draft had it already', () => {
    const scope = writtenScope('A', links(['draft|zh-Hans|O1']), links(['draft|zh-Hans|O1', 'published|zh-Hans|O1']));
    expect(scope !== 'all' && scope.documents.includes('O1')).toBe(true);
  });

  test('a new document names everything it links, a deleted one everything it linked', () => {
    const created = writtenScope('A', null, links(['published||P1']));
    const deleted = writtenScope('A', links(['draft||P2']), null);
    expect(created !== 'all' && new Set(created.documents)).toEqual(new Set(['A', 'P1']));
    expect(deleted !== 'all' && new Set(deleted.documents)).toEqual(new Set(['A', 'P2']));
  });
});
