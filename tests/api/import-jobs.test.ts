import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { adminLogin, createTestDatabase, startStrapi, startStrapiWithAdmin, TEST_ADMIN, useTestEnvironment, type TestApp, type TestDatabase } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { waitForJob, type JobReader } from '../helpers/import-jobs';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { writeCorpus } from '../../bench/corpus';
import { acquireImportLock } from '../../src/import/lock';
import { BATCH_PAGES } from '../../src/import/run';
import { listJobs } from '../../src/import/jobs/store';
import { FINISHED, type ImportJob } from '../../src/import/jobs/types';

/**
 * Imports uploaded from the admin panel run as jobs: stored with their pages, queued, run off the
 * request by a worker, with progress any instance can read, cancellable, and resumed when the server
 * running one stops. Each describe has a Strapi (and a database) of its own.
 */

/**
 * Distinct pages for the whole file, handed out in slices: pages generated under different seeds may
 * be close enough to be told the same article, which would throw the tests' article counts off.
 */
const corpus = (() => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'job-corpus-'));
  writeCorpus(directory, 450, 31);
  const files = fs
    .readdirSync(directory)
    .sort()
    .map((name) => path.join(directory, name));
  let next = 0;
  return (pages: number): string[] => {
    next += pages;
    if (next > files.length) throw new Error('the test corpus has too few pages');
    return files.slice(next - pages, next);
  };
})();

const upload = (server: JobReader['server'], token: string, files: string[]) => {
  const call = request(server).post('/newsroom-import/run').set('Authorization', `Bearer ${token}`);
  for (const file of files) call.attach('files', file);
  return call;
};

/** Supertest would otherwise listen and close per request, and two requests at once would reset each other. */
const listenOnce = async (app: TestApp) => {
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
};

const draftArticles = (database: TestDatabase): Promise<number> => database.countRows('news_articles', 'published_at is null');

/** Articles whose import key another draft shares: an import that ran a page twice would leave some. */
const duplicateDrafts = (database: TestDatabase): Promise<number> =>
  database.countRows('news_articles', 'published_at is null and exists (select 1 from news_articles other where other.import_key = news_articles.import_key and other.published_at is null and other.id <> news_articles.id)');

describe('an import job on one server', () => {
  let app: TestApp;
  let adminToken: string;
  let reader: JobReader;

  beforeAll(async () => {
    ({ app, adminToken } = await startStrapiWithAdmin());
    reader = { server: await listenOnce(app), token: adminToken };
  });

  // Each test counts the articles its own jobs write: no job of an earlier test may still be running.
  beforeEach(async () => {
    const deadline = Date.now() + 120_000;
    while ((await listJobs(app.strapi.db.connection, 100)).some((job) => !FINISHED.includes(job.status))) {
      if (Date.now() > deadline) throw new Error('an earlier test left an import job running');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  test('reports its progress while it runs and ends with every page imported once and a report per page', async () => {
    const files = corpus(60);
    const before = await draftArticles(app.database);
    const queued = await upload(reader.server, adminToken, files).expect(202);
    expect(queued.body.data).toMatchObject({ status: 'queued', pagesTotal: 60, pagesDone: 0, attempts: 0 });
    const { job, seen } = await waitForJob(reader, queued.body.data.id);
    expect(job).toMatchObject({ status: 'done', pagesTotal: 60, pagesDone: 60, pagesFailed: 0, attempts: 1, cancelRequested: false });
    // Progress never goes back, and is never more than the pages uploaded.
    const done = seen.map((state) => state.pagesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(Math.max(...done)).toBe(60);
    expect(new Date(job.finishedAt ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(job.startedAt ?? Date.now()).getTime());
    expect(job.report?.documents.map((doc) => doc.file).sort()).toEqual(files.map((file) => path.basename(file)).sort());
    expect(job.report?.summary.records.articles.created).toBe(60);
    expect(await draftArticles(app.database)).toBe(before + 60);
    expect(await duplicateDrafts(app.database)).toBe(0);
  });

  test('a second upload while one runs waits its turn, and both import everything once', async () => {
    const files = corpus(40);
    const before = await draftArticles(app.database);
    const [first, second] = await Promise.all([upload(reader.server, adminToken, files).expect(202), upload(reader.server, adminToken, files).expect(202)]);
    const jobs = await Promise.all([waitForJob(reader, first.body.data.id), waitForJob(reader, second.body.data.id)]);
    expect(jobs.map(({ job }) => ({ status: job.status, failed: job.pagesFailed }))).toEqual([
      { status: 'done', failed: 0 },
      { status: 'done', failed: 0 },
    ]);
    // The same pages twice: the later job finds them imported.
    const created = jobs.map(({ job }) => job.report?.summary.records.articles.created).sort();
    expect(created).toEqual([0, 40]);
    expect(await draftArticles(app.database)).toBe(before + 40);
    expect(await duplicateDrafts(app.database)).toBe(0);
  });

  test('cancelled while it waits for another import, and cancelled before it starts, a job imports nothing', async () => {
    const before = await draftArticles(app.database);
    const lock = await acquireImportLock(app.strapi, { holder: 'the command line (test)', wait: false });
    try {
      const waiting = await upload(reader.server, adminToken, corpus(3)).expect(202);
      const { job: blocked } = await waitForJob(reader, waiting.body.data.id, 60_000, (job) => job.status === 'running' && /^正在等待另一个导入结束 · Waiting for the import started at .+ by the command line \(test\) to finish\.$/.test(job.message ?? ''));
      expect(blocked.pagesDone).toBe(0);
      // This server runs one job at a time: the next one stays queued.
      const next = await upload(reader.server, adminToken, corpus(3)).expect(202);
      const cancelledNext = await rest(app.strapi).post(`/newsroom-import/jobs/${next.body.data.id}/cancel`).set('Authorization', `Bearer ${adminToken}`).expect(200);
      expect(cancelledNext.body.data).toMatchObject({ status: 'cancelled', cancelRequested: true, message: expect.stringMatching(/nothing was imported/) });
      const cancelling = await rest(app.strapi).post(`/newsroom-import/jobs/${waiting.body.data.id}/cancel`).set('Authorization', `Bearer ${adminToken}`).expect(200);
      expect(cancelling.body.data.cancelRequested).toBe(true);
      const { job } = await waitForJob(reader, waiting.body.data.id);
      expect(job).toMatchObject({ status: 'cancelled', report: null, message: expect.stringMatching(/nothing was imported/) });
    } finally {
      await lock.release();
    }
    expect(await draftArticles(app.database)).toBe(before);
    expect(await app.database.countRows('newsroom_import_job_pages')).toBe(0);
  });

  test('cancelled while it runs, a job stops after the batch it is writing: those pages stay imported, whole, and no later page is', async () => {
    const before = await draftArticles(app.database);
    const files = corpus(200);
    const queued = await upload(reader.server, adminToken, files).expect(202);
    await waitForJob(reader, queued.body.data.id, 120_000, (job) => job.pagesDone > 0 || job.status !== 'queued' && job.status !== 'running');
    await rest(app.strapi).post(`/newsroom-import/jobs/${queued.body.data.id}/cancel`).set('Authorization', `Bearer ${adminToken}`).expect(200);
    const { job } = await waitForJob(reader, queued.body.data.id);
    expect(job.status).toBe('cancelled');
    const imported = job.report?.summary.documents ?? -1;
    expect(job.report?.summary.stopped).toBe(true);
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(200);
    // Batches are written whole or not at all.
    expect(imported % BATCH_PAGES).toBe(0);
    expect(job.pagesDone).toBe(imported);
    expect(job.message).toMatch(new RegExp(`Cancelled: ${imported} of the pages were imported before it stopped`));
    expect(await draftArticles(app.database)).toBe(before + imported);
    // Imported again, the pages the cancel left out are imported, and the others are found unchanged.
    const again = await upload(reader.server, adminToken, files).expect(202);
    const { job: rerun } = await waitForJob(reader, again.body.data.id);
    expect(rerun.report?.summary.records.articles).toMatchObject({ created: 200 - imported, unchanged: imported, failed: 0 });
    expect(await draftArticles(app.database)).toBe(before + 200);
  });
});

describe('an import job whose server is killed', () => {
  let database: TestDatabase;
  let server: ServerProcess | null = null;
  let app: TestApp | null = null;

  beforeAll(async () => {
    useTestEnvironment();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await server?.kill('SIGKILL');
    if (app !== null) await app.stop();
    else await database.drop();
  });

  test('is resumed by the next server to start: every page is imported once, and the job says it was resumed', async () => {
    const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'job-halt-')), 'halted');
    // This server stops for good right after the job's first batch commits, as if it died there.
    server = await startServerProcess({
      ...process.env,
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      NEWSROOM_TEST_HALT_AFTER_BATCHES: '1',
      NEWSROOM_TEST_HALT_MARKER: marker,
    });
    const login = await request(server.url).post('/admin/login').send(TEST_ADMIN).expect(200);
    const files = corpus(60);
    const queued = await upload(server.url, login.body.data.token as string, files).expect(202);
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fs.existsSync(marker)).toBe(true);
    await server.kill('SIGKILL');
    server = null;
    expect(await draftArticles(database)).toBe(BATCH_PAGES);

    app = await startStrapi(database);
    const token = await adminLogin(app.strapi);
    const { job } = await waitForJob({ server: app.strapi.server.httpServer, token }, queued.body.data.id);
    expect(job).toMatchObject({ status: 'done', attempts: 2, pagesDone: 60, pagesFailed: 0 });
    expect(job.report?.summary.records.articles).toMatchObject({ created: 60 - BATCH_PAGES, unchanged: BATCH_PAGES, failed: 0 });
    expect(await draftArticles(database)).toBe(60);
    expect(await duplicateDrafts(database)).toBe(0);
    expect(await database.countRows('newsroom_import_job_pages')).toBe(0);
  });
});

describe('import jobs on two servers sharing a database and a Redis queue', () => {
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const shared = { REDIS_URL, IMPORT_QUEUE_PREFIX: `newsroom-test-${crypto.randomBytes(6).toString('hex')}` };
  let app: TestApp;
  let adminToken: string;
  let second: ServerProcess | null = null;

  beforeAll(async () => {
    Object.assign(process.env, shared);
    ({ app, adminToken } = await startStrapiWithAdmin());
    await listenOnce(app);
    second = await startServerProcess({ ...process.env });
  });

  afterAll(async () => {
    await second?.kill();
    await app?.stop();
    for (const name of Object.keys(shared)) delete process.env[name];
  });

  test('jobs queued on one are run by the queue, each once, and the other server shows the same jobs and progress', async () => {
    const secondLogin = await request(second?.url ?? '').post('/admin/login').send(TEST_ADMIN).expect(200);
    const secondReader: JobReader = { server: second?.url ?? '', token: secondLogin.body.data.token as string };
    const [first, next] = await Promise.all([
      upload(app.strapi.server.httpServer, adminToken, corpus(30)).expect(202),
      upload(app.strapi.server.httpServer, adminToken, corpus(30)).expect(202),
    ]);
    const ids = [first.body.data.id as string, next.body.data.id as string];
    const finished = await Promise.all(ids.map((id) => waitForJob(secondReader, id)));
    expect(finished.map(({ job }) => ({ status: job.status, done: job.pagesDone, attempts: job.attempts }))).toEqual([
      { status: 'done', done: 30, attempts: 1 },
      { status: 'done', done: 30, attempts: 1 },
    ]);
    // Each server runs one job at a time, so the queue gave the second job to the other server.
    expect(new Set(finished.map(({ job }) => job.runner)).size).toBe(2);
    // Every page is in the database once: as an article of its own, or (generated pages can be near
    // copies of each other) matched to one an earlier page brought in.
    const articles = finished.map(({ job }) => job.report?.summary.records.articles);
    expect(articles.map((counts) => (counts?.created ?? 0) + (counts?.updated ?? 0) + (counts?.unchanged ?? 0))).toEqual([30, 30]);
    expect(await draftArticles(app.database)).toBe(articles.reduce((sum, counts) => sum + (counts?.created ?? 0), 0));
    expect(await duplicateDrafts(app.database)).toBe(0);
    const listed = await request(secondReader.server).get('/newsroom-import/jobs').set('Authorization', `Bearer ${secondReader.token}`).expect(200);
    expect((listed.body.data as ImportJob[]).map((job) => job.id).sort()).toEqual([...ids].sort());
    // The queue is BullMQ's, under this deployment's prefix: both jobs went through it.
    const { Queue } = await import('bullmq');
    const { default: Redis } = await import('ioredis');
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('newsroom-import', { connection, prefix: shared.IMPORT_QUEUE_PREFIX });
    try {
      const completed = await queue.getJobs(['completed']);
      expect(completed.map((job) => (job.data as { id: string }).id).sort()).toEqual([...ids].sort());
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    }
  });
});
