import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readSearchRequest, runSearch, SearchUnavailableError } from '../../../search/search';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** The query keys the endpoint reads; any other is a client bug, answered with 400 like strictParams does elsewhere. */
const KEYS = new Set(['q', 'type', 'from', 'to', 'organisation', 'locale', 'page', 'pageSize']);

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Context) {
    const query = ctx.query as Record<string, unknown>;
    const unknown = Object.keys(query).filter((key) => !KEYS.has(key));
    if (unknown.length > 0) throw new errors.ValidationError(`Invalid query parameter ${unknown.join(', ')}; search reads ${[...KEYS].join(', ')}`);
    const request = await readSearchRequest(strapi, { ...query, types: query.type });
    try {
      const result = await runSearch(strapi, request);
      ctx.body = { data: result.hits, meta: { pagination: result.pagination } };
    } catch (error) {
      if (!(error instanceof SearchUnavailableError)) throw error;
      ctx.status = 501;
      ctx.body = { data: null, error: { status: 501, name: 'NotImplementedError', message: error.message, details: {} } };
    }
  },
});
