/**
 * Which requests are public reads: anonymous GETs whose answer depends only on the URL and the
 * published content. They are the ones kept in the in-process response cache, given an ETag and
 * a public Cache-Control, and compressed.
 */

/** The public REST collections (read-only; see src/api/*\/routes). */
export const CONTENT_API = /^\/api\/(news-articles|organisations|people|initiatives|search)(\/|$)/;

/** Sitemaps, feeds and robots.txt (src/syndication/routes.ts). */
export const SYNDICATION = /^\/(sitemap\.xml|sitemaps\/[A-Za-z0-9-]+\/[0-9]+\.xml|feed\.xml|robots\.txt)$/;

/** A GraphQL GET that names an allow-listed query (src/graphql/persisted-queries.ts) instead of sending one. */
export const namesPersistedQuery = (query: Record<string, unknown>): boolean => query.queryId !== undefined || query.extensions !== undefined;

type Request = { method: string; path: string; query: Record<string, unknown>; get: (header: string) => string };

export const isPublicRead = (request: Request, graphqlEndpoint: string): boolean => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  // A credential may read drafts (src/utils/draft-access.ts); such answers are never shared.
  if (request.get('authorization') !== '') return false;
  if (CONTENT_API.test(request.path) || SYNDICATION.test(request.path)) return true;
  return request.path === graphqlEndpoint && namesPersistedQuery(request.query);
};
