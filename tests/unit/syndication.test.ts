import { rssXml, rfc822 } from '../../src/syndication/feed';
import { newsArticleJsonLd } from '../../src/syndication/json-ld';
import { absoluteMediaUrl, pageUrl, readSiteConfig } from '../../src/syndication/site';
import { sitemapIndexXml, sitemapPages, sitemapXml, w3cDate } from '../../src/syndication/sitemap';
import { xmlText } from '../../src/syndication/xml';

describe('XML text', () => {
  test('markup characters are escaped and characters XML cannot carry are dropped', () => {
    expect(xmlText(`商会 <年会> & "论坛" 'x'`)).toBe('商会 &lt;年会&gt; &amp; &quot;论坛&quot; &apos;x&apos;');
    expect(xmlText('a\u0000b\u0008c\u000Bd\tf\ng\uFFFEh')).toBe('abcd\tf\ngh');
    expect(xmlText('lone \uD800 surrogate, pair \uD83D\uDE00 kept')).toBe('lone  surrogate, pair \uD83D\uDE00 kept');
  });
});

describe('site configuration', () => {
  test('defaults: PUBLIC_URL stands in for SITE_URL, articles under /news/{slug}, 50,000 URLs per sitemap', () => {
    expect(readSiteConfig({ PUBLIC_URL: 'https://api.example.org/' })).toEqual({
      siteUrl: 'https://api.example.org',
      articlePath: '/news/{slug}',
      organisationPath: undefined,
      personPath: undefined,
      sitemapMaxUrls: 50_000,
      feedSize: 20,
      feedTitle: 'Chamber Newsroom',
      publicUrl: 'https://api.example.org',
    });
  });

  test.each([
    [{ SITE_URL: 'ftp://example.org' }, /SITE_URL must be an http\(s\) URL/],
    [{ SITE_ARTICLE_PATH: 'news/{slug}' }, /SITE_ARTICLE_PATH must start with "\/"/],
    [{ SITEMAP_MAX_URLS: '50001' }, /SITEMAP_MAX_URLS must be a whole number from 1 to 50000/],
    [{ FEED_SIZE: '0' }, /FEED_SIZE must be a whole number from 1 to 100/],
  ])('%p is refused', (environment, message) => {
    expect(() => readSiteConfig(environment)).toThrow(message);
  });

  test('a page URL fills and encodes the pattern, and is undefined when a value is missing', () => {
    expect(pageUrl('https://s.example', '/{locale}/news/{slug}', { locale: 'zh-Hans', slug: 'a-b' })).toBe('https://s.example/zh-Hans/news/a-b');
    expect(pageUrl('https://s.example', '/p/{documentId}', { documentId: 'a b/c' })).toBe('https://s.example/p/a%20b%2Fc');
    expect(pageUrl('https://s.example', '/news/{slug}', { slug: null })).toBeUndefined();
    expect(pageUrl(undefined, '/news/{slug}', { slug: 'x' })).toBeUndefined();
  });

  test('relative media URLs are made absolute on PUBLIC_URL', () => {
    expect(absoluteMediaUrl('/uploads/a.jpg', 'https://api.example.org')).toBe('https://api.example.org/uploads/a.jpg');
    expect(absoluteMediaUrl('https://cdn.example.org/a.jpg', 'https://api.example.org')).toBe('https://cdn.example.org/a.jpg');
    expect(absoluteMediaUrl('/uploads/a.jpg', undefined)).toBe('/uploads/a.jpg');
    expect(absoluteMediaUrl(null, 'https://api.example.org')).toBeUndefined();
  });
});

describe('NewsArticle JSON-LD', () => {
  const site = readSiteConfig({ SITE_URL: 'https://news.example.org', SITE_ORGANISATION_PATH: '/org/{documentId}', PUBLIC_URL: 'https://api.example.org' });

  test('the canonical URL wins over the site URL, the SEO description over the summary, and the cover is absolute', () => {
    const jsonLd = newsArticleJsonLd(
      {
        title: '标题',
        slug: 'biao-ti',
        summary: '摘要',
        locale: 'zh-Hans',
        publishedAt: '2024-01-02T03:04:05.000Z',
        cover: { url: '/uploads/cover.jpg' },
        seo: { canonicalUrl: 'https://source.example.org/a/1', metaDescription: '描述' },
      },
      site
    );
    expect(jsonLd).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: '标题',
      description: '描述',
      datePublished: '2024-01-02T03:04:05.000Z',
      inLanguage: 'zh-Hans',
      url: 'https://source.example.org/a/1',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://source.example.org/a/1' },
      image: 'https://api.example.org/uploads/cover.jpg',
    });
  });

  test('without a reporter the publisher is the author; organisations link to their pages; a printed publisher name stands in for a link', () => {
    const linked = newsArticleJsonLd(
      {
        title: 't',
        slug: 't',
        source: { publisherName: '印刷名', publisher: { documentId: 'org1', name: '某某商会', nameEn: 'Some Chamber' } },
        mentionedOrganisations: [{ documentId: 'org2', name: '某某公司', website: 'https://company.example' }],
        mentionedPersons: [{ documentId: 'p1', name: '  ' }],
      },
      site
    );
    const publisher = { '@type': 'Organization', name: '某某商会', alternateName: 'Some Chamber', url: 'https://news.example.org/org/org1' };
    expect(linked.publisher).toEqual(publisher);
    expect(linked.author).toEqual([publisher]);
    expect(linked.mentions).toEqual([{ '@type': 'Organization', name: '某某公司', url: 'https://news.example.org/org/org2' }]);
    expect(linked.url).toBe('https://news.example.org/news/t');
    const printed = newsArticleJsonLd({ title: 't', source: { publisherName: '印刷名', publisher: null } }, site);
    expect(printed.publisher).toEqual({ '@type': 'Organization', name: '印刷名' });
    expect(printed.url).toBeUndefined();
    expect(printed.mainEntityOfPage).toBeUndefined();
  });

  test('several reporters in one field become several authors', () => {
    expect(newsArticleJsonLd({ title: 't', reporter: '甲乙 丙丁，戊己、庚辛' }, site).author).toEqual(
      ['甲乙', '丙丁', '戊己', '庚辛'].map((name) => ({ '@type': 'Person', name }))
    );
  });
});

describe('sitemaps', () => {
  test('a sitemap lists escaped locations with W3C dates', () => {
    expect(sitemapXml([{ loc: 'https://s.example/a?x=1&y=2', lastmod: w3cDate('2024-01-02T03:04:05Z') }, { loc: 'https://s.example/b' }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '<url><loc>https://s.example/a?x=1&amp;y=2</loc><lastmod>2024-01-02T03:04:05.000Z</lastmod></url>\n' +
        '<url><loc>https://s.example/b</loc></url>\n</urlset>\n'
    );
  });

  test('an index names its files', () => {
    expect(sitemapIndexXml([{ loc: 'https://a.example/sitemaps/en/1.xml' }])).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n<sitemap><loc>https://a.example/sitemaps/en/1.xml</loc></sitemap>\n</sitemapindex>');
  });

  test.each([
    [0, 1],
    [1, 1],
    [50_000, 1],
    [50_001, 2],
    [120_000, 3],
  ])('%p URLs need %p files of 50,000', (count, files) => {
    expect(sitemapPages(count, 50_000)).toBe(files);
  });

  test('a value that is not a date has no lastmod', () => {
    expect(w3cDate('soon')).toBeUndefined();
    expect(w3cDate(null)).toBeUndefined();
  });
});

describe('RSS', () => {
  test('a feed has its channel, a self link and items with permalinks or stable guids', () => {
    const feed = rssXml({
      title: 'T & c',
      link: 'https://s.example',
      selfLink: 'https://a.example/feed.xml?locale=en&x=1',
      description: 'D',
      language: 'en',
      items: [
        { title: '<b>', link: 'https://s.example/news/b', guid: 'b:en', description: 'x', published: '2024-06-01' },
        { title: 'no page', guid: 'c:en' },
      ],
    });
    expect(feed).toContain('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">');
    expect(feed).toContain('<title>T &amp; c</title>');
    expect(feed).toContain('<atom:link href="https://a.example/feed.xml?locale=en&amp;x=1" rel="self" type="application/rss+xml"/>');
    expect(feed).toContain('<lastBuildDate>Sat, 01 Jun 2024 00:00:00 GMT</lastBuildDate>');
    expect(feed).toContain('<item><title>&lt;b&gt;</title><link>https://s.example/news/b</link><guid isPermaLink="true">https://s.example/news/b</guid><description>x</description><pubDate>Sat, 01 Jun 2024 00:00:00 GMT</pubDate></item>');
    expect(feed).toContain('<item><title>no page</title><guid isPermaLink="false">c:en</guid></item>');
  });

  test('RFC 822 dates are in GMT', () => {
    expect(rfc822('2024-06-01T08:00:00+08:00')).toBe('Sat, 01 Jun 2024 00:00:00 GMT');
    expect(rfc822('not a date')).toBeUndefined();
  });
});
