import crypto from 'crypto';
import zlib from 'zlib';
import { createApiToken, startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { ARTICLE, seedNewsroom, type Seeded } from '../helpers/seed';
import { rawGet, rest } from '../helpers/http';
import { PERSISTED_QUERIES } from '../../src/graphql/persisted-queries';
import { previewUrl } from '../../src/preview/route';

let app: TestApp;
let adminToken: string;
let seeded: Seeded;

beforeAll(async () => {
  // Values unlike the defaults, so the test sees the configuration reach the header.
  Object.assign(process.env, { HTTP_CACHE_MAX_AGE: '42', HTTP_CACHE_STALE_WHILE_REVALIDATE: '420' });
  ({ app, adminToken } = await startStrapiWithAdmin());
  seeded = await seedNewsroom(app.strapi);
});

afterAll(async () => {
  delete process.env.HTTP_CACHE_MAX_AGE;
  delete process.env.HTTP_CACHE_STALE_WHILE_REVALIDATE;
  await app?.stop();
});

const PUBLIC = 'public, max-age=42, stale-while-revalidate=420';

const articlePath = () => `/api/news-articles/${seeded.article}`;

const apiToken = (): Promise<string> => createApiToken(app.strapi, 'read-only');

const vary = (header: string | string[] | undefined): string[] => String(header ?? '').split(/\s*,\s*/).map((name) => name.toLowerCase());

describe('ETags and 304', () => {
  test('a public read carries a strong ETag, and If-None-Match with it gets 304 without a body, from the cache too', async () => {
    const first = await rawGet(app.strapi, articlePath());
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const hit = await rawGet(app.strapi, articlePath());
    expect(hit.headers['x-response-cache']).toBe('hit');
    expect(hit.headers.etag).toBe(etag);
    const revalidated = await rawGet(app.strapi, articlePath(), { 'If-None-Match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['cache-control']).toBe(PUBLIC);
  });

  test('If-None-Match listing several tags, or the weak form of ours, still gets 304', async () => {
    const { headers } = await rest(app.strapi).get(articlePath()).expect(200);
    await rest(app.strapi).get(articlePath()).set('If-None-Match', `"other", W/${headers.etag}`).expect(304);
  });

  test('a published change gives a new ETag, so the old one gets the new body with 200', async () => {
    const before = await rest(app.strapi).get(articlePath()).expect(200);
    await app.strapi.documents(ARTICLE).update({ documentId: seeded.article, locale: 'zh-Hans', data: { summary: '商会会员捐款51万余元，用于助学。' } });
    await app.strapi.documents(ARTICLE).publish({ documentId: seeded.article, locale: 'zh-Hans' });
    const after = await rest(app.strapi).get(articlePath()).set('If-None-Match', before.headers.etag).expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.data.summary).toBe('商会会员捐款51万余元，用于助学。');
  });

  test('the ETag is the same for the same body from another process: it is a hash of the bytes', async () => {
    const response = await rawGet(app.strapi, articlePath());
    const digest = crypto.createHash('sha256').update(response.body).digest('base64url').slice(0, 27);
    expect(response.headers.etag).toBe(`"${digest}"`);
  });

  test('HEAD gets the headers GET gets, without a body', async () => {
    const get = await rawGet(app.strapi, articlePath(), { 'Accept-Encoding': 'gzip' });
    const head = await rawGet(app.strapi, articlePath(), { 'Accept-Encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['cache-control']).toBe(PUBLIC);
  });
});

describe('Cache-Control and Vary', () => {
  test('public reads may be cached by anyone for the configured time and vary on encoding and credentials', async () => {
    const list = await rest(app.strapi).get('/api/news-articles').expect(200);
    expect(list.headers['cache-control']).toBe(PUBLIC);
    expect(vary(list.headers.vary)).toEqual(expect.arrayContaining(['accept-encoding', 'authorization']));
    for (const path of ['/api/organisations', `/api/people/${seeded.person}`, '/api/initiatives']) {
      expect((await rest(app.strapi).get(path).expect(200)).headers['cache-control']).toBe(PUBLIC);
    }
  });

  test('a read with an API token, which may see drafts, is private and never stored', async () => {
    const token = await apiToken();
    const draft = await rest(app.strapi).get(articlePath()).query({ status: 'draft' }).set('Authorization', `Bearer ${token}`).expect(200);
    expect(draft.headers['cache-control']).toBe('private, no-store');
    expect(draft.headers.etag).toBeUndefined();
    const published = await rest(app.strapi).get(articlePath()).set('Authorization', `Bearer ${token}`).expect(200);
    expect(published.headers['cache-control']).toBe('private, no-store');
  });

  test("the admin's API and its login are private and never stored", async () => {
    const list = await rest(app.strapi)
      .get(`/content-manager/collection-types/${ARTICLE}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);
    expect(list.headers['cache-control']).toBe('private, no-store');
    const login = await rest(app.strapi).post('/admin/login').send({ email: 'nobody@example.org', password: 'wrong-Password-1' });
    expect(login.headers['cache-control']).toBe('private, no-store');
  });

  test('a draft preview is private and never stored', async () => {
    const url = new URL(previewUrl(app.strapi, ARTICLE, { documentId: seeded.draftArticle, locale: 'zh-Hans', status: 'draft' }) as string, 'http://localhost');
    const preview = await rest(app.strapi).get(`${url.pathname}${url.search}`).expect(200);
    expect(preview.text).toContain('尚未审核的草稿新闻');
    expect(preview.headers['cache-control']).toBe('private, no-store');
  });
});

describe('compression', () => {
  const listPath = '/api/news-articles?pagination%5BpageSize%5D=25';

  test('a JSON body over the threshold is sent with brotli when the client accepts it, and decodes to the same JSON', async () => {
    const plain = await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(vary(br.headers.vary)).toContain('accept-encoding');
  });

  test('gzip is sent to a client that accepts only gzip', async () => {
    const plain = await rawGet(app.strapi, listPath);
    const gzip = await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true);
  });

  test('q-values choose the coding, and q=0 refuses one', async () => {
    expect((await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'br;q=0.5, gzip;q=0.8' })).headers['content-encoding']).toBe('gzip');
    expect((await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'br;q=0, gzip;q=0' })).headers['content-encoding']).toBeUndefined();
    expect((await rawGet(app.strapi, listPath, { 'Accept-Encoding': '*;q=0.3, gzip;q=0' })).headers['content-encoding']).toBe('br');
    expect((await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'identity;q=1, gzip;q=0.5' })).headers['content-encoding']).toBeUndefined();
  });

  test('each coding has its own strong ETag, and each revalidates with 304', async () => {
    const plain = await rawGet(app.strapi, listPath);
    const br = await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'br' });
    expect(br.headers.etag).toBe(`${String(plain.headers.etag).slice(0, -1)}-br"`);
    expect((await rawGet(app.strapi, listPath, { 'Accept-Encoding': 'br', 'If-None-Match': String(br.headers.etag) })).status).toBe(304);
    expect((await rawGet(app.strapi, listPath, { 'If-None-Match': String(plain.headers.etag) })).status).toBe(304);
  });

  test('a body under the threshold is sent as it is, whatever the client accepts', async () => {
    const small = await rawGet(app.strapi, '/api/initiatives?fields%5B0%5D=name', { 'Accept-Encoding': 'gzip, br' });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString()).data[0].name).toBe('青商助学行动');
  });
});

describe('GraphQL over GET for allow-listed queries', () => {
  const slugVariables = () => encodeURIComponent(JSON.stringify({ slug: seeded.articleSlug, locale: 'zh-Hans' }));

  test('a persisted query by name runs over GET, publicly cacheable, and revalidates with 304', async () => {
    const path = `/graphql?queryId=ArticleBySlug&variables=${slugVariables()}`;
    const first = await rest(app.strapi).get(path).expect(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.newsArticles[0].title).toBe('海川市青年企业家商会举行助学捐赠仪式');
    expect(first.body.data.newsArticles[0].mentionedPersons.map((person: { name: string }) => person.name)).toEqual(['林若溪']);
    expect(first.headers['cache-control']).toBe(PUBLIC);
    const second = await rest(app.strapi).get(path).expect(200);
    expect(second.headers['x-response-cache']).toBe('hit');
    await rest(app.strapi).get(path).set('If-None-Match', first.headers.etag).expect(304);
  });

  test("the same query named by its SHA-256, as Apollo's persisted-query link sends it, gives the same answer", async () => {
    const hash = crypto.createHash('sha256').update(PERSISTED_QUERIES.ArticleBySlug).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    const byName = await rest(app.strapi).get(`/graphql?queryId=ArticleBySlug&variables=${slugVariables()}`).expect(200);
    const byHash = await rest(app.strapi).get(`/graphql?extensions=${extensions}&variables=${slugVariables()}`).expect(200);
    expect(byHash.body).toEqual(byName.body);
    const byQueryIdHash = await rest(app.strapi).get(`/graphql?queryId=${hash}&variables=${slugVariables()}`).expect(200);
    expect(byQueryIdHash.body).toEqual(byName.body);
  });

  test('every allow-listed query runs without errors against the schema', async () => {
    const variables: Record<string, Record<string, unknown>> = {
      ArticleList: { locale: 'zh-Hans', pageSize: 10 },
      ArticleBySlug: { slug: seeded.articleSlug },
      Organisation: { documentId: seeded.organisation },
      Person: { documentId: seeded.person },
    };
    expect(Object.keys(PERSISTED_QUERIES).sort()).toEqual(Object.keys(variables).sort());
    for (const [name, values] of Object.entries(variables)) {
      const response = await rest(app.strapi).get(`/graphql?queryId=${name}&variables=${encodeURIComponent(JSON.stringify(values))}`);
      expect({ name, status: response.status, errors: response.body.errors }).toEqual({ name, status: 200, errors: undefined });
    }
  });

  test('an unknown query id is 404 and not cacheable', async () => {
    const response = await rest(app.strapi).get('/graphql?queryId=NoSuchQuery').expect(404);
    expect(response.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(response.headers['cache-control']).not.toMatch(/public/);
  });

  test('a GET that sends its own query text is refused, a mutation included, and nothing runs', async () => {
    const query = await rest(app.strapi).get('/graphql').query({ query: '{ newsArticles { title } }' }).set('Apollo-Require-Preflight', 'true').expect(400);
    expect(query.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_REQUIRED');
    expect(query.body.data).toBeUndefined();
    const before = await app.strapi.documents(ARTICLE).count({ locale: 'zh-Hans' });
    const mutation = await rest(app.strapi)
      .get('/graphql')
      .query({ query: 'mutation { createNewsArticle(data: { title: "GET mutation" }) { documentId } }' })
      .set('Apollo-Require-Preflight', 'true');
    expect(mutation.status).toBe(400);
    expect(mutation.headers['cache-control']).not.toMatch(/public/);
    expect(await app.strapi.documents(ARTICLE).count({ locale: 'zh-Hans' })).toBe(before);
  });

  test('POST still takes any query, and its answer is not marked publicly cacheable', async () => {
    const response = await rest(app.strapi).post('/graphql').send({ query: '{ newsArticles { title } }' }).expect(200);
    expect(response.body.data.newsArticles).toHaveLength(1);
    expect(response.headers['cache-control'] ?? '').not.toMatch(/public/);
  });
});

describe('fields trims the default relations', () => {
  test('a list with fields and no populate has only those fields: no relations, no JSON-LD', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').query({ fields: ['title', 'slug', 'publicationDate'] }).expect(200);
    const [article] = response.body.data;
    expect(Object.keys(article).sort()).toEqual(['documentId', 'id', 'publicationDate', 'slug', 'title']);
  });

  test('fields with a populate gets exactly the relations named', async () => {
    const response = await rest(app.strapi)
      .get('/api/news-articles')
      .query({ fields: ['title'], populate: { mentionedPersons: { fields: ['name'] } } })
      .expect(200);
    const [article] = response.body.data;
    expect(Object.keys(article).sort()).toEqual(['documentId', 'id', 'mentionedPersons', 'title']);
    expect(article.mentionedPersons.map((person: { name: string }) => person.name)).toEqual(['林若溪']);
  });

  test('without fields the default relations are still there', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').expect(200);
    expect(response.body.data[0].mentionedPersons[0].positions).toHaveLength(2);
    expect(response.body.data[0].source.publisher.name).toBe('海川市青年企业家商会');
  });
});
