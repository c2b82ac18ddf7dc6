import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapiWithAdmin, type TestApp } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { ARTICLE, PERSON } from '../helpers/seed';
import { runImport } from '../helpers/importer';

/**
 * What a frontend reads of imported content besides the story: the seo component, persons' English
 * names, and an article in another locale falling back to the one it was written in. Invented pages.
 */

let app: TestApp;
let adminToken: string;
let pagesDirectory: string;

const BASE_URL = 'https://news.example.org/';

/**
 * Each test imports its own page, with its own title, chair and file, so a test that edits or
 * re-imports never changes what another test reads, in whatever order they run.
 */
type Assembly = { file: string; title: string; chair: string; attendance?: string };

const assemblyText = ({ title, chair, attendance = '120余' }: Assembly): string =>
  [
    title,
    '来源：临江商会网  日期：2024-05-20',
    '',
    `5月20日，${title.replace(/召开.*$/, '')}第三届会员大会在市民营经济服务中心召开，${attendance}名会员企业代表出席会议。`,
    '',
    `${title.replace(/召开.*$/, '')}会长${chair}主持会议并讲话。`,
    '',
    `${chair}表示：“新一届理事会将围绕服务会员的宗旨，带领企业家在产业升级中发挥更大作用。”`,
    '',
  ].join('\n');

const importPage = async (assembly: Assembly, text = assemblyText(assembly)) => {
  fs.writeFileSync(path.join(pagesDirectory, assembly.file), text);
  const report = await runImport({ paths: [path.join(pagesDirectory, assembly.file)], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, baseUrl: BASE_URL });
  expect(report.summary.failed).toBe(0);
  return report;
};

const admin = (method: 'put' | 'post', url: string) => rest(app.strapi)[method](url).set('Authorization', `Bearer ${adminToken}`);

type Article = { documentId: string; title: string; slug: string; locale: string; summary: string | null; seo: { metaTitle: string | null; metaDescription: string | null; canonicalUrl: string | null } | null };

const publicArticle = async (titleStart: string): Promise<Article> => {
  const response = await rest(app.strapi).get('/api/news-articles').query({ 'filters[title][$startsWith]': titleStart, populate: 'seo' }).expect(200);
  expect(response.body.data).toHaveLength(1);
  return response.body.data[0] as Article;
};

const publicPerson = async (name: string): Promise<{ documentId: string; name: string; nameEn: string | null }> => {
  const response = await rest(app.strapi).get('/api/people').query({ 'filters[name][$eq]': name }).expect(200);
  expect(response.body.data).toHaveLength(1);
  return response.body.data[0];
};

beforeAll(async () => {
  ({ app, adminToken } = await startStrapiWithAdmin());
  pagesDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'frontend-data-'));
});

afterAll(async () => {
  await app?.stop();
  if (pagesDirectory !== undefined) fs.rmSync(pagesDirectory, { recursive: true, force: true });
});

describe('seo from the importer', () => {
  test('an imported article has a meta title from its title, a description from its summary and a canonical URL from its page', async () => {
    const assembly = { file: 'seo-fresh.txt', title: '临江市青年企业家商会召开第三届会员大会', chair: '孟若川' };
    await importPage(assembly);
    const article = await publicArticle(assembly.title);
    expect(article.seo).not.toBeNull();
    expect(article.seo?.metaTitle).toBe(assembly.title);
    expect(article.summary).not.toBeNull();
    expect(article.seo?.metaDescription).toBe(article.summary);
    expect(article.seo?.canonicalUrl).toBe(`${BASE_URL}${assembly.file}`);
  });

  test("an editor's meta title stays when the page is imported again with a changed title", async () => {
    const assembly = { file: 'seo-edited.txt', title: '临江市女企业家协会召开第三届会员大会', chair: '岳明川' };
    await importPage(assembly);
    const { documentId } = await publicArticle(assembly.title);
    await admin('put', `/content-manager/collection-types/${ARTICLE}/${documentId}`)
      .query({ locale: 'zh-Hans' })
      .send({ seo: { metaTitle: '编辑写的分享标题', metaDescription: '编辑写的描述', canonicalUrl: `${BASE_URL}${assembly.file}` } })
      .expect(200);
    const changedTitle = `${assembly.title}暨换届选举`;
    await importPage(assembly, assemblyText({ ...assembly, attendance: '150余' }).replace(assembly.title, changedTitle));
    const article = await publicArticle(assembly.title);
    expect(article.title).toBe(changedTitle);
    expect(article.seo?.metaTitle).toBe('编辑写的分享标题');
    expect(article.seo?.metaDescription).toBe('编辑写的描述');
  });
});

describe('English names', () => {
  test('an imported person has an English name in pinyin, surname first', async () => {
    await importPage({ file: 'pinyin.txt', title: '临江市温州商会召开第三届会员大会', chair: '韩知远' });
    expect((await publicPerson('韩知远')).nameEn).toBe('Han Zhiyuan');
  });

  test("an editor's English name stays when the page is imported again", async () => {
    const assembly = { file: 'english-name.txt', title: '临江市台州商会召开第三届会员大会', chair: '钱嘉树' };
    await importPage(assembly);
    const { documentId } = await publicPerson('钱嘉树');
    await admin('put', `/content-manager/collection-types/${PERSON}/${documentId}`).send({ nameEn: 'Harry Qian' }).expect(200);
    await admin('post', `/content-manager/collection-types/${PERSON}/${documentId}/actions/publish`).send({}).expect(200);
    await importPage(assembly, assemblyText({ ...assembly, attendance: '160余' }));
    expect((await publicPerson('钱嘉树')).nameEn).toBe('Harry Qian');
  });
});

describe('fallbackLocale', () => {
  /** Only ever read here: no test of this block adds an English version to it. */
  const chineseOnly = { file: 'chinese-only.txt', title: '临江市新材料行业协会召开第三届会员大会', chair: '柏清和' };

  beforeAll(async () => {
    await importPage(chineseOnly);
  });

  test('an article without an English version is 404 in English, and its Chinese version with fallbackLocale, marked as a fallback', async () => {
    const { documentId } = await publicArticle(chineseOnly.title);
    await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en' }).expect(404);
    const response = await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh-Hans' }).expect(200);
    expect(response.body.data.documentId).toBe(documentId);
    expect(response.body.data.locale).toBe('zh-Hans');
    expect(response.body.meta.fallback).toEqual({ requestedLocale: 'en', locale: 'zh-Hans' });
    // The fallback is read with the route's own populate, as the English read would have been.
    expect(response.body.data).toHaveProperty('body');
    expect(response.body.data).toHaveProperty('seo');
  });

  test('a slug lookup in English falls back to the Chinese version', async () => {
    const { slug } = await publicArticle(chineseOnly.title);
    const english = await rest(app.strapi).get('/api/news-articles').query({ locale: 'en', 'filters[slug][$eq]': slug }).expect(200);
    expect(english.body.data).toEqual([]);
    const response = await rest(app.strapi).get('/api/news-articles').query({ locale: 'en', fallbackLocale: 'zh-Hans', 'filters[slug][$eq]': slug }).expect(200);
    expect(response.body.data.map((entry: Article) => entry.locale)).toEqual(['zh-Hans']);
    expect(response.body.meta.fallback).toEqual({ requestedLocale: 'en', locale: 'zh-Hans' });
    expect(response.body.meta.pagination.total).toBe(1);
  });

  test('once the English version is published it is answered, without a fallback', async () => {
    await importPage({ file: 'translated.txt', title: '临江市跨境电商协会召开第三届会员大会', chair: '纪云舟' });
    const { documentId } = await publicArticle('临江市跨境电商协会');
    await admin('put', `/content-manager/collection-types/${ARTICLE}/${documentId}`).query({ locale: 'en' }).send({ title: 'Young entrepreneurs hold their third general assembly' }).expect(200);
    await admin('post', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish`).query({ locale: 'en' }).send({}).expect(200);
    const response = await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh-Hans' }).expect(200);
    expect(response.body.data.locale).toBe('en');
    expect(response.body.data.title).toBe('Young entrepreneurs hold their third general assembly');
    expect(response.body.meta.fallback).toBeUndefined();
  });

  test('persons are the same in every locale, so fallbackLocale is accepted and changes nothing', async () => {
    const { documentId } = await publicPerson(chineseOnly.chair);
    const plain = await rest(app.strapi).get(`/api/people/${documentId}`).query({ locale: 'en' });
    const response = await rest(app.strapi).get(`/api/people/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh-Hans' });
    expect(response.status).toBe(plain.status);
    expect(response.body).toEqual(plain.body);
  });

  test('a fallbackLocale that is not a locale code is refused', async () => {
    const { documentId } = await publicArticle(chineseOnly.title);
    await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: ['zh-Hans', 'en'] }).expect(400);
    await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh Hans;' }).expect(400);
  });
});
