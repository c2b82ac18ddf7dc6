import type { Core } from '@strapi/strapi';
import { buildAllowList, PERSISTED_QUERIES, requestedQueryId } from '../graphql/persisted-queries';

type Context = Parameters<Core.MiddlewareHandler>[0];

const refuse = (ctx: Context, status: number, code: string, message: string): void => {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { errors: [{ message, extensions: { code } }] };
};

/**
 * GraphQL over GET, for CDNs: `GET /graphql?queryId=<name or sha256>&variables=<json>` runs one of
 * the allow-listed queries (src/graphql/persisted-queries.ts); a GET that sends its own query text
 * is refused, so a cacheable URL can only ever run a reviewed query, and a mutation never runs on a
 * GET. The request is handed to Apollo as an ordinary GET query, so every limit of
 * src/graphql/hardening.ts applies to it as to a POST.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const allowList = buildAllowList(PERSISTED_QUERIES);
  const endpoint = strapi.plugin('graphql').config('endpoint') as string;

  return async (ctx, next) => {
    if (ctx.path !== endpoint || ctx.method !== 'GET') return next();
    const query = ctx.query as Record<string, unknown>;
    // The landing page (a browser opening /graphql) stays as the GraphQL plugin configures it.
    if (Object.keys(query).length === 0) return next();
    if (query.query !== undefined) {
      return refuse(ctx, 400, 'PERSISTED_QUERY_REQUIRED', 'GraphQL over GET runs only allow-listed queries: pass queryId=<name or sha256>. Send any other query by POST.');
    }
    const id = requestedQueryId(query);
    const persisted = id === undefined ? undefined : allowList.get(id);
    if (persisted === undefined) {
      return refuse(ctx, 404, 'PERSISTED_QUERY_NOT_FOUND', `No allow-listed query is named ${JSON.stringify(id ?? '')}.`);
    }
    if (query.variables !== undefined && typeof query.variables !== 'string') {
      return refuse(ctx, 400, 'BAD_REQUEST', 'variables must be given once, as JSON.');
    }
    const search = new URLSearchParams({ query: persisted.query, operationName: persisted.name });
    if (typeof query.variables === 'string') search.set('variables', query.variables);
    ctx.url = `${endpoint}?${search.toString()}`;
    // Apollo's CSRF guard refuses a GET without a preflight header, since a GET query could be
    // sent by any page; an allow-listed query is a read, so it is let through as if preflighted.
    ctx.request.headers['apollo-require-preflight'] = 'true';
    return next();
  };
};
