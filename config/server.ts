import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/utils/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a proxy the client address is the one the nearest proxy appended to X-Forwarded-For
  // (the last entry); the entries before it are whatever the client sent. Rate limits key on it.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('PROXY_MAX_IPS_COUNT', 1) },
  // Webhook payloads carry the entry without its relations: loading them for every write of an import
  // costs a query per relation, and a frontend that wants them fetches the entry anyway.
  webhooks: { populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false) },
  app: {
    keys: (readSecret('APP_KEYS') ?? '').split(',').filter((key) => key !== ''),
  },
});
