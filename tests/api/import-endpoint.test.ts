import fs from 'fs';
import os from 'os';
import path from 'path';
import { createApiToken, startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { heavyHtmlPage } from '../fixtures/hostile/pages';
import { readJob, waitForJob } from '../helpers/import-jobs';

const ROOT = path.resolve(__dirname, '..', '..');
const PAGE = path.join(ROOT, 'data', 'documents', '002_ce4251d4c8a5f3e5.txt');
const HTML = path.join(ROOT, 'tests', 'fixtures', 'pages', 'gbk-meta-charset.html');

let app: TestApp;
let adminToken: string;

const apiToken = (permissions: string[]): Promise<string> => createApiToken(app.strapi, 'custom', permissions, `token-${permissions.length}-${Date.now()}`);

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

  test('confirming queues the pages as a job at once; the job imports them as drafts and keeps the same report the CLI gives', async () => {
    const response = await rest(app.strapi).post('/newsroom-import/run').set('Authorization', `Bearer ${adminToken}`).attach('files', PAGE).expect(202);
    expect(response.body.data).toMatchObject({ status: 'queued', pagesTotal: 1, pagesDone: 0, locale: 'zh-Hans', publish: false, holder: expect.stringMatching(/editor-in-chief@example\.org \(admin panel\)/) });
    const { job } = await waitForJob({ server: app.strapi.server.httpServer, token: adminToken }, response.body.data.id);
    expect(job).toMatchObject({ status: 'done', pagesDone: 1, pagesFailed: 0, attempts: 1, message: null });
    expect(job.report?.summary).toMatchObject({ dryRun: false, documents: 1, ok: 1 });
    expect(job.report?.summary.records.articles.created).toBe(1);
    expect(job.report?.documents.map((doc) => doc.file)).toEqual(['002_ce4251d4c8a5f3e5.txt']);
    const drafts = await app.strapi.documents('api::news-article.news-article').findMany({ status: 'draft', locale: 'zh-Hans' });
    expect(drafts.map((article) => article.title)).toContain('无锡市总商会党委提出“三加强”理念');
    const published = await app.strapi.documents('api::news-article.news-article').findMany({ status: 'published', locale: 'zh-Hans' });
    expect(published).toHaveLength(0);
    // The job's copy of the pages is gone once it is over; its report stays.
    expect(await app.database.countRows('newsroom_import_job_pages')).toBe(0);
    const listed = await rest(app.strapi).get('/newsroom-import/jobs').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(listed.body.data[0]).toMatchObject({ id: job.id, status: 'done' });
    expect(listed.body.data[0].report).toBeUndefined();
  });

  test('an API token with the import permission may import and follow its job; one without it may do neither', async () => {
    const analyseOnly = await apiToken(['api::newsroom-import.newsroom-import.analyse']);
    await rest(app.strapi).post('/api/newsroom-import/analyse').set('Authorization', `Bearer ${analyseOnly}`).attach('files', PAGE).expect(200);
    await rest(app.strapi).post('/api/newsroom-import/run').set('Authorization', `Bearer ${analyseOnly}`).attach('files', PAGE).expect(403);
    await rest(app.strapi).get('/api/newsroom-import/jobs').set('Authorization', `Bearer ${analyseOnly}`).expect(403);
    const importer = await apiToken(['api::newsroom-import.newsroom-import.run']);
    const queued = await rest(app.strapi).post('/api/newsroom-import/run').set('Authorization', `Bearer ${importer}`).attach('files', HTML).expect(202);
    expect(queued.body.data.holder).toMatch(/^the API token "token-1-\d+"$/);
    await rest(app.strapi).get(`/api/newsroom-import/jobs/${queued.body.data.id}`).set('Authorization', `Bearer ${analyseOnly}`).expect(403);
    const { job } = await waitForJob({ server: app.strapi.server.httpServer, token: importer, prefix: '/api' }, queued.body.data.id);
    expect(job.status).toBe('done');
    const readOnly = await apiToken(['api::news-article.news-article.find']);
    await rest(app.strapi).post('/api/newsroom-import/analyse').set('Authorization', `Bearer ${readOnly}`).attach('files', PAGE).expect(403);
    await rest(app.strapi).get(`/api/newsroom-import/jobs/${job.id}`).set('Authorization', `Bearer ${readOnly}`).expect(403);
    await rest(app.strapi).get(`/api/newsroom-import/jobs/${job.id}`).expect(403);
  });

  test('a token’s permission list offers the import as two actions, analyse and run, and nothing that grants nothing', async () => {
    const response = await rest(app.strapi).get('/admin/content-api/permissions').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(response.body.data['api::newsroom-import'].controllers).toEqual({ 'newsroom-import': ['analyse', 'run'] });
  });

  test('an unknown job is answered with 404, for reading and for cancelling', async () => {
    await rest(app.strapi).get('/newsroom-import/jobs/00000000-0000-0000-0000-000000000000').set('Authorization', `Bearer ${adminToken}`).expect(404);
    await rest(app.strapi).post('/newsroom-import/jobs/00000000-0000-0000-0000-000000000000/cancel').set('Authorization', `Bearer ${adminToken}`).expect(404);
    await expect(readJob({ server: app.strapi.server.httpServer, token: adminToken }, 'not-a-job')).rejects.toThrow(/answered 404/);
  });

  test('a request without pages is told what to send', async () => {
    const response = await rest(app.strapi).post('/newsroom-import/analyse').set('Authorization', `Bearer ${adminToken}`).expect(400);
    expect(JSON.stringify(response.body)).toMatch(/multipart/);
  });

  test('an unknown locale is refused with 400 and the reason, before anything is written or queued', async () => {
    const before = await articles();
    const jobs = await app.database.countRows('newsroom_import_jobs');
    const response = await rest(app.strapi)
      .post('/newsroom-import/run')
      .set('Authorization', `Bearer ${adminToken}`)
      .field('locale', 'xx')
      .attach('files', PAGE)
      .expect(400);
    expect(response.body.error).toMatchObject({ status: 400, message: expect.stringMatching(/unknown locale "xx"/) });
    expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.js:\d+|\/work\/|\/tmp\//);
    expect(await articles()).toBe(before);
    expect(await app.database.countRows('newsroom_import_jobs')).toBe(jobs);
  });
});

describe('the temporary copies of uploaded pages', () => {
  const PREFIX = 'newsroom-upload-';
  // The server's copies go to the system temporary directory; only the ones this test's requests make count.
  const temp = os.tmpdir();
  let before = new Set<string>();

  beforeEach(() => {
    before = new Set(fs.readdirSync(temp));
  });

  const copies = (): string[] => fs.readdirSync(temp).filter((name) => name.startsWith(PREFIX) && !before.has(name));

  /** Modes of the copy directories and the files in them, as often as the event loop allows, until `until` settles. */
  const watchModes = async (until: Promise<unknown>): Promise<{ directories: number[]; files: number[] }> => {
    const seen = { directories: [] as number[], files: [] as number[] };
    let done = false;
    void until.finally(() => {
      done = true;
    });
    while (!done) {
      for (const name of copies()) {
        try {
          const directory = path.join(temp, name);
          seen.directories.push(fs.statSync(directory).mode & 0o777);
          for (const file of fs.readdirSync(directory)) seen.files.push(fs.statSync(path.join(directory, file)).mode & 0o777);
        } catch {
          // Removed between the listing and the stat: the import has finished.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return seen;
  };

  test('are readable by the server only while the pages are analysed, and removed after a success', async () => {
    const server = app.strapi.server.httpServer;
    if (server.address() === null) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const request = rest(app.strapi)
      .post('/newsroom-import/analyse')
      .set('Authorization', `Bearer ${adminToken}`)
      .attach('files', Buffer.from(heavyHtmlPage(1024 * 1024)), 'heavy.html')
      .attach('files', PAGE)
      .then((response) => response);
    const seen = await watchModes(request);
    expect((await request).status).toBe(200);
    expect(seen.files.length).toBeGreaterThan(0);
    expect(new Set(seen.directories)).toEqual(new Set([0o700]));
    expect(new Set(seen.files)).toEqual(new Set([0o600]));
    expect(copies()).toEqual([]);
  });

  test('are removed after a refused import too', async () => {
    await rest(app.strapi).post('/newsroom-import/run').set('Authorization', `Bearer ${adminToken}`).field('locale', '../../').attach('files', PAGE).expect(400);
    expect(copies()).toEqual([]);
  });
});
