import { spawn, spawnSync, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, freePort, launchBrowser, screenshot, startServer, type RunningServer } from '../helpers/browser';
import { ARTICLE, seedNewsroom, type Seeded } from '../helpers/seed';
import { createTestDatabase, startStrapi, useTestEnvironment, type TestDatabase } from '../helpers/strapi';
import { closeStrapi } from '../../src/database/close';

/**
 * The example site (examples/site) as a reader meets it: built with its generated types, run against
 * a real seeded Strapi, read in Chromium; then an editor publishes a change and Strapi's webhook
 * makes the site show it.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SITE = path.join(ROOT, 'examples', 'site');
const SECRET = crypto.randomBytes(24).toString('hex');
// The published article's title as tests/helpers/seed.ts writes it.
const SEEDED_TITLE = '海川市青年企业家商会举行助学捐赠仪式';
const NEW_TITLE = '海川市青年企业家商会助学捐赠仪式圆满举行';

let server: (RunningServer & { database: TestDatabase }) | undefined;
let site: ChildProcess | undefined;
let siteUrl: string;
let seeded: Seeded;
let adminToken: string;
let browser: Browser;
let page: Page;

/** Seeds the newsroom in-process, then hands the same database to a `strapi start` server. */
const seedAndServe = async (): Promise<void> => {
  useTestEnvironment();
  const database = await createTestDatabase();
  const seeding = await startStrapi(database);
  seeded = await seedNewsroom(seeding.strapi);
  await closeStrapi(seeding.strapi);
  server = await startServer(database);
};

const buildSite = (strapiUrl: string): void => {
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: SITE,
    env: { ...process.env, STRAPI_URL: strapiUrl, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`the example site did not build (exit ${result.status})`);
};

const startSite = async (strapiUrl: string): Promise<void> => {
  const port = await freePort();
  site = spawn(process.execPath, [path.join(SITE, 'dist', 'server', 'entry.mjs')], {
    cwd: SITE,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), STRAPI_URL: strapiUrl, REVALIDATE_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  siteUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (site.exitCode !== null) throw new Error(`the example site exited with ${site.exitCode}`);
    try {
      await fetch(`${siteUrl}/api/revalidate`, { method: 'GET' });
      return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the example site did not start listening');
};

const admin = async (method: string, route: string, body?: unknown): Promise<Record<string, any>> => {
  if (server === undefined) throw new Error('no server');
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(adminToken === undefined ? {} : { Authorization: `Bearer ${adminToken}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, any>;
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
};

/** What a reader sees of a page: its status, the site's page-cache header and the text. */
const visit = async (route: string): Promise<{ status: number; cache: string | undefined }> => {
  const response = await page.goto(`${siteUrl}${route}`);
  if (response === null) throw new Error(`no response for ${route}`);
  return { status: response.status(), cache: (await response.allHeaders())['x-page-cache'] };
};

const texts = (testId: string): Promise<string[]> => page.getByTestId(testId).allInnerTexts();

beforeAll(async () => {
  await seedAndServe();
  if (server === undefined) throw new Error('no server');
  buildSite(server.url);
  await startSite(server.url);
  adminToken = (await admin('POST', '/admin/login', ADMIN)).data.token;
  // The webhook an editor sets up under Settings → Webhooks, as the site's README describes.
  await admin('POST', '/admin/webhooks', {
    name: 'example site',
    url: `${siteUrl}/api/revalidate`,
    headers: { 'X-Revalidate-Secret': SECRET },
    events: ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish'],
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
});

afterAll(async () => {
  await browser?.close();
  if (site !== undefined && site.exitCode === null) {
    site.kill('SIGTERM');
    await new Promise((resolve) => site?.once('exit', resolve));
  }
  await server?.stop();
});

describe('the example site, built from GraphQL with the generated types', () => {
  test('lists the latest published articles on the home page, and no drafts', async () => {
    expect((await visit('/')).status).toBe(200);
    const links = await page.locator('main li h2 a').allInnerTexts();
    expect(links).toEqual([SEEDED_TITLE]);
    await screenshot(page, 'site-01-home');
  });

  test('shows an article with its source, body, quotes with their speaker, and the people mentioned with their positions', async () => {
    expect((await visit(`/articles/${seeded.articleSlug}`)).status).toBe(200);
    expect(await page.getByTestId('title').innerText()).toBe(SEEDED_TITLE);
    expect(await page.getByTestId('source').innerText()).toContain('海川商会网');
    await page.getByText('商会会员踊跃捐款。').waitFor();
    await page.getByRole('heading', { name: '捐赠仪式', exact: true }).waitFor();
    // The rich text body in reading order: a paragraph, a heading and a photo caption in italics.
    expect(await page.locator('article').locator('.body-text, h2').allInnerTexts()).toEqual(['商会会员踊跃捐款。', '捐赠仪式', '捐赠仪式现场']);
    expect(await page.locator('article .body-text em').allInnerTexts()).toEqual(['捐赠仪式现场']);
    expect((await texts('quotes'))[0]).toMatch(/助学是我们的责任。\s*—— 林若溪，常务副会长/);
    const person = page.getByTestId('person');
    expect(await person.locator('> a').allInnerTexts()).toEqual(['林若溪']);
    expect(await person.getByTestId('position').allInnerTexts()).toEqual(['海川市青年企业家商会 常务副会长', '海川远航科技有限公司 董事长']);
    expect(await page.getByTestId('organisations').locator('li').allInnerTexts()).toEqual(['海川市青年企业家商会', '海川远航科技有限公司']);
    await screenshot(page, 'site-02-article');
  });

  test('links from the article to the person page, which shows the positions and the article', async () => {
    await visit(`/articles/${seeded.articleSlug}`);
    await page.getByTestId('person').getByRole('link', { name: '林若溪' }).click();
    await page.waitForURL(`${siteUrl}/people/${seeded.person}`);
    expect(await page.getByTestId('name').innerText()).toBe('林若溪');
    expect(await page.getByTestId('position').allInnerTexts()).toEqual(['海川市青年企业家商会 常务副会长', '海川远航科技有限公司 董事长']);
    expect(await page.getByTestId('articles').locator('a').allInnerTexts()).toEqual([SEEDED_TITLE]);
    await screenshot(page, 'site-03-person');
  });

  test('shows an organisation with its people, their positions in it, and the articles that mention it', async () => {
    expect((await visit(`/organisations/${seeded.organisation}`)).status).toBe(200);
    expect(await page.getByTestId('name').innerText()).toBe('海川市青年企业家商会');
    expect(await page.getByTestId('person').allInnerTexts()).toEqual(['林若溪：常务副会长']);
    expect(await page.getByTestId('articles').locator('a').allInnerTexts()).toEqual([SEEDED_TITLE]);
    await screenshot(page, 'site-04-organisation');
  });

  test('finds the article and the person through the search page, with the words highlighted', async () => {
    await visit('/search');
    await page.getByRole('searchbox', { name: '搜索词' }).fill('助学捐赠');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=/);
    const hits = page.getByTestId('hit');
    expect(await hits.locator('h2 a').allInnerTexts()).toEqual([SEEDED_TITLE]);
    expect(await hits.locator('mark').count()).toBeGreaterThan(0);
    await visit(`/search?q=${encodeURIComponent('林若溪')}&type=person`);
    expect(await page.getByTestId('hit').locator('h2 a').allInnerTexts()).toEqual(['林若溪']);
    await screenshot(page, 'site-05-search');
  });

  test('answers 404 for an article the API does not have', async () => {
    expect((await visit('/articles/no-such-article')).status).toBe(404);
  });

  test('serves pages from its cache, which a revalidation call without the shared secret cannot purge', async () => {
    await visit(`/articles/${seeded.articleSlug}`);
    expect((await visit(`/articles/${seeded.articleSlug}`)).cache).toBe('hit');
    const forged = await fetch(`${siteUrl}/api/revalidate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Revalidate-Secret': 'guessed' },
      body: JSON.stringify({ event: 'entry.publish', uid: ARTICLE, entry: { documentId: seeded.article } }),
    });
    expect(forged.status).toBe(401);
    expect((await visit(`/articles/${seeded.articleSlug}`)).cache).toBe('hit');
  });

  test('shows an edit published in Strapi once Strapi’s webhook reaches the site, on the article and the home page', async () => {
    // Both pages in the site's cache first, whatever ran before.
    await visit(`/articles/${seeded.articleSlug}`);
    await visit('/');
    expect((await visit(`/articles/${seeded.articleSlug}`)).cache).toBe('hit');
    expect((await visit('/')).cache).toBe('hit');
    const route = `/content-manager/collection-types/${ARTICLE}/${seeded.article}`;
    const publishTitle = async (title: string) => {
      await admin('PUT', `${route}?locale=zh-Hans`, { title });
      await admin('POST', `${route}/actions/publish?locale=zh-Hans`, {});
    };
    // Strapi sends webhooks from a queue after the request; poll a bounded number of times.
    const articleTitleBecomes = async (wanted: string): Promise<string> => {
      let title = '';
      for (let attempt = 0; attempt < 100 && title !== wanted; attempt += 1) {
        await visit(`/articles/${seeded.articleSlug}`);
        title = await page.getByTestId('title').innerText();
        if (title !== wanted) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return title;
    };
    await publishTitle(NEW_TITLE);
    try {
      expect(await articleTitleBecomes(NEW_TITLE)).toBe(NEW_TITLE);
      expect(await page.getByTestId('position').allInnerTexts()).toEqual(['海川市青年企业家商会 常务副会长', '海川远航科技有限公司 董事长']);
      await visit('/');
      expect(await page.locator('main li h2 a').allInnerTexts()).toEqual([NEW_TITLE]);
      await screenshot(page, 'site-06-revalidated');
    } finally {
      // The other tests read the seeded title: the edit is published back, and reaches the site too.
      await publishTitle(SEEDED_TITLE);
    }
    expect(await articleTitleBecomes(SEEDED_TITLE)).toBe(SEEDED_TITLE);
  });
});
