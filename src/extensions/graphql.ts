import type { Core } from '@strapi/strapi';
import { jsonLdExtension } from '../graphql/json-ld-field';
import { absoluteBlockImagesInGraphQL } from '../media/public-urls';
import { canReadDrafts, type AuthState } from '../utils/draft-access';
import { NEWSROOM_TYPES } from '../content-types';

type GraphQLContext = {
  state?: { auth?: AuthState };
  rootQueryArgsByPath?: Map<string | number, Record<string, unknown>>;
};

type ResolverInfo = { path: { key: string | number } };

type Resolve = (parent: unknown, args: Record<string, unknown>, context: GraphQLContext, info: ResolverInfo) => unknown;

/**
 * Pins a root query to published content unless the caller may read drafts. The GraphQL plugin
 * copies the root arguments aside before any resolver runs and nested relations inherit `status`
 * from that copy, so the copy is pinned too, or a published article would list draft people.
 */
const publishedOnly = async (
  resolve: Resolve,
  parent: unknown,
  args: Record<string, unknown>,
  context: GraphQLContext,
  info: ResolverInfo
): Promise<unknown> => {
  if (canReadDrafts(context.state?.auth)) return resolve(parent, args, context, info);
  const { hasPublishedVersion: _hasPublishedVersion, publicationFilter: _publicationFilter, ...rest } = args;
  const pinned = { ...rest, status: 'published' };
  const rootArgs = context.rootQueryArgsByPath?.get(info.path.key);
  if (rootArgs !== undefined) {
    rootArgs.status = 'published';
    delete rootArgs.hasPublishedVersion;
    delete rootArgs.publicationFilter;
  }
  return resolve(parent, pinned, context, info);
};

export const configureGraphQL = (strapi: Core.Strapi): void => {
  const extension = strapi.plugin('graphql').service('extension');
  for (const uid of NEWSROOM_TYPES) {
    // The public API is read-only; editors write through the admin panel and the importer.
    extension.shadowCRUD(uid).disableMutations();
  }
  extension.use(({ strapi: app }: { strapi: Core.Strapi }) => {
    const naming = app.plugin('graphql').service('utils').naming;
    const resolversConfig: Record<string, { middlewares: Array<typeof publishedOnly> }> = {};
    for (const uid of NEWSROOM_TYPES) {
      const contentType = app.contentType(uid);
      for (const field of [
        naming.getFindQueryName(contentType),
        naming.getFindOneQueryName(contentType),
        naming.getFindConnectionQueryName(contentType),
      ]) {
        resolversConfig[`Query.${field}`] = { middlewares: [publishedOnly] };
      }
    }
    return { resolversConfig };
  });
  extension.use(({ strapi: app }: { strapi: Core.Strapi }) => jsonLdExtension(app));
  extension.use(({ strapi: app }: { strapi: Core.Strapi }) => absoluteBlockImagesInGraphQL(app, NEWSROOM_TYPES));
};
