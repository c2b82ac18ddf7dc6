import path from 'path';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';

const ROOT = path.resolve(__dirname, '..', '..');
const PAGE = path.join(ROOT, 'data', 'documents', '002_ce4251d4c8a5f3e5.txt');
const HTML = path.join(ROOT, 'tests', 'fixtures', 'pages', 'gbk-meta-charset.html');

let app: TestApp;
let adminToken: string;

const apiToken = async (permissions: string[]): Promise<string> => {
  const token = await app.strapi.service('admin::api-token').create({ name: `token-${permissions.length}-${Date.now()}`, type: 'custom', permissions, lifespan: null });
  return token.accessKey as string;
};

const articles = () => app.strapi.db.query('api::news-article.news-article').count({});

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
});

afterAll(async () => {
  await app?.stop();
});

describe('importing pages from the admin panel', () => {
  test('anonymous callers are refused', async () => {
    const anonymousAdmin = await rest(app.strapi).post('/newsroom-import/analyse').attach('files', PAGE);
    expect([401, 403]).toContain(anonymousAdmin.status);
    const anonymousApi = await rest(app.strapi).post('/api/newsroom-import/run').attach('files', PAGE);
    expect([401, 403]).toContain(anonymousApi.status);
  });

  test('an editor’s session gets the dry-run plan, and nothing is written', async () => {
    const before = await articles();
    const response = await rest(app.strapi)
      .post('/newsroom-import/analyse')
      .set('Authorization', `Bearer ${adminToken}`)
      .attach('files', PAGE)
      .attach('files', HTML)
      .expect(200);
    expect(response.body.summary.dryRun).toBe(true);
    expect(response.body.documents.map((doc: { file: string }) => doc.file).sort()).toEqual(['002_ce4251d4c8a5f3e5.txt', 'gbk-meta-charset.html']);
    const page = response.body.documents.find((doc: { file: string }) => doc.file === '002_ce4251d4c8a5f3e5.txt');
    expect(page.article.title).toBe('无锡市总商会党委提出“三加强”理念');
    expect(page.actions.created).toBeGreaterThan(0);
    expect(await articles()).toBe(before);
  });

  test('confirming imports the pages as drafts and returns the same report the CLI gives', async () => {
    const response = await rest(app.strapi).post('/newsroom-import/run').set('Authorization', `Bearer ${adminToken}`).attach('files', PAGE).expect(200);
    expect(response.body.summary.dryRun).toBe(false);
    expect(response.body.summary.records.articles.created).toBe(1);
    const drafts = await app.strapi.documents('api::news-article.news-article').findMany({ status: 'draft', locale: 'zh-Hans' });
    expect(drafts.map((article) => article.title)).toContain('无锡市总商会党委提出“三加强”理念');
    const published = await app.strapi.documents('api::news-article.news-article').findMany({ status: 'published', locale: 'zh-Hans' });
    expect(published).toHaveLength(0);
  });

  test('an API token with the import permission may import; one without it may not', async () => {
    const allowed = await apiToken(['api::newsroom-import.newsroom-import.analyse']);
    await rest(app.strapi).post('/api/newsroom-import/analyse').set('Authorization', `Bearer ${allowed}`).attach('files', PAGE).expect(200);
    await rest(app.strapi).post('/api/newsroom-import/run').set('Authorization', `Bearer ${allowed}`).attach('files', PAGE).expect(403);
    const readOnly = await apiToken(['api::news-article.news-article.find']);
    await rest(app.strapi).post('/api/newsroom-import/analyse').set('Authorization', `Bearer ${readOnly}`).attach('files', PAGE).expect(403);
  });

  test('a request without pages is told what to send', async () => {
    const response = await rest(app.strapi).post('/newsroom-import/analyse').set('Authorization', `Bearer ${adminToken}`).expect(400);
    expect(JSON.stringify(response.body)).toMatch(/multipart/);
  });
});
