import { DomUtils, parseDocument } from 'htmlparser2';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, PERSON, seedNewsroom, type Seeded } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';

let app: TestApp;
let seeded: Seeded;

const SITE = {
  SITE_URL: 'https://news.example.org',
  // A query string in the pattern, so every URL in the XML needs its & escaped.
  SITE_ARTICLE_PATH: '/{locale}/news/{slug}?via=api&id={documentId}',
  SITE_PERSON_PATH: '/people/{documentId}',
  PUBLIC_URL: 'https://api.example.org',
  // Three URLs per sitemap file, so a handful of rows already needs an index.
  SITEMAP_MAX_URLS: '3',
  FEED_TITLE: '商会新闻 & 动态',
};

const publishArticle = async (locale: string, data: Record<string, unknown>): Promise<string> => {
  const created = await app.strapi.documents(ARTICLE).create({ locale, data: data as never });
  await app.strapi.documents(ARTICLE).publish({ documentId: created.documentId, locale });
  return created.documentId;
};

beforeAll(async () => {
  Object.assign(process.env, SITE);
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
  // The reporters' names, and a link to a person who is then taken off the site: the public version
  // keeps no link to an unpublished person. (Publishing the article published the person with it.)
  await app.strapi.documents(ARTICLE).update({
    documentId: seeded.article,
    locale: 'zh-Hans',
    data: { reporter: '白云帆、江晓月', mentionedPersons: [seeded.person, seeded.draftPerson] } as never,
  });
  await app.strapi.documents(ARTICLE).publish({ documentId: seeded.article, locale: 'zh-Hans' });
  await app.strapi.documents(PERSON).unpublish({ documentId: seeded.draftPerson });
});

afterAll(async () => {
  for (const name of Object.keys(SITE)) delete process.env[name];
  await app?.stop();
});

const articleUrl = (locale: string, slug: string, documentId: string) => `https://news.example.org/${locale}/news/${slug}?via=api&id=${documentId}`;

const { findAll, getAttributeValue, textContent } = DomUtils;

type Element = Parameters<typeof getAttributeValue>[0];

const xml = (text: string) => parseDocument(text, { xmlMode: true });

const texts = (text: string, tag: string): string[] => findAll((node: Element) => node.name === tag, xml(text).children).map((node) => textContent(node));

describe('JSON-LD', () => {
  const expected = () => ({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: '海川市青年企业家商会举行助学捐赠仪式',
    description: '商会助学',
    datePublished: '2021-03-15',
    dateModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    inLanguage: 'zh-Hans',
    url: articleUrl('zh-Hans', seeded.articleSlug, seeded.article),
    mainEntityOfPage: { '@type': 'WebPage', '@id': articleUrl('zh-Hans', seeded.articleSlug, seeded.article) },
    author: [
      { '@type': 'Person', name: '白云帆' },
      { '@type': 'Person', name: '江晓月' },
    ],
    publisher: { '@type': 'Organization', name: '海川市青年企业家商会' },
    mentions: [
      { '@type': 'Person', name: '林若溪', url: `https://news.example.org/people/${seeded.person}` },
      { '@type': 'Organization', name: '海川市青年企业家商会' },
      { '@type': 'Organization', name: '海川远航科技有限公司' },
    ],
  });

  const sortMentions = (jsonLd: { mentions: Array<{ name: string }> }) => ({ ...jsonLd, mentions: [...jsonLd.mentions].sort((a, b) => a.name.localeCompare(b.name, 'zh')) });

  test('an article read over REST carries its NewsArticle with reporters, publisher and the published persons and organisations it mentions', async () => {
    const detail = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).expect(200);
    expect(sortMentions(detail.body.data.jsonLd)).toEqual(sortMentions(expected()));
    expect(JSON.stringify(detail.body.data.jsonLd)).not.toContain('草稿人物');
  });

  test('the article page looked up by slug carries it too, and a plain list leaves it out', async () => {
    const bySlug = await rest(app.strapi).get('/api/news-articles').query({ filters: { slug: { $eq: seeded.articleSlug } } }).expect(200);
    expect(sortMentions(bySlug.body.data[0].jsonLd)).toEqual(sortMentions(expected()));
    const list = await rest(app.strapi).get('/api/news-articles').expect(200);
    expect(list.body.data[0].jsonLd).toBeUndefined();
  });

  test('a read that chose its fields gets no JSON-LD', async () => {
    const detail = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).query({ fields: ['title'] }).expect(200);
    expect(detail.body.data.jsonLd).toBeUndefined();
  });

  test('GraphQL exposes the same document as a field of NewsArticle', async () => {
    const detail = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).expect(200);
    const response = await graphql(app.strapi, 'query ($id: ID!) { newsArticle(documentId: $id) { jsonLd } }', { id: seeded.article });
    expect(response.body.errors).toBeUndefined();
    const jsonLd = (response.body.data?.newsArticle as { jsonLd: { mentions: Array<{ name: string }> } }).jsonLd;
    expect(sortMentions(jsonLd)).toEqual(sortMentions(detail.body.data.jsonLd));
  });

  test('over GraphQL a list of articles gets each its own JSON-LD', async () => {
    const other = await publishArticle('zh-Hans', { title: '另一篇商会新闻', publicationDate: '2022-01-01', mentionedOrganisations: [seeded.company] });
    const response = await graphql(app.strapi, '{ newsArticles(sort: "publicationDate:desc") { documentId jsonLd } }');
    const articles = response.body.data?.newsArticles as Array<{ documentId: string; jsonLd: { headline: string; mentions?: unknown[] } }>;
    const byId = new Map(articles.map((article) => [article.documentId, article.jsonLd]));
    expect(byId.get(other)).toMatchObject({ headline: '另一篇商会新闻', mentions: [{ '@type': 'Organization', name: '海川远航科技有限公司' }] });
    expect(byId.get(seeded.article)?.headline).toBe('海川市青年企业家商会举行助学捐赠仪式');
    await app.strapi.documents(ARTICLE).delete({ documentId: other, locale: '*' });
  });
});

describe('sitemaps, feed and robots.txt', () => {
  test('robots.txt names the sitemap on the API origin and keeps crawlers off the API', async () => {
    const response = await rest(app.strapi).get('/robots.txt').expect(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.text).toContain('Sitemap: https://api.example.org/sitemap.xml');
    expect(response.text).toMatch(/^Disallow: \/api\/$/m);
    expect(response.headers.etag).toBeDefined();
  });

  test('with no more URLs than the limit, /sitemap.xml is one sitemap of the published pages, escaped, without drafts', async () => {
    const response = await rest(app.strapi).get('/sitemap.xml').expect(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(response.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(response.text).toContain('?via=api&amp;id=');
    expect(texts(response.text, 'loc').sort()).toEqual(
      [articleUrl('zh-Hans', seeded.articleSlug, seeded.article), `https://news.example.org/people/${seeded.person}`].sort()
    );
    expect(response.text).not.toContain(seeded.draftPerson);
    expect(response.text).not.toContain(seeded.draftArticle);
  });

  test('past the limit, /sitemap.xml is an index of per-locale files of at most the limit each', async () => {
    const added = [];
    for (let index = 1; index <= 3; index += 1) {
      added.push(await publishArticle('zh-Hans', { title: `商会第${index}次理事会`, publicationDate: `2023-0${index}-01` }));
    }
    const english = await publishArticle('en', { title: 'Chamber <annual> meeting & forum', publicationDate: '2023-05-01' });
    try {
      const index = await rest(app.strapi).get('/sitemap.xml').expect(200);
      expect(index.text).toContain('<sitemapindex');
      expect(texts(index.text, 'loc')).toEqual([
        'https://api.example.org/sitemaps/en/1.xml',
        'https://api.example.org/sitemaps/zh-Hans/1.xml',
        'https://api.example.org/sitemaps/zh-Hans/2.xml',
        'https://api.example.org/sitemaps/people/1.xml',
      ]);
      const first = await rest(app.strapi).get('/sitemaps/zh-Hans/1.xml').expect(200);
      const second = await rest(app.strapi).get('/sitemaps/zh-Hans/2.xml').expect(200);
      const zh = [...texts(first.text, 'loc'), ...texts(second.text, 'loc')];
      expect(texts(first.text, 'loc')).toHaveLength(3);
      expect(zh).toHaveLength(4);
      expect(new Set(zh).size).toBe(4);
      expect(zh).toContain(articleUrl('zh-Hans', seeded.articleSlug, seeded.article));
      const en = await rest(app.strapi).get('/sitemaps/en/1.xml').expect(200);
      expect(texts(en.text, 'loc')).toEqual([expect.stringMatching(new RegExp(`^https://news\\.example\\.org/en/news/[a-z0-9-]+\\?via=api&id=${english}$`))]);
      expect(texts(en.text, 'lastmod')[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      await rest(app.strapi).get('/sitemaps/zh-Hans/3.xml').expect(404);
      await rest(app.strapi).get('/sitemaps/fr/1.xml').expect(404);
    } finally {
      for (const documentId of [...added, english]) await app.strapi.documents(ARTICLE).delete({ documentId, locale: '*' });
    }
  });

  test('the feed is RSS 2.0 of the latest published articles of one locale, newest first, escaped', async () => {
    const newer = await publishArticle('zh-Hans', { title: '商会 <年会> & 论坛', summary: '会员 "踊跃" 参加', publicationDate: '2024-06-01' });
    const english = await publishArticle('en', { title: 'Chamber forum', publicationDate: '2024-07-01' });
    try {
      const response = await rest(app.strapi).get('/feed.xml').query({ locale: 'zh-Hans' }).expect(200);
      expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      expect(response.text).toContain('<title>商会 &lt;年会&gt; &amp; 论坛</title>');
      const document = xml(response.text);
      const channel = findAll((node: Element) => node.name === 'channel', document.children)[0];
      expect(textContent(findAll((node: Element) => node.name === 'title', channel.children)[0])).toBe('商会新闻 & 动态');
      expect(texts(response.text, 'language')).toEqual(['zh-Hans']);
      const items = findAll((node: Element) => node.name === 'item', document.children);
      expect(items.map((item) => textContent(findAll((node: Element) => node.name === 'title', item.children)[0]))).toEqual([
        '商会 <年会> & 论坛',
        '海川市青年企业家商会举行助学捐赠仪式',
      ]);
      expect(texts(response.text, 'description')).toContain('会员 "踊跃" 参加');
      expect(texts(response.text, 'pubDate')[0]).toBe('Sat, 01 Jun 2024 00:00:00 GMT');
      expect(texts(response.text, 'link')).toContain(articleUrl('zh-Hans', seeded.articleSlug, seeded.article));
      const self = findAll((node: Element) => node.name === 'atom:link', document.children)[0];
      expect(getAttributeValue(self, 'href')).toBe('https://api.example.org/feed.xml?locale=zh-Hans');
      expect(response.text).not.toContain('尚未审核的草稿新闻');
      const en = await rest(app.strapi).get('/feed.xml').query({ locale: 'en' }).expect(200);
      expect(texts(en.text, 'title').slice(1)).toEqual(['Chamber forum']);
    } finally {
      for (const documentId of [newer, english]) await app.strapi.documents(ARTICLE).delete({ documentId, locale: '*' });
    }
  });

  test('the feed of the default locale needs no parameter, and an unknown locale is 404', async () => {
    const response = await rest(app.strapi).get('/feed.xml').expect(200);
    expect(texts(response.text, 'language')).toEqual(['zh-Hans']);
    await rest(app.strapi).get('/feed.xml').query({ locale: 'xx' }).expect(404);
  });

  test('sitemaps and feeds are cacheable: ETag, 304, public Cache-Control, served from the response cache', async () => {
    for (const path of ['/sitemap.xml', '/feed.xml?locale=zh-Hans']) {
      const first = await rest(app.strapi).get(path).expect(200);
      expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
      const second = await rest(app.strapi).get(path).set('If-None-Match', first.headers.etag).expect(304);
      expect(second.headers['x-response-cache']).toBe('hit');
    }
  });
});
