import { chooseCoding, parseAcceptEncoding } from '../../src/http/encoding';
import { isPublicRead } from '../../src/http/public-reads';
import { bodyHash, entityTag, ifNoneMatchHits } from '../../src/http/validators';
import { buildAllowList, PERSISTED_QUERIES, requestedQueryId } from '../../src/graphql/persisted-queries';

describe('content coding negotiation', () => {
  test.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['*;q=0.3, br;q=0', 'gzip'],
    ['*;q=0', 'identity'],
    ['identity;q=1, gzip;q=0.5', 'identity'],
    ['identity;q=0.1, gzip;q=0.5', 'gzip'],
    ['GZIP;Q=1', 'gzip'],
  ])('Accept-Encoding %p gets %p', (header, coding) => {
    expect(chooseCoding(header)).toBe(coding);
  });

  test('q-values are read, clamped to 0..1, and a coding without one counts as 1', () => {
    expect([...parseAcceptEncoding('br;q=0.2, gzip, x;q=7, y;q=-1').entries()]).toEqual([
      ['br', 0.2],
      ['gzip', 1],
      ['x', 1],
      ['y', 1],
    ]);
  });
});

describe('entity tags', () => {
  test('equal bytes give equal tags and one changed byte a different tag', () => {
    expect(bodyHash(Buffer.from('{"a":1}'))).toBe(bodyHash(Buffer.from('{"a":1}')));
    expect(bodyHash(Buffer.from('{"a":1}'))).not.toBe(bodyHash(Buffer.from('{"a":2}')));
  });

  test('a compressed representation has its own strong tag', () => {
    expect(entityTag('abc', 'identity')).toBe('"abc"');
    expect(entityTag('abc', 'br')).toBe('"abc-br"');
    expect(entityTag('abc', 'gzip')).toBe('"abc-gzip"');
  });

  test.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['*', true],
    ['"abc-gzip"', false],
    ['"ab"', false],
    ['', false],
    [undefined, false],
  ])('If-None-Match %p matches "abc": %p', (header, hit) => {
    expect(ifNoneMatchHits(header, '"abc"')).toBe(hit);
  });
});

describe('public reads', () => {
  const request = (method: string, url: string, headers: Record<string, string> = {}) => {
    const parsed = new URL(url, 'http://localhost');
    return { method, path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), get: (name: string) => headers[name.toLowerCase()] ?? '' };
  };

  test.each([
    ['GET', '/api/news-articles', {}, true],
    ['HEAD', '/api/people/abc', {}, true],
    ['GET', '/api/news-articles', { authorization: 'Bearer x' }, false],
    ['POST', '/api/news-articles', {}, false],
    ['GET', '/api/users', {}, false],
    ['GET', '/graphql?queryId=ArticleList', {}, true],
    ['GET', '/graphql', {}, false],
    ['GET', '/sitemap.xml', {}, true],
    ['GET', '/sitemaps/zh-Hans/2.xml', {}, true],
    ['GET', '/feed.xml?locale=en', {}, true],
    ['GET', '/robots.txt', {}, true],
    ['GET', '/admin/init', {}, false],
    ['GET', '/preview/news-articles/abc', {}, false],
  ])('%s %s with %p is public: %p', (method, url, headers, expected) => {
    expect(isPublicRead(request(method, url, headers), '/graphql')).toBe(expected);
  });
});

describe('the GraphQL allow-list', () => {
  test('every checked-in query is one named query, found by name and by its SHA-256', () => {
    const allowList = buildAllowList(PERSISTED_QUERIES);
    for (const name of Object.keys(PERSISTED_QUERIES)) {
      const entry = allowList.get(name);
      expect(entry?.name).toBe(name);
      expect(allowList.get(entry?.sha256 ?? '')).toBe(entry);
    }
  });

  test.each([
    ['a mutation', { Create: 'mutation Create { createNewsArticle(data: {}) { documentId } }' }],
    ['a query named otherwise', { ArticleList: 'query Other { newsArticles { title } }' }],
    ['an anonymous query', { Anonymous: '{ newsArticles { title } }' }],
    ['two operations', { Two: 'query Two { a } query Three { b }' }],
  ])('%s is refused at boot', (_what, queries) => {
    expect(() => buildAllowList(queries)).toThrow(/must be exactly one query operation/);
  });

  test('the id comes from queryId, or from the persisted-query extension Apollo clients send', () => {
    expect(requestedQueryId({ queryId: 'ArticleList' })).toBe('ArticleList');
    expect(requestedQueryId({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'ab12' } }) })).toBe('ab12');
    expect(requestedQueryId({ extensions: 'not json' })).toBeUndefined();
    expect(requestedQueryId({})).toBeUndefined();
  });
});
