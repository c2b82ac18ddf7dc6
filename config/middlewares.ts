import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // Any origin by default so a new frontend works at once; production lists its own.
      origin: env.array('CORS_ORIGINS', ['*']),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  {
    name: 'global::response-cache',
    config: { enabled: env.bool('RESPONSE_CACHE', true), maxMegabytes: env.int('RESPONSE_CACHE_MAX_MB', 64) },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  'global::relation-batching',
];
