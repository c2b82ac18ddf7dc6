import { defineMiddleware } from 'astro:middleware';
import { currentGeneration, readPage, storePage } from './lib/page-cache';

/**
 * Serves a page from the page cache when it is there; otherwise renders it and keeps it when the
 * page declared its cache tags and rendered fine. Endpoints under /api/ and pages without tags
 * (search) are never cached.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.request.method !== 'GET' || context.url.pathname.startsWith('/api/')) return next();
  const key = `${context.url.pathname}${context.url.search}`;
  const cached = readPage(key);
  if (cached !== undefined) {
    return new Response(cached.body, { status: cached.status, headers: [...cached.headers, ['x-page-cache', 'hit']] });
  }
  const renderedAt = currentGeneration();
  const response = await next();
  const tags = context.locals.cacheTags;
  if (response.status !== 200 || tags === undefined) return response;
  const body = await response.text();
  const headers = [...response.headers.entries()];
  storePage(key, { body, status: response.status, headers, tags: new Set(tags) }, renderedAt);
  return new Response(body, { status: response.status, headers: [...headers, ['x-page-cache', 'miss']] });
});
