import type { Core } from '@strapi/strapi';
import { canReadDrafts } from '../utils/draft-access';

/** Route middleware: pins REST reads to published content unless the caller may read drafts. */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if (!canReadDrafts(ctx.state.auth)) {
    const query = ctx.query as Record<string, unknown>;
    query.status = 'published';
    delete query.hasPublishedVersion;
    delete query.publicationFilter;
  }
  await next();
};
