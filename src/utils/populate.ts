import type { Core } from '@strapi/strapi';

export type PopulateSpec = Record<string, unknown>;

export type DefaultPopulateConfig = {
  list: PopulateSpec;
  detail: PopulateSpec;
  /** A list filtered by equality on this unique field is a detail page looked up by it, such as a slug. */
  detailKey?: string;
  /** The attributes a list returns, when not all: what only a page of one record shows stays out of lists. */
  listFields?: string[];
};

const filtersOneBy = (query: Record<string, unknown>, key: string): boolean => {
  const filters = query.filters;
  if (typeof filters !== 'object' || filters === null) return false;
  const condition = (filters as Record<string, unknown>)[key];
  if (typeof condition === 'string') return true;
  return typeof condition === 'object' && condition !== null && typeof (condition as Record<string, unknown>).$eq === 'string';
};

/**
 * A route middleware that gives a frontend what a list or detail page needs without writing a deep
 * populate. A client that sends its own `populate` gets exactly what it asked for instead, and so
 * does one that sends `fields` without `populate`: it chose its attributes, so it gets no relations
 * it did not name (a lean list for a mini-program is `fields` alone).
 */
export const defaultPopulate =
  (populate: DefaultPopulateConfig) =>
  (config: { view?: 'list' | 'detail' } = {}): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const query = ctx.query as Record<string, unknown>;
    const isDetail = config.view === 'detail' || (populate.detailKey !== undefined && filtersOneBy(query, populate.detailKey));
    // Later route middlewares add what only a page of one record needs (the article's JSON-LD).
    ctx.state.view = isDetail ? 'detail' : 'list';
    if (query.populate === undefined && query.fields === undefined) {
      query.populate = isDetail ? populate.detail : populate.list;
      if (!isDetail && populate.listFields !== undefined) query.fields = populate.listFields;
    }
    await next();
  };

export const organisationSummary = { fields: ['name', 'kind', 'region'] } as const;

export const personWithPositions = {
  fields: ['name', 'nameEn'],
  populate: {
    positions: { populate: { organisation: organisationSummary } },
  },
} as const;
