import type { Core } from '@strapi/strapi';
import { newsArticleJsonLd, type JsonLdArticle } from '../../../syndication/json-ld';
import { readSiteConfig } from '../../../syndication/site';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Route middleware: adds `jsonLd`, the article's schema.org NewsArticle, to an article read for its
 * page: `/api/news-articles/:documentId`, or the list filtered by slug (see default-populate). It is
 * computed from the entry as sent, after published-only and the populate, so it names only records
 * the reader was given. Lists leave it out (it would add about a fifth to a page of 25), and a
 * client that chose its `fields` gets only those.
 */
export default (): Core.MiddlewareHandler => {
  const site = readSiteConfig();
  return async (ctx, next) => {
    await next();
    const wanted = ctx.state.view === 'detail' && (ctx.query as Record<string, unknown>).fields === undefined;
    const body: unknown = ctx.body;
    if (!wanted || !isRecord(body)) return;
    const entries = Array.isArray(body.data) ? body.data : [body.data];
    for (const entry of entries) {
      if (isRecord(entry)) entry.jsonLd = newsArticleJsonLd(entry as JsonLdArticle, site);
    }
  };
};
