import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { startStrapiWithAdmin, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { runImport } from '../helpers/importer';
import { waitForJob, type JobReader } from '../helpers/import-jobs';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { writeCorpus } from '../../bench/corpus';

/**
 * The README's scale-out recipe, run: two instances of the app on one database (this process and a
 * server in a process of its own), as behind a load balancer. Without Redis: the content version and
 * the job queue both live in the database. Run on PostgreSQL (the production database) and SQLite.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLED = path.join(ROOT, 'data', 'documents');
const ARTICLES = '/api/news-articles?locale=zh-Hans&fields[0]=title&pagination[pageSize]=100&sort=title';

let app: TestApp;
let adminToken: string;
let other: ServerProcess | null = null;

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  other = await startServerProcess({ ...process.env });
});

afterAll(async () => {
  await other?.kill();
  await app?.stop();
});

const otherUrl = (): string => {
  if (other === null) throw new Error('the other server is not running');
  return other.url;
};

const titlesOn = async (server: string | TestApp['strapi']['server']['httpServer']): Promise<{ titles: string[]; cache: string | undefined }> => {
  const response = await request(server).get(ARTICLES).expect(200);
  return { titles: (response.body.data as Array<{ title: string }>).map((article) => article.title), cache: response.headers['x-response-cache'] as string | undefined };
};

describe('two instances on one database', () => {
  test('an import run on one is on the other’s public API at once, though the other had the list cached', async () => {
    await titlesOn(otherUrl());
    expect((await titlesOn(otherUrl())).cache).toBe('hit');
    const report = await runImport({ paths: [BUNDLED], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
    expect(report.summary.failed).toBe(0);
    const imported = report.documents.map((doc) => doc.article?.title ?? '').sort();
    const after = await titlesOn(otherUrl());
    expect(after.cache).not.toBe('hit');
    expect(after.titles).toEqual(imported);
  });

  test('an article unpublished in one’s admin is gone from the other’s cached list at once', async () => {
    const before = await titlesOn(otherUrl());
    expect((await titlesOn(otherUrl())).cache).toBe('hit');
    const [article] = await app.strapi.documents('api::news-article.news-article').findMany({ status: 'published', locale: 'zh-Hans', filters: { title: before.titles[0] } });
    await request(app.strapi.server.httpServer)
      .post(`/content-manager/collection-types/api::news-article.news-article/${article.documentId}/actions/unpublish?locale=zh-Hans`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({})
      .expect(200);
    expect((await titlesOn(otherUrl())).titles).toEqual(before.titles.slice(1));
    // And the same on the instance that unpublished it.
    expect((await titlesOn(app.strapi.server.httpServer)).titles).toEqual(before.titles.slice(1));
  });

  test('the other answers public reads while one is in the middle of writing (an import batch, an editor’s save)', async () => {
    const expected = (await titlesOn(app.strapi.server.httpServer)).titles;
    await app.strapi.db.connection.transaction(async (trx) => {
      // A write in the transaction, as an import batch makes: from here on it holds the write lock.
      await trx('newsroom_import_jobs').where('id', '=', 'no such job').update({ message: null });
      // A query the response cache has not seen, so the other instance reads the database.
      const response = await request(otherUrl()).get(`${ARTICLES}&filters[title][$notNull]=true`);
      expect({ status: response.status, titles: (response.body.data as Array<{ title: string }> | undefined)?.map((article) => article.title) }).toEqual({ status: 200, titles: expected });
    });
  });

  test('import jobs uploaded to one are spread over both, and each shows the other’s progress', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'instances-corpus-'));
    writeCorpus(directory, 130, 41);
    const files = fs
      .readdirSync(directory)
      .sort()
      .map((name) => path.join(directory, name));
    const upload = (pages: string[]) => {
      const call = request(app.strapi.server.httpServer).post('/newsroom-import/run').set('Authorization', `Bearer ${adminToken}`);
      for (const page of pages) call.attach('files', page);
      return call.expect(202);
    };
    // The first is long enough for the other instance to look for work while this one runs it.
    const first = await upload(files.slice(0, 100));
    const second = await upload(files.slice(100));
    const login = await request(otherUrl()).post('/admin/login').send(TEST_ADMIN).expect(200);
    const readers: JobReader[] = [
      { server: app.strapi.server.httpServer, token: adminToken },
      { server: otherUrl(), token: login.body.data.token as string },
    ];
    const [one, two] = await Promise.all([waitForJob(readers[1], first.body.data.id, 300_000), waitForJob(readers[0], second.body.data.id, 300_000)]);
    // The errors are in the comparison so that a failure says why a page failed, not only that one did.
    const outcome = (job: typeof one.job) => ({
      status: job.status,
      done: job.pagesDone,
      failed: job.pagesFailed,
      errors: (job.report?.documents ?? []).flatMap((doc) => (doc.status === 'failed' ? [`${path.basename(doc.file)}: ${doc.error ?? ''}`] : [])),
    });
    expect([outcome(one.job), outcome(two.job)]).toEqual([
      { status: 'done', done: 100, failed: 0, errors: [] },
      { status: 'done', done: 30, failed: 0, errors: [] },
    ]);
    // One job on each instance: whichever took the first, the other took the second while it ran.
    const pids = [one.job.runner, two.job.runner].map((runner) => Number(/ pid (\d+)$/.exec(runner ?? '')?.[1])).sort();
    expect(pids).toEqual([process.pid, other?.child.pid].sort());
    // The second waited for the first to finish (one import at a time per database), readable while it waited.
    const waited = (seen: typeof one.seen) => seen.some((state) => state.status === 'running' && /Waiting for the import started at/.test(state.message ?? ''));
    expect(waited(two.seen)).toBe(true);
    expect(await app.database.countRows('news_articles', 'published_at is null')).toBe(130 + 2);
  });
});
