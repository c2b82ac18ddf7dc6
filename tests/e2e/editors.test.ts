import os from 'os';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, screenshot, startServer } from '../helpers/browser';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLE = path.join(ROOT, 'data', 'documents', '002_ce4251d4c8a5f3e5.txt');
const CM = '/admin/content-manager/collection-types';

let server: Awaited<ReturnType<typeof startServer>> | null = null;
let baseUrl: string;
let browser: Browser;
let page: Page;
let articleId: string;

/** Takes or frees the import lock in the server's database, as another import would. */
const setImportLock = (holder: { holder: string; pid: number } | null): void => {
  if (server === null) throw new Error('the import lock can only be set on a server this test started');
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(server.database.describe);
  try {
    const now = Date.now();
    const row =
      holder === null
        ? { token: null, holder: null, host: null, pid: null, started_at: null, heartbeat_at: null }
        : { token: 'e2e', holder: holder.holder, host: os.hostname(), pid: holder.pid, started_at: now, heartbeat_at: now };
    db.prepare('update newsroom_import_lock set token = @token, holder = @holder, host = @host, pid = @pid, started_at = @started_at, heartbeat_at = @heartbeat_at where id = 1').run(row);
  } finally {
    db.close();
  }
};

const graphql = async (query: string): Promise<Record<string, any>> => {
  const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as Record<string, any>;
};

const dismissGuidedTour = async () => {
  const tourButton = page.getByRole('button', { name: /^Skip$/ });
  if ((await tourButton.count()) > 0 && (await tourButton.first().isVisible())) await tourButton.first().click();
};

const openCreate = async (uid: string) => {
  await page.goto(`${baseUrl}${CM}/${uid}/create`);
  await page.getByRole('heading', { name: 'Create an entry' }).waitFor();
  await dismissGuidedTour();
};

const pickRelation = async (label: string, text: string) => {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  await box.fill(text);
  await page.getByRole('option', { name: new RegExp(text) }).first().click();
};

const saveAndPublish = async (publish: boolean) => {
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText(/Saved document|Saved/).first().waitFor();
  if (publish) {
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published document|Published/).first().waitFor();
  }
};

beforeAll(async () => {
  if (process.env.E2E_URL === undefined) {
    server = await startServer();
    baseUrl = server.url;
  } else {
    baseUrl = process.env.E2E_URL;
  }
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an editor in the admin panel', () => {
  /** Logs in. */
  const logIn = async (): Promise<void> => {
    await page.goto(`${baseUrl}/admin/auth/login`);
    await page.getByLabel(/email/i).fill(ADMIN.email);
    await page.getByLabel(/password/i).fill(ADMIN.password);
    await page.getByRole('button', { name: /log ?in/i }).click();
    await page.waitForURL(/\/admin\/?$/);
    await screenshot(page, '01-home');
  };

  /** Creates an organisation, a person with a position in it, and an initiative it organises. */
  const createRecords = async (): Promise<void> => {
    await openCreate('api::organisation.organisation');
    await page.getByRole('textbox', { name: '全称 (name)' }).fill('海川市青年企业家商会');
    await saveAndPublish(true);

    await openCreate('api::person.person');
    await page.getByRole('textbox', { name: '姓名 (name)' }).fill('林若溪');
    await page.getByRole('button', { name: /No entry yet/ }).click();
    await page.getByRole('textbox', { name: '职务 (title)' }).fill('常务副会长');
    await pickRelation('所在机构 (organisation)', '海川市青年企业家商会');
    await saveAndPublish(true);
    await screenshot(page, '02-person');

    await openCreate('api::initiative.initiative');
    await page.getByRole('textbox', { name: '名称 (name)' }).fill('青商助学行动');
    await pickRelation('主办机构 (organisers)', '海川市青年企业家商会');
    await saveAndPublish(true);

    const organisation = await graphql('{ organisations { name people { name } organisedInitiatives { name } } }');
    expect(organisation.data.organisations).toEqual([{ name: '海川市青年企业家商会', people: [{ name: '林若溪' }], organisedInitiatives: [{ name: '青商助学行动' }] }]);
  };

  /** Writes an article that links all three; as a draft anonymous GraphQL does not see it, once published it does, with its links. */
  const writeAndPublishArticle = async (): Promise<void> => {
    await openCreate('api::news-article.news-article');
    await page.getByRole('textbox', { name: '标题 (title)' }).fill('海川青商会启动助学行动');
    await pickRelation('提及的机构 (organisations)', '海川市青年企业家商会');
    await pickRelation('提及的人物 (persons)', '林若溪');
    await pickRelation('提及的活动/项目 (initiatives)', '青商助学行动');
    await saveAndPublish(false);
    await screenshot(page, '03-article-draft');
    articleId = decodeURIComponent(page.url()).split('api::news-article.news-article/')[1].split(/[?/]/)[0];
    expect((await graphql('{ newsArticles { title } }')).data.newsArticles).toEqual([]);
    expect((await graphql('{ newsArticles(status: DRAFT) { title } }')).data.newsArticles).toEqual([]);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published document|Published/).first().waitFor();
    const published = await graphql('{ newsArticles { title slug mentionedOrganisations { name } mentionedPersons { name positions { title } } mentionedInitiatives { name } } }');
    expect(published.data.newsArticles).toEqual([
      {
        title: '海川青商会启动助学行动',
        slug: 'hai-chuan-qing-shang-hui-qi-dong-zhu-xue-xing-dong',
        mentionedOrganisations: [{ name: '海川市青年企业家商会' }],
        mentionedPersons: [{ name: '林若溪', positions: [{ title: '常务副会长' }] }],
        mentionedInitiatives: [{ name: '青商助学行动' }],
      },
    ]);
  };

  /** Adds the English version, which keeps the links. */
  const addEnglishVersion = async (): Promise<void> => {
    await page.goto(`${baseUrl}${CM}/api::news-article.news-article/${articleId}?plugins[i18n][locale]=en`);
    await page.getByRole('textbox', { name: '标题 (title)' }).fill('Haichuan young entrepreneurs launch a school-aid drive');
    await saveAndPublish(true);
    await screenshot(page, '04-article-en');
    const english = await graphql('{ newsArticles(locale: "en") { title mentionedOrganisations { name } mentionedPersons { name } mentionedInitiatives { name } } }');
    expect(english.data.newsArticles).toEqual([
      {
        title: 'Haichuan young entrepreneurs launch a school-aid drive',
        mentionedOrganisations: [{ name: '海川市青年企业家商会' }],
        mentionedPersons: [{ name: '林若溪' }],
        mentionedInitiatives: [{ name: '青商助学行动' }],
      },
    ]);
  };

  /**
   * Imports a page through the Import page while another import holds the database: the import
   * becomes a job that says what it waits for, runs once the other is over, and shows its report;
   * the editor who comes back to the page finds it among the recent imports. Then the article is in the list.
   */
  const importThroughImportPage = async (): Promise<void> => {
    await page.goto(`${baseUrl}/admin/newsroom-import`);
    await page.locator('input[type=file]').setInputFiles([SAMPLE]);
    await page.getByRole('button', { name: /Show the plan/ }).click();
    await page.getByText(/Plan \(nothing written yet\)/).waitFor();
    await screenshot(page, '05-import-plan');

    // Another import (a live process on this host, beating its heart) holds the database's import lock.
    setImportLock({ holder: '值班编辑 duty-editor@example.org', pid: process.pid });
    await page.getByRole('button', { name: /· Import$/ }).click();
    const panel = page.getByTestId('import-job');
    await panel.getByText(/正在等待另一个导入结束 · Waiting for the import started at .+ UTC by 值班编辑 duty-editor@example\.org/).waitFor({ timeout: 30000 });
    expect(await panel.getByTestId('import-job-progress').textContent()).toMatch(/^0 \/ 1$/);
    await screenshot(page, '05b-import-waiting');
    setImportLock(null);

    await panel.getByText(/^导入完成 · Imported/).waitFor({ timeout: 120000 });
    expect(await panel.getByTestId('import-job-status').getAttribute('data-status')).toBe('done');
    expect(await panel.getByTestId('import-job-progress').textContent()).toMatch(/^1 \/ 1$/);
    await screenshot(page, '05c-import-done');

    await page.reload();
    const recent = page.getByTestId('import-jobs');
    await recent.getByText('已完成 · Done').first().waitFor();
    expect(await recent.textContent()).toContain(`${ADMIN.email} (admin panel)`);

    await page.goto(`${baseUrl}${CM}/api::news-article.news-article?plugins[i18n][locale]=zh-Hans`);
    await dismissGuidedTour();
    await page.getByText('无锡市总商会党委提出“三加强”理念').first().waitFor();
    await screenshot(page, '06-article-list');
  };

  /** Switches the admin interface to Chinese. */
  const switchToChinese = async (): Promise<void> => {
    await page.goto(`${baseUrl}/admin/me`);
    await page.getByRole('combobox', { name: /Interface language/i }).click();
    await page.getByRole('option', { name: /中文|Chinese/ }).first().click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.reload();
    const language = page.getByRole('combobox', { name: '界面语言' });
    await language.waitFor();
    expect(await language.textContent()).toMatch(/中文/);
    await page.getByRole('button', { name: '保存' }).waitFor();
    await page.goto(`${baseUrl}${CM}/api::news-article.news-article?plugins[i18n][locale]=zh-Hans`);
    await page.getByText('无锡市总商会党委提出“三加强”理念').first().waitFor();
    await screenshot(page, '07-chinese');
    // What the editor sees: the page declares Chinese, and the list's controls that Strapi translates
    // are in Chinese (筛选器, 返回), not English (Filters, Back). Much of the rest is still English.
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-Hans');
    expect(await page.getByRole('button', { name: '筛选器' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Filters' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '返回' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Back' }).count()).toBe(0);
  };

  // One story: each step works on what the steps before it made, as an editor's day does, so the
  // steps run in this order in one test (jest --randomize shuffles tests, not the lines of one).
  test('an editor logs in, creates and links records, publishes, translates, imports and switches the admin to Chinese', async () => {
    await logIn();
    await createRecords();
    await writeAndPublishArticle();
    await addEnglishVersion();
    await importThroughImportPage();
    await switchToChinese();
  });
});
