import path from 'path';
import { createApiToken, startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { waitForJob } from '../helpers/import-jobs';
import type { workerAnalyser as WorkerAnalyser } from '../../src/import/analyser';
import { heavyHtmlPage, nestedDivPage, oneLineTextPage, ordinaryTextPage } from '../fixtures/hostile/pages';
import { ARTICLE } from '../../src/content-types';

// The worker thread runs compiled code: the analyser from dist/, as the server runs it.
const { workerAnalyser } = require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'import', 'analyser.js')) as { workerAnalyser: typeof WorkerAnalyser };

const MB = 1024 * 1024;

let app: TestApp;
let adminToken: string;

type DocumentEntry = { file: string; status: string; error?: string; article?: { title: string } };

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
});

afterAll(async () => {
  await app?.stop();
});

const upload = (path: string, token: string) => rest(app.strapi).post(path).set('Authorization', `Bearer ${token}`);

const byFile = (documents: DocumentEntry[]) => new Map(documents.map((doc) => [doc.file, doc]));

describe('hostile pages uploaded with good ones', () => {
  test('the good page is imported and each hostile one is reported with its reason', async () => {
    const response = await upload('/newsroom-import/run', adminToken)
      .attach('files', Buffer.from(ordinaryTextPage('碧水市青年商会举办公益助学活动')), 'good.txt')
      .attach('files', Buffer.from(nestedDivPage(20_000)), 'nested.html')
      .attach('files', Buffer.from(oneLineTextPage(6 * MB)), 'one-line.txt')
      .expect(202);
    const { job } = await waitForJob({ server: app.strapi.server.httpServer, token: adminToken }, response.body.data.id);
    const report = job.report as NonNullable<typeof job.report>;
    const documents = byFile(report.documents as unknown as DocumentEntry[]);
    expect(documents.get('good.txt')?.status).toBe('ok');
    expect(documents.get('nested.html')).toMatchObject({ status: 'failed', error: expect.stringMatching(/nests elements more than \d+ deep/) });
    expect(documents.get('one-line.txt')).toMatchObject({ status: 'failed', error: expect.stringMatching(/over the \d+ limit for one article/) });
    expect(report.summary).toMatchObject({ documents: 3, ok: 1, failed: 2 });
    expect(job).toMatchObject({ status: 'done', pagesDone: 3, pagesFailed: 2 });
    const drafts = await app.strapi.documents(ARTICLE).findMany({ status: 'draft', locale: 'zh-Hans' });
    expect(drafts.map((article) => article.title)).toEqual(['碧水市青年商会举办公益助学活动']);
  });

  test('an API token gets the same containment on the dry run', async () => {
    const token = await createApiToken(app.strapi, 'custom', ['api::newsroom-import.newsroom-import.analyse']);
    const response = await upload('/api/newsroom-import/analyse', token)
      .attach('files', Buffer.from(nestedDivPage(20_000)), 'nested.html')
      .attach('files', Buffer.from(ordinaryTextPage('石桥县工商联召开执委会议')), 'good.txt')
      .expect(200);
    const documents = byFile(response.body.documents);
    expect(documents.get('good.txt')).toMatchObject({ status: 'ok', article: { title: '石桥县工商联召开执委会议' } });
    expect(documents.get('nested.html')?.status).toBe('failed');
  });
});

describe('readers during an analysis', () => {
  /**
   * Readers keep being answered because the server analyses uploaded pages on a worker thread:
   * analysed on the server's event loop, every reader would wait for a page's whole analysis. The
   * test holds both without a stopwatch, which these shared machines make unreliable: readers are
   * answered again and again while three 1 MB pages are analysed, and not one analysis runs on the
   * server's thread (the compiled `analyse` the server would call there is counted).
   */
  test('GET /api/news-articles keeps answering while 1 MB pages are analysed, none of them on the server’s thread', async () => {
    const page = heavyHtmlPage(MB);
    expect(Buffer.byteLength(page)).toBeGreaterThanOrEqual(MB);
    // Compiled callers read the export at each call, so this counts every analysis on this thread.
    const compiled = require(path.resolve(__dirname, '..', '..', 'dist', 'src', 'import', 'analyse.js')) as { analyse: (...args: unknown[]) => unknown };
    const original = compiled.analyse;
    let onServerThread = 0;
    compiled.analyse = (...args: unknown[]) => {
      onServerThread += 1;
      return original(...args);
    };
    try {
      // supertest starts and stops a server per request unless one listens: concurrent requests need it listening.
      const server = app.strapi.server.httpServer;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      await rest(app.strapi).get('/api/news-articles').expect(200);
      let done = false;
      const analysis = upload('/newsroom-import/analyse', adminToken)
        .attach('files', Buffer.from(page), 'heavy-1.html')
        .attach('files', Buffer.from(page), 'heavy-2.html')
        .attach('files', Buffer.from(page), 'heavy-3.html')
        .then((response) => {
          done = true;
          return response;
        });
      let answered = 0;
      while (!done) {
        await rest(app.strapi).get('/api/news-articles').expect(200);
        answered += 1;
      }
      const response = await analysis;
      expect(response.status).toBe(200);
      expect(response.body.documents.map((doc: DocumentEntry) => doc.status)).toEqual(['ok', 'ok', 'ok']);
      expect(answered).toBeGreaterThanOrEqual(5);
      expect(onServerThread).toBe(0);
    } finally {
      compiled.analyse = original;
    }
  });
});

describe('a page that brings the analysis thread down', () => {
  test('fails alone: the pages queued behind it are analysed on a new thread', async () => {
    // A thread with a heap far too small for a 6 MB page: the page really runs it out of memory.
    // Ordinary pages need room for the extraction's dictionaries (opencc-js, the division gazetteer),
    // about 15 MB of heap; measured on this build, 16–20 MB runs them and not the 6 MB page.
    const analyser = workerAnalyser({ maxOldGenerationSizeMb: 18, stackSizeMb: 4 });
    try {
      const results = await Promise.all([
        analyser.analyse({ file: 'before.txt', bytes: Buffer.from(ordinaryTextPage('临溪市工商联召开常委会议')) }),
        analyser.analyse({ file: 'huge.txt', bytes: Buffer.from(oneLineTextPage(6 * MB)) }),
        analyser.analyse({ file: 'after.txt', bytes: Buffer.from(ordinaryTextPage('东莱市总商会召开会员大会')) }),
      ]);
      expect(results.map((result) => (result.ok ? result.value.parsed.title : result.problem.message))).toEqual([
        '临溪市工商联召开常委会议',
        expect.stringMatching(/^analysing the page stopped the analysis thread \(.+\); nothing was imported from it$/),
        '东莱市总商会召开会员大会',
      ]);
    } finally {
      await analyser.close();
    }
  });
});
