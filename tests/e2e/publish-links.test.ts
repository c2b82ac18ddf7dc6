import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, screenshot, startServer } from '../helpers/browser';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON } from '../../src/content-types';

/**
 * An editor with the interface in 简体中文 publishes an imported-style article whose persons,
 * organisations and initiatives are all drafts: the dialog says, in Chinese, that they are published
 * with it, and the public API then shows every link. Deleting an organisation the article still
 * mentions is refused on screen, in Chinese, with the references listed.
 */

const CM = '/admin/content-manager/collection-types';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let token: string;
let seeded: { parent: string; chamber: string; person: string; initiative: string; article: string };

const api = async (method: string, path: string, body?: unknown): Promise<Record<string, any>> => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text === '' ? {} : (JSON.parse(text) as Record<string, any>);
};

const connect = (documentId: string) => ({ connect: [{ documentId }] });

/** Drafts as an import without --publish leaves them, written through the admin's own endpoints. */
const seedDrafts = async () => {
  const create = async (uid: string, data: unknown, query = '') => (await api('POST', `/content-manager/collection-types/${uid}${query}`, data)).data.documentId as string;
  const parent = await create(ORGANISATION, { name: '某某市工商联', kind: 'federation_of_industry_and_commerce' });
  const chamber = await create(ORGANISATION, { name: '某某商会', kind: 'chamber_of_commerce', parent: connect(parent) });
  const person = await create(PERSON, { name: '张三', positions: [{ title: '副会长', organisation: connect(chamber) }] });
  const initiative = await create(INITIATIVE, { name: '某某助学行动', kind: 'donation', organisers: connect(chamber), people: connect(person) });
  const article = await create(
    ARTICLE,
    {
      title: '某某商会举行助学捐赠仪式',
      mentionedOrganisations: connect(chamber),
      mentionedPersons: connect(person),
      mentionedInitiatives: connect(initiative),
    },
    '?locale=zh-Hans'
  );
  return { parent, chamber, person, initiative, article };
};

beforeAll(async () => {
  server = await startServer();
  token = (await api('POST', '/admin/login', ADMIN)).data.token as string;
  // The editor's interface language, as chosen in their profile.
  await api('PUT', '/admin/users/me', { preferedLanguage: 'zh-Hans' });
  seeded = await seedDrafts();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  await context.addInitScript({ content: "window.localStorage.setItem('strapi-admin-language', 'zh-Hans');" });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
  await page.goto(`${server.url}/admin/auth/login`);
  await page.locator("input[name=email]").fill(ADMIN.email);
  await page.locator("input[name=password]").fill(ADMIN.password);
  await page.getByRole('button', { name: /log ?in|登录/i }).click();
  await page.waitForURL(/\/admin\/?$/);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const publicArticle = async () => {
  const response = await fetch(`${server.url}/api/news-articles/${seeded.article}?locale=zh-Hans`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('an editor working in 简体中文', () => {
  test('publishing an article with draft links says in Chinese that they are published with it, and the public API shows every link', async () => {
    expect((await publicArticle()).status).toBe(404);
    await page.goto(`${server.url}${CM}/${ARTICLE}/${seeded.article}?plugins[i18n][locale]=zh-Hans`);
    await page.getByRole('textbox', { name: /title/ }).waitFor();
    await page.getByRole('button', { name: '发布', exact: true }).click();

    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(/将与本条目一同发布/).waitFor();
    await screenshot(page, 'publish-links-01-dialog');
    expect(await dialog.textContent()).not.toMatch(/still in draft|will not be included/);
    await dialog.getByRole('button', { name: /连同关联记录一起发布|^发布$/ }).click();
    await page.getByText(/已发布|Published/).first().waitFor();
    await screenshot(page, 'publish-links-02-published');

    const { status, body } = await publicArticle();
    expect(status).toBe(200);
    expect(body.data.mentionedOrganisations.map((o: { name: string }) => o.name)).toEqual(['某某商会']);
    expect(body.data.mentionedPersons.map((p: { name: string }) => p.name)).toEqual(['张三']);
    expect(body.data.mentionedPersons[0].positions[0].organisation.name).toBe('某某商会');
    expect(body.data.mentionedInitiatives.map((i: { name: string }) => i.name)).toEqual(['某某助学行动']);
    const chamber = await fetch(`${server.url}/api/organisations/${seeded.chamber}?populate[parent][fields][0]=name`);
    expect(((await chamber.json()) as Record<string, any>).data.parent.name).toBe('某某市工商联');
  });

  test('deleting an organisation the article still mentions is refused on screen, in Chinese, with the references', async () => {
    await page.goto(`${server.url}${CM}/${ORGANISATION}/${seeded.chamber}`);
    await page.getByRole('textbox', { name: /name/ }).first().waitFor();
    await page.getByRole('button', { name: /更多|More actions/ }).click();
    await page.getByRole('menuitem', { name: /删除|Delete/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: /确认|Confirm/ }).click();

    const refusal = page.getByText(/仍被引用/).first();
    await refusal.waitFor();
    await screenshot(page, 'publish-links-03-delete-refused');
    const text = await refusal.textContent();
    expect(text).toContain('1 个职务（人物 张三 的 副会长）');
    expect(text).toContain('1 篇提及它的文章（《某某商会举行助学捐赠仪式》）');
    expect(text).toContain('请先合并到另一条记录');
    expect((await api('GET', `/content-manager/collection-types/${ORGANISATION}/${seeded.chamber}`)).data.name).toBe('某某商会');
  });

  test('a bulk delete in the list that includes a referenced organisation is refused on screen with the reason', async () => {
    await page.goto(`${server.url}${CM}/${ORGANISATION}`);
    const row = page.getByRole('row', { name: /某某商会/ });
    await row.getByRole('checkbox').check();
    await screenshot(page, 'publish-links-04-bulk-selected');
    await page.getByRole('button', { name: /删除|Delete/ }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: /确认|Confirm/ }).click();

    await page.getByText(/仍被引用/).first().waitFor();
    await screenshot(page, 'publish-links-05-bulk-delete-refused');
    expect((await api('GET', `/content-manager/collection-types/${ORGANISATION}/${seeded.chamber}`)).data.name).toBe('某某商会');
  });
});
