import type { Core, Modules } from '@strapi/strapi';
import { isNewsroomType } from '../content-types';
import { narrowRelationFilters } from '../http/relation-filters';
import { inGraphqlRequest } from './relation-batching';

/**
 * GraphQL's "news about this organisation", `newsArticles(filters: { mentionedOrganisations:
 * { documentId: { eq: $id } } })`, is the REST list's filter in another syntax, and Strapi answered
 * it with the same joins, which SQLite runs over every article (src/http/relation-filters.ts). The
 * REST controllers narrow the filter after sanitizing the query; the GraphQL plugin's resolvers are
 * Strapi's own, and call the Document Service with the query they have sanitized. So the same
 * narrowing runs here, on the Document Service's reads made while answering a GraphQL request: the
 * list, its `pageInfo` count and `findFirst`. Reads inside a transaction are left alone, as the
 * narrowing reads the link table outside it.
 */

const LIST_READS = new Set(['findMany', 'findFirst', 'count']);

export const graphqlRelationFiltersMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (!LIST_READS.has(context.action) || !isNewsroomType(context.uid) || !inGraphqlRequest() || strapi.db.inTransaction()) return next();
    context.params = (await narrowRelationFilters(strapi, context.uid, context.params as { filters?: unknown })) as typeof context.params;
    return next();
  };
