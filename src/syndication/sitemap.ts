import { element } from './xml';

export type SitemapUrl = { loc: string; lastmod?: string };

const HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** A W3C datetime as the protocol wants it, or undefined for a value that is not a date. */
export const w3cDate = (value: string | null | undefined): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

/** One sitemap file (https://www.sitemaps.org/protocol.html): at most 50,000 URLs, the caller's to split. */
export const sitemapXml = (urls: SitemapUrl[]): string =>
  `${HEADER}<urlset xmlns="${NAMESPACE}">\n${urls.map((url) => `<url>${element('loc', url.loc)}${element('lastmod', url.lastmod)}</url>\n`).join('')}</urlset>\n`;

/** A sitemap index naming sitemap files. */
export const sitemapIndexXml = (sitemaps: SitemapUrl[]): string =>
  `${HEADER}<sitemapindex xmlns="${NAMESPACE}">\n${sitemaps
    .map((sitemap) => `<sitemap>${element('loc', sitemap.loc)}${element('lastmod', sitemap.lastmod)}</sitemap>\n`)
    .join('')}</sitemapindex>\n`;

/** How many files of at most `perFile` URLs a group of `count` needs (one, even when empty). */
export const sitemapPages = (count: number, perFile: number): number => Math.max(1, Math.ceil(count / perFile));
