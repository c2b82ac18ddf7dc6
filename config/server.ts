import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/utils/secrets';

// Beside Strapi's own keys, the newsroom's: contentVersion.
export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server & { contentVersion: { coalesceSeconds: number } } => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a proxy the client address is the one the nearest proxy appended to X-Forwarded-For
  // (the last entry); the entries before it are whatever the client sent. Rate limits key on it.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('PROXY_MAX_IPS_COUNT', 1) },
  // Strapi 5.54 no longer reads `populateRelations` (a v4 option): its document events, and so
  // webhook payloads, always carry the entry with its relations (src/import/events.ts sends the same).
  webhooks: { populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false) },
  // A bulk writer (an import) moves the public content version on at most this often, and at its end
  // (src/cache/content-version.ts): readers see an import's pages this many seconds late at most.
  contentVersion: { coalesceSeconds: env.int('CONTENT_VERSION_COALESCE_SECONDS', 5) },
  app: {
    keys: (readSecret('APP_KEYS') ?? '').split(',').filter((key) => key !== ''),
  },
});
