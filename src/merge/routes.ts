import type { Core } from '@strapi/strapi';

/** The admin panel's Merge dialog calls these with the editor's admin session; the controller checks the editor's rights on the type. */
export const registerMergeRoutes = (strapi: Core.Strapi): void => {
  strapi.server.routes({
    type: 'admin',
    prefix: '/newsroom-merge',
    routes: ['preview', 'run'].map((action) => ({
      method: 'POST' as const,
      path: `/${action}`,
      info: { apiName: 'newsroom-merge', type: 'admin' as const },
      handler: `api::newsroom-merge.newsroom-merge.${action}`,
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    })),
  });
};
