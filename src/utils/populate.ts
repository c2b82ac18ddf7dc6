import type { Core } from '@strapi/strapi';

export type PopulateSpec = Record<string, unknown>;

export type DefaultPopulateConfig = { list: PopulateSpec; detail: PopulateSpec };

/**
 * A route middleware that gives a frontend what a list or detail page needs without writing a deep
 * populate. A client that sends its own `populate` gets exactly what it asked for instead.
 */
export const defaultPopulate =
  (populate: DefaultPopulateConfig) =>
  (config: { view?: 'list' | 'detail' } = {}): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const query = ctx.query as Record<string, unknown>;
    if (query.populate === undefined) {
      query.populate = config.view === 'detail' ? populate.detail : populate.list;
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
