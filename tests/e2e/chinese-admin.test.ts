import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer } from '../helpers/browser';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON, seedNewsroom, type Seeded } from '../helpers/seed';
import { createTestDatabase, startStrapi, useTestEnvironment } from '../helpers/strapi';
import { createEditor } from '../../src/bootstrap/editors';
import { closeStrapi } from '../../src/database/close';

/**
 * An editor with the Editor role and the interface in 中文 walks the screens of a working day. Each
 * screen's visible text (document.body.innerText) must hold none of the English that Strapi or raw
 * schema names used to show there.
 */

const EDITOR = { email: 'li.si@example.org', password: 'Editor-E2E-2026', firstname: '李四' };
const CM = '/admin/content-manager/collection-types';

/** English an editor used to meet with the interface in 中文: Strapi's chrome, type names, raw field and enum names. */
const KNOWN_ENGLISH = [
  // Lists
  'entries found', 'entry found', 'Create new entry', 'Draft', 'Published', 'Modified', 'Available in', 'Status', 'Filters', 'Search',
  // Edit views, dialogs and toasts
  'Create an entry', 'Saved document', 'Published document', 'Are you sure', 'Confirm', 'Confirmation', 'Cancel', 'Delete', 'Save',
  'Publish', 'Unpublish', 'Edit', 'Entry', 'Created', 'Updated', 'No entry yet', 'Add an entry', 'Fill in from another locale',
  'Delete entry', 'Discard changes', 'More actions', 'Relations', 'Back', 'Home', 'Content Manager', 'Collection Types',
  'Publish without relations', 'linked entries', 'draft entry', 'draft entries', 'irreversible', 'Locale',
  // Type and component names
  'News article', 'News articles', 'Organisation', 'Person', 'Initiative', 'User', 'Money amount', 'Quote', 'Position', 'Source', 'Paragraph',
  // Raw field names
  'value', 'currency', 'approximate', 'text', 'speaker', 'speakerTitle', 'title', 'organisation', 'startDate', 'endDate', 'evidence',
  'publisherName', 'publisher', 'url', 'retrievedAt', 'metaTitle', 'metaDescription', 'shareImage', 'canonicalUrl', 'caption', 'sourceUrl',
  // Raw enum values
  'chamber_of_commerce', 'federation_of_industry_and_commerce', 'government_body', 'party_organisation', 'donation', 'company',
  'association', 'partnership', 'publication', 'training', 'campaign',
];

/** English that is right in a Chinese admin: abbreviations and codes. */
const ALLOWED = ['SEO', 'URL', 'ID', 'CNY', 'JSON', 'API'];

/**
 * The text a reader would count as English. A label like 币种 (currency) is Chinese with the field's
 * schema name as a hint for whoever configures the API, so a parenthesised Latin hint right after
 * Chinese text is not counted; neither are the allowed words.
 */
const englishIn = (text: string): string[] => {
  const withoutHints = text.replace(/([\u3400-\u9fff）])\s*\([A-Za-z][A-Za-z .,/&-]*\)/g, '$1');
  const withoutAllowed = ALLOWED.reduce((rest, word) => rest.replace(new RegExp(`\\b${word}\\b`, 'g'), ' '), withoutHints);
  return KNOWN_ENGLISH.filter((phrase) => new RegExp(`(^|[^A-Za-z_])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z_]|$)`).test(withoutAllowed));
};

let server: Awaited<ReturnType<typeof startServer>>;
let seeded: Seeded;
let browser: Browser;
let page: Page;
const found: Record<string, string[]> = {};
const otherEnglish: Record<string, string[]> = {};

/** Screenshots a screen and records the known English on it (all screens are checked before failing). */
const check = async (screen: string): Promise<void> => {
  await screenshot(page, `zh-${screen}`);
  const text = (await page.evaluate('document.body.innerText')) as string;
  found[screen] = englishIn(text);
  // For the closing note: other English phrases still on the screen (not a failure by themselves).
  otherEnglish[screen] = [...new Set(text.match(/[A-Za-z][A-Za-z']+(?: [A-Za-z][A-Za-z']+)+/g) ?? [])];
};

/**
 * Opens collapsed components and dynamic-zone blocks in the edit view. A group of repeatable
 * components keeps one item open at a time, so this opens the first closed one, a bounded number
 * of times, leaving the last opened item of each group open.
 */
const openComponents = async (): Promise<void> => {
  const closed = page.locator('main button[aria-expanded="false"][aria-controls]:not([aria-haspopup]):not([role="combobox"]):not([disabled])');
  for (let opened = 0; opened < 8 && (await closed.count()) > 0; opened += 1) await closed.first().click();
  // A relation picker's toggle looks the same; close any list it opened.
  await page.keyboard.press('Escape');
};

const openEditView = async (uid: string, documentId: string, locale = 'zh-Hans'): Promise<void> => {
  await page.goto(`${server.url}${CM}/${uid}/${documentId}?plugins[i18n][locale]=${locale}`);
  await page.getByRole('button', { name: '保存' }).waitFor();
};

/** A draft article linking a draft person, so publishing it asks for confirmation. */
const seedDraftLink = async (strapi: Parameters<typeof seedNewsroom>[0]): Promise<void> => {
  await strapi.documents(ARTICLE).update({ documentId: seeded.draftArticle, locale: 'zh-Hans', data: { mentionedPersons: [seeded.person, seeded.draftPerson] } });
};

beforeAll(async () => {
  useTestEnvironment();
  const database = await createTestDatabase();
  const seeding = await startStrapi(database);
  seeded = await seedNewsroom(seeding.strapi);
  await seedDraftLink(seeding.strapi);
  // The way an operator adds an editor (npm run editor:create): the Editor role, the admin in Chinese.
  await createEditor(seeding.strapi, EDITOR);
  await closeStrapi(seeding.strapi);
  server = await startServer(database);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an editor with the admin in 中文', () => {
  /** Logs in and lands on the news list, not on a developer dashboard. */
  const logIn = async (): Promise<void> => {
    await page.goto(`${server.url}/admin/auth/login`);
    await page.locator('input[name=email]').fill(EDITOR.email);
    await page.locator('input[name=password]').fill(EDITOR.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/admin\/content-manager\/collection-types\/api::news-article\.news-article/);
    await page.getByRole('heading', { name: '新闻' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-Hans');
  };

  /** The news list: Chinese chrome, and the status column inside a 1440 px window. */
  const newsList = async (): Promise<void> => {
    await page.getByText('海川市青年企业家商会举行助学捐赠仪式').first().waitFor();
    await check('01-news-list');
    // The status column lies inside the table's scroll area, not beyond its right edge.
    const status = page.locator('thead th').filter({ hasText: /^状态$/ });
    await status.waitFor();
    const overflow = (await page.evaluate(`(() => {
      const th = [...document.querySelectorAll('thead th')].find((cell) => cell.innerText.trim() === '状态');
      let box = th.parentElement;
      while (box !== null && !['auto', 'scroll', 'hidden'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      const area = (box ?? document.documentElement).getBoundingClientRect();
      return th.getBoundingClientRect().right - Math.min(area.right, window.innerWidth);
    })()`)) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    // The menu has no schema builder or marketplace for an editor.
    expect(await page.getByRole('link', { name: /Content-Type Builder|内容类型生成器|Marketplace|市场/ }).count()).toBe(0);
  };

  const articleEditView = async (): Promise<void> => {
    await openEditView(ARTICLE, seeded.article);
    await openComponents();
    await check('02-article-edit');
  };

  const personEditView = async (): Promise<void> => {
    await openEditView(PERSON, seeded.person);
    await openComponents();
    await page.getByText('常务副会长').first().waitFor();
    await check('03-person-edit');
  };

  const organisationViews = async (): Promise<void> => {
    await openEditView(ORGANISATION, seeded.organisation);
    await page.getByRole('combobox', { name: /类型/ }).click();
    await page.getByRole('option', { name: '工商联' }).waitFor();
    await check('04-organisation-edit-kinds');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}${CM}/${ORGANISATION}?plugins[i18n][locale]=zh-Hans`);
    await page.locator('td').filter({ hasText: /^商会$/ }).first().waitFor();
    await check('05-organisation-list');
  };

  const initiativeEditView = async (): Promise<void> => {
    await openEditView(INITIATIVE, seeded.initiative);
    await openComponents();
    await check('06-initiative-edit');
  };

  /** Saving shows the toast in Chinese. */
  const saveToast = async (): Promise<void> => {
    await openEditView(ARTICLE, seeded.article);
    await page.getByRole('textbox', { name: /摘要/ }).fill('商会会员踊跃捐款，共计51万余元。');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('文档已保存').first().waitFor();
    await check('07-saved-toast');
  };

  /** Publishing an article that links a draft asks first, in Chinese. */
  const publishConfirmation = async (): Promise<void> => {
    await openEditView(ARTICLE, seeded.draftArticle);
    await page.getByRole('button', { name: '发布' }).click();
    const dialog = page.locator('[role=dialog], [role=alertdialog]');
    await dialog.waitFor();
    await check('08-publish-confirmation');
    await dialog.getByRole('button', { name: '取消' }).click();
  };

  const deleteConfirmation = async (): Promise<void> => {
    await openEditView(ARTICLE, seeded.draftArticle);
    // Deleting sits in the header's menu (the panel's holds publish, unpublish and discard).
    await page.getByRole('button', { name: '更多操作', exact: true }).click();
    await page.getByText(/^删除条目/).first().click();
    const dialog = page.locator('[role=dialog], [role=alertdialog]');
    await dialog.waitFor();
    await check('09-delete-confirmation');
    await dialog.getByRole('button', { name: '取消' }).click();
  };

  /** The English version of a Chinese article offers to fill itself from the Chinese one. */
  const fillFromLocale = async (): Promise<void> => {
    await page.goto(`${server.url}${CM}/${ARTICLE}/${seeded.article}?plugins[i18n][locale]=en`);
    await page.getByRole('button', { name: '从另一个语言获取内容' }).click();
    const dialog = page.locator('[role=dialog], [role=alertdialog]');
    await dialog.waitFor();
    await check('10-fill-from-locale');
    await page.keyboard.press('Escape');
  };

  const importPage = async (): Promise<void> => {
    await page.goto(`${server.url}/admin/newsroom-import`);
    await page.getByRole('heading', { name: /导入网页/ }).waitFor();
    await check('11-import');
  };

  const home = async (): Promise<void> => {
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(/\/admin\/content-manager\/collection-types\/api::news-article\.news-article/);
    await page.goto(`${server.url}/admin/content-manager`);
    await page.waitForURL(/\/admin\/content-manager\/collection-types\/api::news-article\.news-article/);
    await page.getByRole('heading', { name: '新闻' }).waitFor();
  };

  // One walk through the day: the screens follow each other as the editor moves on.
  test('every screen of the walk is free of the known English', async () => {
    await logIn();
    await newsList();
    await articleEditView();
    await personEditView();
    await organisationViews();
    await initiativeEditView();
    await saveToast();
    await publishConfirmation();
    await deleteConfirmation();
    await fillFromLocale();
    await importPage();
    await home();
    process.stderr.write(`English phrases still visible (for review):\n${JSON.stringify(otherEnglish, null, 1)}\n`);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((screen) => [screen, []])));
  });
});
