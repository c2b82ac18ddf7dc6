import fs from 'fs';
import os from 'os';
import path from 'path';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, ORGANISATION, seedNewsroom, type Seeded } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';

let app: TestApp;
let seeded: Seeded;

beforeAll(async () => {
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

const article = (documentId: string) => rest(app.strapi).get(`/api/news-articles/${documentId}`);

const publishTitle = async (title: string) => {
  await app.strapi.documents(ARTICLE).update({ documentId: seeded.article, locale: 'zh-Hans', data: { title } });
  await app.strapi.documents(ARTICLE).publish({ documentId: seeded.article, locale: 'zh-Hans' });
};

/** A published article of the caller's own, whose URL no other test has read. */
const ownArticle = async (title: string): Promise<string> => {
  const created = await app.strapi.documents(ARTICLE).create({ locale: 'zh-Hans', data: { title, publicationDate: '2024-05-20' } });
  await app.strapi.documents(ARTICLE).publish({ documentId: created.documentId, locale: 'zh-Hans' });
  return created.documentId;
};

describe('cached public reads', () => {
  test('a repeated public read is served from the cache with the same body', async () => {
    const documentId = await ownArticle('缓存测试：只读两次的文章');
    const first = await article(documentId).expect(200);
    const second = await article(documentId).expect(200);
    expect(first.body.data.title).toBe('缓存测试：只读两次的文章');
    expect(first.headers['x-response-cache']).toBe('miss');
    expect(second.headers['x-response-cache']).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
  });

  test('a published change is visible to the very next read', async () => {
    await article(seeded.article).expect(200);
    await publishTitle('缓存测试：新标题');
    const after = await article(seeded.article).expect(200);
    expect(after.headers['x-response-cache']).toBe('miss');
    expect(after.body.data.title).toBe('缓存测试：新标题');
  });

  test('saving a draft does not change what the public reads', async () => {
    const before = await article(seeded.article).expect(200);
    await app.strapi.documents(ARTICLE).update({ documentId: seeded.article, locale: 'zh-Hans', data: { title: '未发布的草稿标题' } });
    const after = await article(seeded.article).expect(200);
    expect(after.body.data.title).toBe(before.body.data.title);
  });

  test('a write from another connection, as the importer in another process makes, invalidates the cache', async () => {
    await article(seeded.article).expect(200);
    expect((await article(seeded.article).expect(200)).headers['x-response-cache']).toBe('hit');
    await app.strapi.db.connection('newsroom_content_version').where({ id: 1 }).increment('version', 1);
    expect((await article(seeded.article).expect(200)).headers['x-response-cache']).toBe('miss');
  });

  test('a publish leaves the cached responses about other documents cached, and makes the lists and its own fresh', async () => {
    const changed = await ownArticle('缓存范围测试：将被修改的文章');
    const other = await ownArticle('缓存范围测试：不相干的文章');
    const otherSlug = String((await article(other).expect(200)).body.data.slug);
    const bySlug = () => rest(app.strapi).get(`/api/news-articles?filters[slug][$eq]=${encodeURIComponent(otherSlug)}`);
    await article(changed).expect(200);
    await bySlug().expect(200);
    await rest(app.strapi).get('/api/news-articles').expect(200);
    await app.strapi.documents(ARTICLE).update({ documentId: changed, locale: 'zh-Hans', data: { title: '缓存范围测试：改过的标题' } });
    await app.strapi.documents(ARTICLE).publish({ documentId: changed, locale: 'zh-Hans' });
    expect((await article(other).expect(200)).headers['x-response-cache']).toBe('hit');
    expect((await bySlug().expect(200)).headers['x-response-cache']).toBe('hit');
    const fresh = await article(changed).expect(200);
    expect(fresh.headers['x-response-cache']).toBe('miss');
    expect(fresh.body.data.title).toBe('缓存范围测试：改过的标题');
    const list = await rest(app.strapi).get('/api/news-articles').expect(200);
    expect(list.headers['x-response-cache']).toBe('miss');
  });

  test('linking a document to another makes the other’s cached page fresh', async () => {
    const organisation = await app.strapi.documents(ORGANISATION).create({ data: { name: '缓存范围测试商会', kind: 'chamber_of_commerce' } });
    await app.strapi.documents(ORGANISATION).publish({ documentId: organisation.documentId });
    const page = () => rest(app.strapi).get(`/api/organisations/${organisation.documentId}`);
    await page().expect(200);
    expect((await page().expect(200)).headers['x-response-cache']).toBe('hit');
    const linking = await ownArticle('缓存范围测试：提到商会的文章');
    expect((await page().expect(200)).headers['x-response-cache']).toBe('hit');
    await app.strapi.documents(ARTICLE).update({ documentId: linking, locale: 'zh-Hans', data: { mentionedOrganisations: [organisation.documentId] } as never });
    await app.strapi.documents(ARTICLE).publish({ documentId: linking, locale: 'zh-Hans' });
    expect((await page().expect(200)).headers['x-response-cache']).toBe('miss');
  });

  test('a read by slug that found nothing finds the article published with that slug at once', async () => {
    const slug = 'cache-scope-slug-taken-later';
    const read = () => rest(app.strapi).get(`/api/news-articles?filters[slug][$eq]=${slug}`);
    expect((await read().expect(200)).body.data).toEqual([]);
    expect((await read().expect(200)).headers['x-response-cache']).toBe('hit');
    const created = await app.strapi.documents(ARTICLE).create({ locale: 'zh-Hans', data: { title: '缓存范围测试：后来取得这个地址的文章', slug, publicationDate: '2024-05-21' } });
    await app.strapi.documents(ARTICLE).publish({ documentId: created.documentId, locale: 'zh-Hans' });
    const after = await read().expect(200);
    expect(after.headers['x-response-cache']).toBe('miss');
    expect(after.body.data.map((found: { documentId: string }) => found.documentId)).toEqual([created.documentId]);
  });

  test('requests with credentials are never cached, so a token that may read drafts never sees a public answer', async () => {
    await app.strapi.documents(ARTICLE).update({ documentId: seeded.article, locale: 'zh-Hans', data: { title: '未发布的草稿标题' } });
    const token = await createApiToken(app.strapi, 'read-only');
    const read = () => article(seeded.article).set('Authorization', `Bearer ${token}`).query({ status: 'draft' }).expect(200);
    await read();
    const second = await read();
    expect(second.headers['x-response-cache']).toBeUndefined();
    expect(second.body.data.title).toBe('未发布的草稿标题');
  });

  test('GraphQL answers are cached per query and variables', async () => {
    const query = 'query ($id: ID!) { newsArticle(documentId: $id) { title } }';
    const first = await rest(app.strapi).post('/graphql').send({ query, variables: { id: seeded.article } }).expect(200);
    const second = await rest(app.strapi).post('/graphql').send({ query, variables: { id: seeded.article } }).expect(200);
    const other = await rest(app.strapi).post('/graphql').send({ query, variables: { id: seeded.draftArticle } }).expect(200);
    expect(second.headers['x-response-cache']).toBe('hit');
    expect(second.body).toEqual(first.body);
    expect(other.headers['x-response-cache']).toBe('miss');
    expect(other.body.data.newsArticle).toBeNull();
  });

  test('GraphQL errors are not cached', async () => {
    await graphql(app.strapi, '{ newsArticles { noSuchField } }');
    const second = await rest(app.strapi).post('/graphql').send({ query: '{ newsArticles { noSuchField } }' });
    expect(second.headers['x-response-cache']).not.toBe('hit');
  });

  test('an import moves the content version on once, at its end, not once per document', async () => {
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-cache-import-'));
    // An interval longer than any run here: every move the import makes is then its final one.
    const interval = app.strapi.config.get('server.contentVersion.coalesceSeconds');
    app.strapi.config.set('server.contentVersion.coalesceSeconds', 24 * 3600);
    try {
      writeCorpus(corpus, 20, 11);
      const version = async () => Number((await app.strapi.db.connection('newsroom_content_version').where({ id: 1 }).first('version')).version);
      const listed = async () => (await rest(app.strapi).get('/api/news-articles').expect(200)).body.meta.pagination.total as number;
      const [before, listedBefore] = [await version(), await listed()];
      const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
      expect(report.summary.failed).toBe(0);
      expect(report.summary.records.articles.created).toBe(20);
      expect((await version()) - before).toBe(1);
      // The one move is enough for readers: the cached list is not served any more.
      expect((await listed()) - listedBefore).toBe(20);
    } finally {
      app.strapi.config.set('server.contentVersion.coalesceSeconds', interval);
      fs.rmSync(corpus, { recursive: true, force: true });
    }
  });

  test('with no interval, an import moves the content version on with every document it writes', async () => {
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-cache-import-'));
    const interval = app.strapi.config.get('server.contentVersion.coalesceSeconds');
    app.strapi.config.set('server.contentVersion.coalesceSeconds', 0);
    try {
      writeCorpus(corpus, 5, 12);
      const version = async () => Number((await app.strapi.db.connection('newsroom_content_version').where({ id: 1 }).first('version')).version);
      const before = await version();
      const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
      const written = report.summary.records.articles.created + report.summary.records.articles.updated;
      expect(written).toBe(5);
      expect((await version()) - before).toBeGreaterThanOrEqual(written);
    } finally {
      app.strapi.config.set('server.contentVersion.coalesceSeconds', interval);
      fs.rmSync(corpus, { recursive: true, force: true });
    }
  });
});
