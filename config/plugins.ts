import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/utils/secrets';
import { publicGraphQLConfig } from '../src/graphql/hardening';
import { readPublicQueryLimits } from '../src/graphql/limits';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: readSecret('JWT_SECRET'),
      // Frontends read anonymously; nobody signs up through the public API.
      register: { allowedFields: [] },
    },
  },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // The 5.54 defaults are unbounded: without these, `limit: -1` returns every row and a nested
      // query can walk the whole graph. Page, depth, cost, alias and size limits, introspection and
      // the landing page are set from the environment (see src/graphql/limits.ts).
      ...publicGraphQLConfig(readPublicQueryLimits(process.env)),
    },
  },
  upload: {
    config: {
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT_BYTES', 20 * 1024 * 1024),
      breakpoints: { large: 1000, medium: 750, small: 500 },
    },
  },
});
