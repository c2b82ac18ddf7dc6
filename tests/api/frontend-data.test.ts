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
const TITLE = '临江市青年企业家商会召开第三届会员大会';

const page = (title: string, paragraphs: string[]): string => [title, '来源：临江商会网  日期：2024-05-20', '', ...paragraphs.flatMap((paragraph) => [paragraph, ''])].join('\n');

const ASSEMBLY = (attendance: string) =>
  page(TITLE, [
    `5月20日，临江市青年企业家商会第三届会员大会在市民营经济服务中心召开，${attendance}名会员企业代表出席会议。`,
    '临江市青年企业家商会会长韩知远主持会议并讲话。',
    '韩知远表示：“新一届理事会将围绕服务会员的宗旨，带领青年企业家在产业升级中发挥更大作用。”',
  ]);

const importPage = (text: string) => {
  fs.writeFileSync(path.join(pagesDirectory, 'assembly.txt'), text);
  return runImport({ paths: [pagesDirectory], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi, baseUrl: BASE_URL });
};

const admin = (method: 'put' | 'post', url: string) => rest(app.strapi)[method](url).set('Authorization', `Bearer ${adminToken}`);

type Article = { documentId: string; title: string; slug: string; locale: string; summary: string | null; seo: { metaTitle: string | null; metaDescription: string | null; canonicalUrl: string | null } | null };

const publicArticle = async (): Promise<Article> => {
  const response = await rest(app.strapi).get('/api/news-articles').query({ 'filters[title][$startsWith]': '临江市青年企业家商会', populate: 'seo' }).expect(200);
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
  const report = await importPage(ASSEMBLY('120余'));
  expect(report.summary.failed).toBe(0);
});

afterAll(async () => {
  await app?.stop();
  if (pagesDirectory !== undefined) fs.rmSync(pagesDirectory, { recursive: true, force: true });
});

describe('seo from the importer', () => {
  test('an imported article has a meta title from its title, a description from its summary and a canonical URL from its page', async () => {
    const article = await publicArticle();
    expect(article.seo).not.toBeNull();
    expect(article.seo?.metaTitle).toBe(TITLE);
    expect(article.summary).not.toBeNull();
    expect(article.seo?.metaDescription).toBe(article.summary);
    expect(article.seo?.canonicalUrl).toBe(`${BASE_URL}assembly.txt`);
  });

  test("an editor's meta title stays when the page is imported again with a changed title", async () => {
    const { documentId } = await publicArticle();
    await admin('put', `/content-manager/collection-types/${ARTICLE}/${documentId}`)
      .query({ locale: 'zh-Hans' })
      .send({ seo: { metaTitle: '编辑写的分享标题', metaDescription: '编辑写的描述', canonicalUrl: `${BASE_URL}assembly.txt` } })
      .expect(200);
    await importPage(ASSEMBLY('150余').replace(TITLE, '临江市青年企业家商会召开第三届会员大会暨换届选举'));
    const article = await publicArticle();
    expect(article.title).toBe('临江市青年企业家商会召开第三届会员大会暨换届选举');
    expect(article.seo?.metaTitle).toBe('编辑写的分享标题');
    expect(article.seo?.metaDescription).toBe('编辑写的描述');
  });
});

describe('English names', () => {
  test('an imported person has an English name in pinyin, surname first', async () => {
    expect((await publicPerson('韩知远')).nameEn).toBe('Han Zhiyuan');
  });

  test("an editor's English name stays when the page is imported again", async () => {
    const { documentId } = await publicPerson('韩知远');
    await admin('put', `/content-manager/collection-types/${PERSON}/${documentId}`).send({ nameEn: 'Harry Han' }).expect(200);
    await admin('post', `/content-manager/collection-types/${PERSON}/${documentId}/actions/publish`).send({}).expect(200);
    await importPage(ASSEMBLY('160余'));
    expect((await publicPerson('韩知远')).nameEn).toBe('Harry Han');
  });
});

describe('fallbackLocale', () => {
  test('an article without an English version is 404 in English, and its Chinese version with fallbackLocale, marked as a fallback', async () => {
    const { documentId } = await publicArticle();
    await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en' }).expect(404);
    const response = await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh-Hans' }).expect(200);
    expect(response.body.data.documentId).toBe(documentId);
    expect(response.body.data.locale).toBe('zh-Hans');
    expect(response.body.meta.fallback).toEqual({ requestedLocale: 'en', locale: 'zh-Hans' });
    // The fallback is read with the route's own populate, as the English read would have been.
    expect(response.body.data).toHaveProperty('body');
  });

  test('a slug lookup in English falls back to the Chinese version', async () => {
    const { slug } = await publicArticle();
    const english = await rest(app.strapi).get('/api/news-articles').query({ locale: 'en', 'filters[slug][$eq]': slug }).expect(200);
    expect(english.body.data).toEqual([]);
    const response = await rest(app.strapi).get('/api/news-articles').query({ locale: 'en', fallbackLocale: 'zh-Hans', 'filters[slug][$eq]': slug }).expect(200);
    expect(response.body.data.map((entry: Article) => entry.locale)).toEqual(['zh-Hans']);
    expect(response.body.meta.fallback).toEqual({ requestedLocale: 'en', locale: 'zh-Hans' });
    expect(response.body.meta.pagination.total).toBe(1);
  });

  test('once the English version is published it is answered, without a fallback', async () => {
    const { documentId } = await publicArticle();
    await admin('put', `/content-manager/collection-types/${ARTICLE}/${documentId}`).query({ locale: 'en' }).send({ title: 'Young entrepreneurs hold their third general assembly' }).expect(200);
    await admin('post', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish`).query({ locale: 'en' }).send({}).expect(200);
    const response = await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh-Hans' }).expect(200);
    expect(response.body.data.locale).toBe('en');
    expect(response.body.data.title).toBe('Young entrepreneurs hold their third general assembly');
    expect(response.body.meta.fallback).toBeUndefined();
  });

  test('persons are the same in every locale, so fallbackLocale is accepted and changes nothing', async () => {
    const { documentId } = await publicPerson('韩知远');
    const plain = await rest(app.strapi).get(`/api/people/${documentId}`).query({ locale: 'en' });
    const response = await rest(app.strapi).get(`/api/people/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh-Hans' });
    expect(response.status).toBe(plain.status);
    expect(response.body).toEqual(plain.body);
  });

  test('a fallbackLocale that is not a locale code is refused', async () => {
    const { documentId } = await publicArticle();
    await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: ['zh-Hans', 'en'] }).expect(400);
    await rest(app.strapi).get(`/api/news-articles/${documentId}`).query({ locale: 'en', fallbackLocale: 'zh Hans;' }).expect(400);
  });
});
