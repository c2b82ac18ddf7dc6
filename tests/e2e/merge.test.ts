import type { Browser, Page } from 'playwright-core';
import { ADMIN, launchBrowser, screenshot, startServer } from '../helpers/browser';
import { ORGANISATION } from '../../src/content-types';

/**
 * An editor working in 简体中文 merges two organisations from the edit view: finds the duplicate,
 * keeps the record open, reads what moves, confirms, and sees the kept record with the other's
 * name among its aliases; readers see the person's position at the kept organisation. Names are invented.
 */

const CM = '/admin/content-manager/collection-types';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let token: string;

const api = async (method: string, path: string, body?: unknown): Promise<Record<string, any>> => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text === '' ? {} : (JSON.parse(text) as Record<string, any>);
};

/** Creates and publishes a record as the content manager does. */
const createPublished = async (uid: string, data: Record<string, unknown>): Promise<string> => {
  const created = await api('POST', `/content-manager/collection-types/${uid}`, data);
  const documentId = String(created.data.documentId);
  await api('POST', `/content-manager/collection-types/${uid}/${documentId}/actions/publish`, data);
  return documentId;
};

beforeAll(async () => {
  server = await startServer();
  const login = await fetch(`${server.url}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) });
  const body = (await login.json()) as { data: { token?: string; accessToken?: string } };
  token = String(body.data.token ?? body.data.accessToken);
  await api('PUT', '/admin/users/me', { preferedLanguage: 'zh-Hans' });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  // The admin reads the interface language from here before it asks the server.
  await context.addInitScript({ content: "window.localStorage.setItem('strapi-admin-language', 'zh-Hans');" });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('an editor merges a duplicate organisation into the one kept and sees its links and aliases move', async () => {
  const kept = await createPublished(ORGANISATION, { name: '某某市青年企业家商会', kind: 'chamber_of_commerce', aliases: ['青企商会'] });
  const duplicate = await createPublished(ORGANISATION, { name: '某某青商会', kind: 'other', region: '某某市' });
  const person = await createPublished('api::person.person', { name: '张三', positions: [{ title: '会长', organisation: { connect: [{ documentId: duplicate }] } }] });

  await page.goto(`${server.url}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(ADMIN.email);
  await page.locator('input[name="password"]').fill(ADMIN.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/admin\/?$/);

  await page.goto(`${server.url}${CM}/${ORGANISATION}/${kept}`);
  await page.getByRole('textbox', { name: /name/ }).first().waitFor();
  const tour = page.getByRole('button', { name: /^(Skip|跳过)$/ });
  if ((await tour.count()) > 0 && (await tour.first().isVisible())) await tour.first().click();
  // The header's menu (More actions), whichever language its label is in; the side panel's comes after it.
  await page.getByRole('button', { name: /^(More actions|更多.*)$/ }).first().click();
  await page.getByRole('menuitem', { name: '合并…' }).click();

  const dialog = page.getByRole('dialog', { name: '合并重复记录' });
  await dialog.getByRole('textbox', { name: '搜索另一条记录' }).fill('青商会');
  await dialog.getByRole('button', { name: /^某某青商会 ·/ }).click();
  await dialog.getByText('保留当前记录「某某市青年企业家商会」').waitFor();
  const preview = dialog.getByTestId('merge-preview');
  await preview.getByText('职务（在此机构任职的人物）').waitFor();
  await preview.getByText('人物', { exact: true }).waitFor();
  await preview.getByText('合并后的别名：青企商会、某某青商会').waitFor();
  await preview.getByText('保留的记录将补上这些空字段：地区').waitFor();
  await screenshot(page, 'merge-01-preview');

  // The page loads the kept record again once the merge is done.
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: '确认合并' }).click()]);
  expect(page.url()).toMatch(new RegExp(`${kept}$`));
  await dialog.waitFor({ state: 'detached' });
  // The form is filled once the record has loaded: the alias shows, and with it the region taken from the other record.
  await page.getByText('某某青商会', { exact: true }).waitFor();
  expect(await page.getByRole('textbox', { name: /region/ }).inputValue()).toBe('某某市');
  await screenshot(page, 'merge-02-kept');

  const published = await fetch(`${server.url}/api/organisations/${kept}`).then((response) => response.json() as Promise<{ data: Record<string, any> }>);
  expect(published.data.aliases).toEqual(['青企商会', '某某青商会']);
  expect(published.data.region).toBe('某某市');
  expect(published.data.people.map((entry: { name: string }) => entry.name)).toEqual(['张三']);
  const reader = await fetch(`${server.url}/api/people/${person}`).then((response) => response.json() as Promise<{ data: Record<string, any> }>);
  expect(reader.data.positions[0].organisation.name).toBe('某某市青年企业家商会');
  expect((await fetch(`${server.url}/api/organisations/${duplicate}`)).status).toBe(404);
});
