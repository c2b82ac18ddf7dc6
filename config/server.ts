import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/utils/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: { koa: env.bool('IS_PROXIED', false) },
  // Webhook payloads carry the entry without its relations: loading them for every write of an import
  // costs a query per relation, and a frontend that wants them fetches the entry anyway.
  webhooks: { populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false) },
  app: {
    keys: (readSecret('APP_KEYS') ?? '').split(',').filter((key) => key !== ''),
  },
});
