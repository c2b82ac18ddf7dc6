import type { Core } from '@strapi/strapi';
import { withRelationBatching } from '../graphql/relation-batching';

/** Gives each GraphQL request its own relation batcher (see src/graphql/relation-batching.ts). */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const endpoint = strapi.plugin('graphql').config('endpoint') as string;
  return async (ctx, next) => {
    if (ctx.path !== endpoint) return next();
    return withRelationBatching(strapi, () => next());
  };
};
