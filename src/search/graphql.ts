import type { Core } from '@strapi/strapi';
import { readSearchRequest, runSearch, SEARCH_TYPE_NAMES, type RawSearchArguments } from './search';

/**
 * `Query.search`, the GraphQL face of GET /api/search with the same rules. It goes through the
 * plugin's extension service, so the hardening in src/graphql/ (depth, row estimate, aliases,
 * response ceiling) holds for it like for every other query; `pagination` is the plugin's own
 * PaginationArg and counts in the row estimate at the page size it asks for.
 */
const typeDefs = `
  enum SearchType { ${SEARCH_TYPE_NAMES.join(' ')} }
  type SearchHit {
    type: SearchType!
    documentId: ID!
    slug: String
    title: String!
    "Plain text, HTML-escaped, with only <mark>…</mark> inserted around what matched."
    snippet: String!
    score: Float!
    date: Date
  }
  type SearchResults {
    hits: [SearchHit!]!
    pageInfo: Pagination!
  }
  extend type Query {
    "Published articles, organisations and persons ranked for the text q (Chinese segmented, traditional characters accepted)."
    search(q: String!, types: [SearchType!], from: Date, to: Date, organisation: ID, locale: I18NLocaleCode, pagination: PaginationArg): SearchResults!
  }
`;

type Pagination = { page?: number | null; pageSize?: number | null; start?: number | null; limit?: number | null };

type Args = Omit<RawSearchArguments, 'page' | 'pageSize'> & { pagination?: Pagination | null };

/** page/pageSize, or start/limit as the plugin's other lists take them (start rounded down to a page). */
const pageOf = (pagination: Pagination | null | undefined): { page?: number; pageSize?: number } => {
  if (pagination === null || pagination === undefined) return {};
  if (typeof pagination.limit === 'number') {
    const pageSize = pagination.limit;
    return { pageSize, page: pageSize > 0 ? Math.floor((pagination.start ?? 0) / pageSize) + 1 : 1 };
  }
  return { page: pagination.page ?? undefined, pageSize: pagination.pageSize ?? undefined };
};

export const registerSearchGraphQL = (strapi: Core.Strapi): void => {
  strapi
    .plugin('graphql')
    .service('extension')
    .use(({ strapi: app }: { strapi: Core.Strapi }) => ({
      typeDefs,
      resolvers: {
        Query: {
          search: async (_parent: unknown, args: Args) => {
            const { pagination, ...rest } = args;
            const request = await readSearchRequest(app, { ...rest, ...pageOf(pagination) });
            const result = await runSearch(app, request);
            return { hits: result.hits, pageInfo: result.pagination };
          },
        },
      },
      resolversConfig: { 'Query.search': { auth: false } },
    }));
};
