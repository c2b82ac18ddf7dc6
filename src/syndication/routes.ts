import type { Core } from '@strapi/strapi';
import { rssXml, type FeedItem } from './feed';
import { pageUrl, readSiteConfig, type SiteConfig } from './site';
import { sitemapIndexXml, sitemapPages, sitemapXml, w3cDate, type SitemapUrl } from './sitemap';
import { NEWSROOM_TYPES } from '../content-types';

type Context = Parameters<Core.MiddlewareHandler>[0];

const [ARTICLE, ORGANISATION, PERSON] = NEWSROOM_TYPES;

type Row = { documentId: string; slug?: string | null; locale?: string | null; updatedAt?: string | null };

/**
 * A sitemap group: one per article locale, and organisations and people when the site has pages
 * for them (SITE_ORGANISATION_PATH, SITE_PERSON_PATH). Organisations and people are not localized.
 */
type Group = { name: string; count: () => Promise<number>; rows: (start: number, limit: number) => Promise<Row[]>; pattern: string };

const localeCodes = async (strapi: Core.Strapi): Promise<string[]> => {
  const locales = (await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>;
  return locales.map((locale) => locale.code).sort();
};

const groupsOf = async (strapi: Core.Strapi, site: SiteConfig): Promise<Group[]> => {
  // Only published documents: a sitemap is as public as the API.
  const published = { status: 'published' as const };
  const groups: Group[] = (await localeCodes(strapi)).map((locale) => ({
    name: locale,
    pattern: site.articlePath,
    count: () => strapi.documents(ARTICLE).count({ ...published, locale }),
    rows: async (start, limit) =>
      (await strapi.documents(ARTICLE).findMany({ ...published, locale, fields: ['slug', 'locale', 'updatedAt'], sort: { id: 'asc' }, start, limit })) as Row[],
  }));
  for (const [name, uid, pattern] of [
    ['organisations', ORGANISATION, site.organisationPath],
    ['people', PERSON, site.personPath],
  ] as const) {
    if (pattern === undefined) continue;
    groups.push({
      name,
      pattern,
      count: () => strapi.documents(uid).count(published),
      rows: async (start, limit) => (await strapi.documents(uid).findMany({ ...published, fields: ['updatedAt'], sort: { id: 'asc' }, start, limit })) as Row[],
    });
  }
  return groups;
};

const urlsOf = (rows: Row[], siteUrl: string, pattern: string): SitemapUrl[] =>
  rows.flatMap((row) => {
    const loc = pageUrl(siteUrl, pattern, row);
    return loc === undefined ? [] : [{ loc, lastmod: w3cDate(row.updatedAt) }];
  });

const sendXml = (ctx: Context, type: string, body: string): void => {
  ctx.type = type;
  ctx.body = body;
};

const notFound = (ctx: Context, message: string): void => {
  ctx.status = 404;
  ctx.type = 'text/plain; charset=utf-8';
  ctx.body = message;
};

/** The API's own origin, for links to its sitemaps and feeds. */
const apiOrigin = (ctx: Context, site: SiteConfig): string => site.publicUrl ?? ctx.origin;

/** A single string parameter, or undefined when it is absent; repeated values are refused. */
const singleParameter = (ctx: Context, name: string): string | undefined | null => {
  const value = (ctx.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
};

const sitemapIndex = (strapi: Core.Strapi, site: SiteConfig) => async (ctx: Context) => {
  const groups = await groupsOf(strapi, site);
  const counts = await Promise.all(groups.map((group) => group.count()));
  const siteUrl = site.siteUrl ?? ctx.origin;
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total <= site.sitemapMaxUrls) {
    // Everything fits in one file: the plain sitemap, no index to follow.
    const urls = await Promise.all(groups.map(async (group, index) => (counts[index] === 0 ? [] : urlsOf(await group.rows(0, counts[index]), siteUrl, group.pattern))));
    return sendXml(ctx, 'application/xml; charset=utf-8', sitemapXml(urls.flat()));
  }
  const files = groups.flatMap((group, index) =>
    Array.from({ length: sitemapPages(counts[index], site.sitemapMaxUrls) }, (_unused, page) => ({
      loc: `${apiOrigin(ctx, site)}/sitemaps/${encodeURIComponent(group.name)}/${page + 1}.xml`,
    }))
  );
  sendXml(ctx, 'application/xml; charset=utf-8', sitemapIndexXml(files));
};

const sitemapFile = (strapi: Core.Strapi, site: SiteConfig) => async (ctx: Context) => {
  const match = /^([0-9]+)\.xml$/.exec(String(ctx.params.file));
  const group = (await groupsOf(strapi, site)).find((candidate) => candidate.name === ctx.params.group);
  const page = match === null ? 0 : Number(match[1]);
  if (group === undefined || page < 1) return notFound(ctx, 'No such sitemap.');
  const count = await group.count();
  if (page > sitemapPages(count, site.sitemapMaxUrls)) return notFound(ctx, 'No such sitemap page.');
  const rows = await group.rows((page - 1) * site.sitemapMaxUrls, site.sitemapMaxUrls);
  sendXml(ctx, 'application/xml; charset=utf-8', sitemapXml(urlsOf(rows, site.siteUrl ?? ctx.origin, group.pattern)));
};

type FeedRow = Row & { title?: string | null; summary?: string | null; publicationDate?: string | null; publishedAt?: string | null };

const feed = (strapi: Core.Strapi, site: SiteConfig) => async (ctx: Context) => {
  const requested = singleParameter(ctx, 'locale');
  if (requested === null) {
    ctx.status = 400;
    ctx.body = 'locale may be given once.';
    return;
  }
  const locale = requested ?? ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
  if (!(await localeCodes(strapi)).includes(locale)) return notFound(ctx, `No locale ${locale}.`);
  const rows = (await strapi.documents(ARTICLE).findMany({
    status: 'published',
    locale,
    fields: ['title', 'slug', 'summary', 'publicationDate', 'publishedAt', 'locale'],
    sort: [{ publicationDate: 'desc' }, { publishedAt: 'desc' }, { id: 'asc' }],
    limit: site.feedSize,
  })) as FeedRow[];
  const siteUrl = site.siteUrl ?? ctx.origin;
  const items: FeedItem[] = rows.map((row) => ({
    title: row.title ?? '',
    link: pageUrl(siteUrl, site.articlePath, row),
    guid: `${row.documentId}:${locale}`,
    description: row.summary ?? undefined,
    published: row.publicationDate ?? row.publishedAt ?? undefined,
  }));
  const self = `${apiOrigin(ctx, site)}/feed.xml?locale=${encodeURIComponent(locale)}`;
  sendXml(
    ctx,
    'application/rss+xml; charset=utf-8',
    rssXml({ title: site.feedTitle, link: siteUrl, selfLink: self, description: `${site.feedTitle} (${locale})`, language: locale, items })
  );
};

const robots = (site: SiteConfig) => async (ctx: Context) => {
  ctx.type = 'text/plain; charset=utf-8';
  // The API's JSON is for frontends, not for search results; the sitemap names the site's pages.
  ctx.body = ['User-agent: *', 'Disallow: /api/', 'Disallow: /graphql', 'Disallow: /admin', 'Disallow: /preview/', '', `Sitemap: ${apiOrigin(ctx, site)}/sitemap.xml`, ''].join('\n');
};

/** /sitemap.xml, /sitemaps/{group}/{n}.xml, /feed.xml?locale=… and /robots.txt, all public. */
export const registerSyndicationRoutes = (strapi: Core.Strapi): void => {
  const site = readSiteConfig();
  const route = (path: string, handler: (ctx: Context) => Promise<void>) => ({ method: 'GET', path, info: { type: 'content-api' }, config: { auth: false }, handler });
  strapi.server.routes([
    route('/sitemap.xml', sitemapIndex(strapi, site)),
    route('/sitemaps/:group/:file', sitemapFile(strapi, site)),
    route('/feed.xml', feed(strapi, site)),
    route('/robots.txt', robots(site)),
  ] as unknown as Core.Route[]);
};
