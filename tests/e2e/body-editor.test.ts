import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, screenshot, startServer, type RunningServer } from '../helpers/browser';
import { ARTICLE } from '../helpers/seed';
import { createTestDatabase, startStrapi, useTestEnvironment, type TestDatabase } from '../helpers/strapi';
import { blocksText } from '../../src/body/blocks';
import { closeStrapi } from '../../src/database/close';

/**
 * The article body as an editor reads and writes it in the admin: one continuous rich text editor
 * with every paragraph, heading and caption open on the page, in order, and text typed into it is
 * what the public API then serves.
 */

const TITLE = '某某商会举行新春团拜会';
const PARAGRAPHS = ['某某商会举行新春团拜会，会员代表百余人参加。', '会长张三回顾了一年来的工作。', '副会长李四主持会议。'];

let server: (RunningServer & { database: TestDatabase }) | undefined;
let browser: Browser;
let page: Page;
let documentId: string;

const text = (value: string) => [{ type: 'text', text: value }];

beforeAll(async () => {
  useTestEnvironment();
  const database = await createTestDatabase();
  const seeding = await startStrapi(database);
  const article = await seeding.strapi.documents(ARTICLE).create({
    locale: 'zh-Hans',
    status: 'published',
    data: {
      title: TITLE,
      body: [
        { type: 'paragraph', children: text(PARAGRAPHS[0]) },
        { type: 'heading', level: 2, children: text('回顾与展望') },
        { type: 'paragraph', children: text(PARAGRAPHS[1]) },
        { type: 'paragraph', children: [{ type: 'text', text: '团拜会现场', italic: true }] },
        { type: 'paragraph', children: text(PARAGRAPHS[2]) },
      ] as never,
    },
  });
  documentId = article.documentId;
  await closeStrapi(seeding.strapi);
  server = await startServer(database);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an editor reads the whole body in one editor, in order, types a new paragraph into it, and the public API serves it', async () => {
  const url = server?.url as string;
  await page.goto(`${url}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(ADMIN.email);
  await page.getByLabel(/password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /log ?in/i }).click();
  await page.waitForURL(/\/admin\/?$/);
  await page.goto(`${url}/admin/content-manager/collection-types/${ARTICLE}/${documentId}?plugins[i18n][locale]=zh-Hans`);

  // One editor, everything in it visible without opening anything, in reading order.
  await page.getByText('正文 (body)', { exact: true }).waitFor();
  const editor = page.locator('[contenteditable="true"]').filter({ hasText: PARAGRAPHS[0] });
  await editor.waitFor();
  expect(await page.locator('[contenteditable="true"]').filter({ hasText: PARAGRAPHS[2] }).count()).toBe(1);
  expect(await editor.locator('p, h2').allInnerTexts()).toEqual([PARAGRAPHS[0], '回顾与展望', PARAGRAPHS[1], '团拜会现场', PARAGRAPHS[2]]);
  await editor.getByRole('heading', { name: '回顾与展望' }).waitFor();
  // The photo caption line is in italics.
  expect(await editor.getByText('团拜会现场', { exact: true }).evaluate((element) => (globalThis as unknown as { getComputedStyle: (node: unknown) => { fontStyle: string } }).getComputedStyle(element).fontStyle)).toBe('italic');
  await screenshot(page, 'body-01-editor');

  // A new paragraph: Enter where the editor clicked (mid-line) splits the last paragraph there.
  await editor.getByText(PARAGRAPHS[2]).click();
  await page.keyboard.press('Enter');
  await page.keyboard.type('大家表示将继续支持商会工作。');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/Saved document|Saved/).first().waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText(/Published document|Published/).first().waitFor();
  await screenshot(page, 'body-02-published');

  const response = await fetch(`${url}/api/news-articles/${documentId}`);
  const body = ((await response.json()) as { data: { body: unknown } }).data.body;
  const texts = blocksText(body);
  expect(texts.slice(0, 4)).toEqual([PARAGRAPHS[0], '回顾与展望', PARAGRAPHS[1], '团拜会现场']);
  expect(texts).toHaveLength(6);
  expect(texts[5]).toMatch(/^大家表示将继续支持商会工作。/);
  expect(texts.slice(4).join('').replace('大家表示将继续支持商会工作。', '')).toBe(PARAGRAPHS[2]);
});
