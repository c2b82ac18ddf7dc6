import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, seedNewsroom, type Seeded } from '../helpers/seed';
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

describe('cached public reads', () => {
  test('a repeated public read is served from the cache with the same body', async () => {
    const first = await article(seeded.article).expect(200);
    const second = await article(seeded.article).expect(200);
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

  test('requests with credentials are never cached, so a token that may read drafts never sees a public answer', async () => {
    await app.strapi.documents(ARTICLE).update({ documentId: seeded.article, locale: 'zh-Hans', data: { title: '未发布的草稿标题' } });
    const token = await app.strapi.service('admin::api-token').create({ name: `cache-${Date.now()}`, type: 'read-only', lifespan: null });
    const read = () => article(seeded.article).set('Authorization', `Bearer ${token.accessKey}`).query({ status: 'draft' }).expect(200);
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

  test('an import moves the content version on at most once every five seconds and at its end, not once per document', async () => {
    const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-cache-import-'));
    try {
      writeCorpus(corpus, 20, 11);
      const version = async () => Number((await app.strapi.db.connection('newsroom_content_version').where({ id: 1 }).first('version')).version);
      const before = await version();
      const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
      expect(report.summary.failed).toBe(0);
      const moves = (await version()) - before;
      expect(moves).toBeGreaterThanOrEqual(1);
      expect(moves).toBeLessThanOrEqual(1 + Math.floor(report.summary.seconds / 5));
      expect(moves).toBeLessThan(report.summary.records.articles.created);
      const list = await rest(app.strapi).get('/api/news-articles').query({ pagination: { pageSize: 100 } }).expect(200);
      expect(list.body.meta.pagination.total).toBe(1 + report.summary.records.articles.created);
    } finally {
      fs.rmSync(corpus, { recursive: true, force: true });
    }
  });
});
