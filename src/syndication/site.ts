/**
 * Where the public site's pages live, so the API can name them in JSON-LD, sitemaps and feeds.
 * Every value comes from the environment; the names and defaults are in docs-caching.md.
 */
export type SiteConfig = {
  /** The site's origin, e.g. https://news.example.org; PUBLIC_URL when unset. */
  siteUrl: string | undefined;
  /** Path of an article page; {slug}, {locale} and {documentId} are filled in. */
  articlePath: string;
  /** Path of an organisation page, or undefined when the site has none. */
  organisationPath: string | undefined;
  /** Path of a person page, or undefined when the site has none. */
  personPath: string | undefined;
  /** URLs per sitemap file before /sitemap.xml becomes an index (the protocol allows 50,000). */
  sitemapMaxUrls: number;
  /** Items in a feed. */
  feedSize: number;
  /** The feed's channel title. */
  feedTitle: string;
  /** The API's own origin (PUBLIC_URL), for media URLs and the feed's self link. */
  publicUrl: string | undefined;
};

type Environment = Record<string, string | undefined>;

const text = (environment: Environment, name: string): string | undefined => {
  const value = environment[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

const positive = (environment: Environment, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
  const raw = text(environment, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max}, not "${raw}"`);
  return value;
};

const origin = (environment: Environment, name: string): string | undefined => {
  const value = text(environment, name);
  if (value === undefined) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL, not "${value}"`);
  return value.replace(/\/+$/, '');
};

const path = (environment: Environment, name: string, fallback?: string): string | undefined => {
  const value = text(environment, name) ?? fallback;
  if (value !== undefined && !value.startsWith('/')) throw new Error(`${name} must start with "/", not "${value}"`);
  return value;
};

export const readSiteConfig = (environment: Environment = process.env): SiteConfig => {
  const publicUrl = origin(environment, 'PUBLIC_URL');
  return {
    siteUrl: origin(environment, 'SITE_URL') ?? publicUrl,
    articlePath: path(environment, 'SITE_ARTICLE_PATH', '/news/{slug}') as string,
    organisationPath: path(environment, 'SITE_ORGANISATION_PATH'),
    personPath: path(environment, 'SITE_PERSON_PATH'),
    sitemapMaxUrls: positive(environment, 'SITEMAP_MAX_URLS', 50_000, 50_000),
    feedSize: positive(environment, 'FEED_SIZE', 20, 100),
    feedTitle: text(environment, 'FEED_TITLE') ?? 'Chamber Newsroom',
    publicUrl,
  };
};

export type PageParams = { slug?: string | null; locale?: string | null; documentId?: string | null };

/**
 * A page's absolute URL from a path pattern, or undefined when there is no site URL or the pattern
 * names a value the record lacks (an article without a slug has no page under /news/{slug}).
 */
export const pageUrl = (siteUrl: string | undefined, pattern: string | undefined, params: PageParams): string | undefined => {
  if (siteUrl === undefined || pattern === undefined) return undefined;
  let missing = false;
  const filled = pattern.replace(/\{(slug|locale|documentId)\}/g, (_match, name: keyof PageParams) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') {
      missing = true;
      return '';
    }
    return encodeURIComponent(value);
  });
  return missing ? undefined : `${siteUrl}${filled}`;
};

/** A media URL as a client elsewhere can fetch it: relative upload paths are made absolute. */
export const absoluteMediaUrl = (url: string | undefined | null, publicUrl: string | undefined): string | undefined => {
  if (url === undefined || url === null || url === '') return undefined;
  if (/^https?:\/\//.test(url) || publicUrl === undefined) return url;
  return `${publicUrl}${url.startsWith('/') ? '' : '/'}${url}`;
};
