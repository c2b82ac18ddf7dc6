import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sanitizeOutputWith } from './output-sanitizer';
import { preparedQueriesWith } from './query-preparation';
import { narrowRelationFilters } from './relation-filters';

/**
 * What the newsroom types' core controllers replace of Strapi's, through the documented extension
 * point (`createCoreController(uid, ({ strapi }) => ({ ... }))`): the output is sanitized in one
 * pass (output-sanitizer.ts), the query's populate, sort and fields are validated and sanitized
 * once per distinct value and caller's rights (query-preparation.ts), and a filter on one related
 * document is answered from its link table (relation-filters.ts). Each gives the same result as
 * Strapi's; the API tests compare them.
 */
export const readControllerOf =
  (uid: string) =>
  ({ strapi }: { strapi: Core.Strapi }) => {
    const prepared = preparedQueriesWith(uid)({ strapi });
    return {
      ...sanitizeOutputWith(uid)({ strapi }),
      ...prepared,
      async sanitizeQuery(ctx: Context) {
        return narrowRelationFilters(strapi, uid, await prepared.sanitizeQuery(ctx));
      },
    };
  };
