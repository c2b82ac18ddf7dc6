import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, screenshot, startServer } from '../helpers/browser';
import { namesakePages, page as newsPage, undatedVisits } from '../helpers/review-pages';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let pages: string[];
let laterPages: string[];

/** Rows of the server's SQLite database, read over a connection of its own. */
const query = <T>(sql: string, ...params: unknown[]): T[] => {
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(server.database.describe, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
};

const dismissGuidedTour = async () => {
  const tourButton = page.getByRole('button', { name: /^(Skip|跳过)$/ });
  if ((await tourButton.count()) > 0 && (await tourButton.first().isVisible())) await tourButton.first().click();
};

beforeAll(async () => {
  server = await startServer();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'review-e2e-'));
  const files = {
    ...namesakePages('e2e', '孙明远', '2025-03-02'),
    'e2e-3.html': newsPage({ title: '青禾市茶叶协会举办春茶品鉴会', url: 'https://news.example.org/e2e/3.html', source: '青禾市茶叶协会', date: null, paragraphs: ['青禾市茶叶协会近日举办春茶品鉴会，五十余家会员企业参加。'] }),
  };
  pages = Object.entries(files).map(([name, text]) => {
    const file = path.join(directory, name);
    fs.writeFileSync(file, text);
    return file;
  });
  // A later import of 21 more pages without a date: the queue then runs to a second page.
  const later = fs.mkdtempSync(path.join(os.tmpdir(), 'review-e2e-later-'));
  laterPages = Object.entries(undatedVisits('later', 21)).map(([name, text]) => {
    const file = path.join(later, name);
    fs.writeFileSync(file, text);
    return file;
  });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  // The editor works with the interface in 中文.
  await context.addInitScript("window.localStorage.setItem('strapi-admin-language', 'zh-Hans')");
  page = await context.newPage();
  page.setDefaultTimeout(30000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an editor works through the review queue', () => {
  const logIn = async () => {
    await page.goto(`${server.url}/admin/auth/login`);
    await page.locator('input[name=email]').fill(ADMIN.email);
    await page.locator('input[name=password]').fill(ADMIN.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/admin\/?$/);
  };

  /** Imports the pages from the Import page: 确认导入 stays disabled until the plan is on screen; the result links to the records and the queue. */
  const importPages = async () => {
    await page.goto(`${server.url}/admin/newsroom-import`);
    const confirm = page.getByRole('button', { name: /确认导入/ });
    await confirm.waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await page.locator('input[type=file]').setInputFiles(pages);
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByRole('button', { name: /查看导入计划/ }).click();
    await page.getByText(/导入计划（尚未写入）/).waitFor();
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await page.getByText(/^导入完成 · Imported/).waitFor({ timeout: 120000 });
    const articleLink = page.getByRole('link', { name: /青禾市茶叶协会举办春茶品鉴会/ });
    expect(await articleLink.getAttribute('href')).toMatch(/\/admin\/content-manager\/collection-types\/api::news-article\.news-article\/[a-z0-9]+\?plugins\[i18n\]\[locale\]=zh-Hans$/);
    await screenshot(page, 'review-01-import-links');
    await page.getByRole('link', { name: '查看待核对的内容' }).click();
    await page.waitForURL(/\/admin\/review-queue$/);
  };

  /** The two persons named 孙明远 of the imported pages: where each holds which post, and what their sentence highlights. */
  const NAMESAKES = [
    { post: '石桥县工商联 副主席', highlighted: ['石桥县工商联副主席', '石桥恒达纺织有限公司总经理孙明远'] },
    { post: '青禾市青年商会 副会长', highlighted: ['青禾市青年商会副会长', '青禾宏远建材有限公司董事长孙明远'] },
  ];

  /** The queue lists the namesake on the person, with the page's sentence highlighted; its link opens the person. */
  const followItem = async (): Promise<string> => {
    const item = page.getByTestId('review-item').filter({ hasText: '同名人物「孙明远」' });
    await item.waitFor();
    expect(await page.getByTestId('review-item').filter({ hasText: '原文没有日期' }).count()).toBe(1);
    // The namesake met second carries the flag; which page that is depends on the order the files arrive in.
    const link = item.getByRole('link', { name: /^孙明远 · / }).first();
    const label = (await link.textContent()) ?? '';
    const namesake = NAMESAKES.find((candidate) => label.includes(candidate.post));
    expect(namesake).toBeDefined();
    expect(await item.locator('mark').allTextContents()).toEqual(namesake?.highlighted);
    await screenshot(page, 'review-02-queue');
    await link.click();
    await page.waitForURL(/content-manager\/collection-types\/api::person\.person\/[a-z0-9]+/);
    await dismissGuidedTour();
    await page.getByRole('textbox', { name: '姓名 (name)' }).waitFor();
    expect(await page.getByRole('textbox', { name: '姓名 (name)' }).inputValue()).toBe('孙明远');
    await screenshot(page, 'review-03-person');
    return decodeURIComponent(page.url()).split('api::person.person/')[1].split(/[?/]/)[0];
  };

  /** Back in the queue, 已核对 clears the item and the person's 需要核对. */
  const resolveItem = async (personId: string) => {
    await page.goto(`${server.url}/admin/review-queue`);
    const item = page.getByTestId('review-item').filter({ hasText: '同名人物「孙明远」' });
    await item.getByRole('button', { name: '已核对', exact: true }).click();
    await page.getByText(/^已核对：孙明远/).waitFor();
    expect(await page.getByTestId('review-item').filter({ hasText: '同名人物「孙明远」' }).count()).toBe(0);
    expect(await page.getByTestId('review-item').filter({ hasText: '原文没有日期' }).count()).toBe(1);
    expect(query<{ needs_review: number }>('select needs_review from persons where document_id = ?', personId).every((row) => row.needs_review === 0)).toBe(true);
    await screenshot(page, 'review-04-resolved');
  };

  /** The two namesakes are told apart in the person list. */
  const namesakesInList = async () => {
    await page.goto(`${server.url}/admin/content-manager/collection-types/api::person.person`);
    await dismissGuidedTour();
    await page.getByText('孙明远 · 青禾市青年商会 副会长 · 青禾宏远建材有限公司 董事长').first().waitFor();
    await page.getByText('孙明远 · 石桥县工商联 副主席 · 石桥恒达纺织有限公司 总经理').first().waitFor();
    await screenshot(page, 'review-05-person-list');
  };

  /** An organisation's aliases are a list of names to add to, saved as a JSON list. */
  const addAlias = async () => {
    const [organisation] = query<{ document_id: string }>("select document_id from organisations where name = '石桥县工商联' and published_at is null");
    const [stored] = query<{ aliases: string | null }>('select aliases from organisations where document_id = ? and published_at is null', organisation.document_id);
    const before = (JSON.parse(stored.aliases ?? '[]') ?? []) as string[];
    await page.goto(`${server.url}/admin/content-manager/collection-types/api::organisation.organisation/${organisation.document_id}`);
    await dismissGuidedTour();
    const input = page.getByRole('textbox', { name: '新的简称或别名' });
    await input.fill('石桥工商联');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByText('石桥工商联', { exact: true }).waitFor();
    await screenshot(page, 'review-06-aliases');
    const save = page.getByRole('button', { name: /^(保存|Save)$/ });
    await save.click();
    await page.getByText('文档已保存').first().waitFor();
    const [row] = query<{ aliases: string | null }>('select aliases from organisations where document_id = ? and published_at is null', organisation.document_id);
    expect(JSON.parse(row.aliases ?? 'null')).toEqual([...before, '石桥工商联']);
  };

  /** After a larger import the queue comes a page at a time: the newest items first, the earlier ones a page further on. */
  const pageThroughQueue = async () => {
    await page.goto(`${server.url}/admin/newsroom-import`);
    await page.locator('input[type=file]').setInputFiles(laterPages);
    await page.getByRole('button', { name: /查看导入计划/ }).click();
    await page.getByText(/导入计划（尚未写入）/).waitFor();
    await page.getByRole('button', { name: /确认导入/ }).click();
    await page.getByText(/^导入完成 · Imported/).waitFor({ timeout: 120000 });
    await page.goto(`${server.url}/admin/review-queue`);
    const pager = page.getByTestId('review-pager');
    await pager.getByText('第 1 / 2 页').waitFor();
    expect(await page.getByTestId('review-item').count()).toBe(20);
    expect(await page.getByTestId('review-item').filter({ hasText: '青禾市茶叶协会举办春茶品鉴会' }).count()).toBe(0);
    expect(await pager.getByRole('button', { name: '上一页' }).isDisabled()).toBe(true);
    await screenshot(page, 'review-07-first-page');
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.getByText('第 2 / 2 页').waitFor();
    // The first import's undated article is older than all 21: it is on the second page.
    await page.getByTestId('review-item').filter({ hasText: '青禾市茶叶协会举办春茶品鉴会' }).waitFor();
    expect(await pager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await screenshot(page, 'review-08-second-page');
  };

  // One story, as an editor's morning goes: each step works on what the one before it left.
  test('imports pages, opens the queue from the results, follows an item to the person, resolves it, tells namesakes apart, adds an alias and pages through a longer queue', async () => {
    await logIn();
    await importPages();
    const personId = await followItem();
    await resolveItem(personId);
    await namesakesInList();
    await addAlias();
    await pageThroughQueue();
  });
});
