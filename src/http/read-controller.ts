import type { Core } from '@strapi/strapi';
import { sanitizeOutputWith } from './output-sanitizer';
import { preparedQueriesWith } from './query-preparation';

/**
 * What the newsroom types' core controllers replace of Strapi's, through the documented extension
 * point (`createCoreController(uid, ({ strapi }) => ({ ... }))`): the output is sanitized in one
 * pass (output-sanitizer.ts) and the query's populate, sort and fields are validated and sanitized
 * once per distinct value and caller's rights (query-preparation.ts). Each gives the same result as
 * Strapi's; the API tests compare them.
 */
export const readControllerOf =
  (uid: string) =>
  ({ strapi }: { strapi: Core.Strapi }) => ({
    ...sanitizeOutputWith(uid)({ strapi }),
    ...preparedQueriesWith(uid)({ strapi }),
  });
