import { strapiUrl } from './strapi';
import type { BlockNode } from './blocks';

/**
 * Types for the public REST API's responses, for a frontend that reads REST (with fetch or with
 * `@strapi/client`, whose results are untyped) instead of GraphQL. This site reads GraphQL; this
 * file is the typed REST example the docs point to, and the site's type check compiles it.
 *
 * The shapes are what the API returns with its default populate (src/utils/populate.ts and each
 * type's middlewares/default-populate.ts in the API): a list gets the summary relations, a single
 * record (or a `filters[slug][$eq]` lookup) gets the detail ones. Strapi's own `types/generated`
 * describes the database schema for the server, private fields included; it is not the response
 * shape and is not meant for clients.
 */

export type RestPagination = { page: number; pageSize: number; pageCount: number; total: number };
export type RestList<T> = { data: T[]; meta: { pagination: RestPagination } };
export type RestOne<T> = { data: T; meta: Record<string, never> };
export type RestError = { data: null; error: { status: number; name: string; message: string; details?: unknown } };

type RestDocument = { id: number; documentId: string; createdAt: string; updatedAt: string; publishedAt: string };

export type RestMedia = { id: number; documentId: string; url: string; alternativeText: string | null; width: number | null; height: number | null; formats: Record<string, { url: string; width: number; height: number }> | null };

export type RestOrganisationSummary = { id: number; documentId: string; name: string; kind: string; region: string | null };

export type RestPosition = { id: number; title: string; startDate: string | null; endDate: string | null; organisation: RestOrganisationSummary | null };

export type RestPersonSummary = { id: number; documentId: string; name: string; nameEn: string | null; positions: RestPosition[] };

export type RestQuote = { id: number; text: string; speakerTitle: string | null; speaker: { id: number; documentId: string; name: string } | null };

/** A news article as `GET /api/news-articles` lists it. */
export type RestArticle = RestDocument & {
  locale: string;
  title: string;
  slug: string | null;
  summary: string | null;
  publicationDate: string | null;
  reporter: string | null;
  correspondent: string | null;
  editor: string | null;
  cover: RestMedia | null;
  source: { id: number; publisherName: string | null; url: string | null; retrievedAt: string | null; publisher: RestOrganisationSummary | null } | null;
  quotes: RestQuote[];
  amounts: Array<{ id: number; value: number; currency: string; approximate: boolean; text: string | null }>;
  mentionedOrganisations: RestOrganisationSummary[];
  mentionedPersons: RestPersonSummary[];
  mentionedInitiatives: Array<{ id: number; documentId: string; name: string; kind: string }>;
};

/** The body: rich text blocks (src/lib/blocks.ts), the same JSON GraphQL serves. */
export type RestBodyBlock = BlockNode;

/** A news article as `GET /api/news-articles/:documentId` (or a slug lookup) returns it. */
export type RestArticleDetail = RestArticle & {
  body: RestBodyBlock[] | null;
  seo: { id: number; metaTitle: string | null; metaDescription: string | null; canonicalUrl: string | null; shareImage: RestMedia | null } | null;
};

/** One typed GET against the public REST API; a non-2xx answer is an error with the API's message. */
export const restGet = async <T>(path: `/api/${string}`, query: URLSearchParams = new URLSearchParams()): Promise<T> => {
  const search = query.toString();
  const response = await fetch(`${strapiUrl()}${path}${search === '' ? '' : `?${search}`}`, { headers: { Accept: 'application/json' } });
  const body = (await response.json()) as T | RestError;
  if (!response.ok) throw new Error(`REST ${path}: ${response.status} ${(body as RestError).error?.message ?? ''}`.trim());
  return body as T;
};

/** Example: an article by its slug, with the detail populate. */
export const articleBySlugOverRest = async (slug: string, locale = 'zh-Hans'): Promise<RestArticleDetail | null> => {
  const query = new URLSearchParams({ 'filters[slug][$eq]': slug, locale });
  const { data } = await restGet<RestList<RestArticleDetail>>('/api/news-articles', query);
  return data[0] ?? null;
};
