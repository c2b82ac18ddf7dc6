import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import { strapiCorsOptions } from '../src/middlewares/cors-policy';
import { uploadMediaOrigin } from '../src/media/s3-provider';

const MEGABYTE = 1024 * 1024;

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  // The public read API is open to CORS_ORIGINS without credentials; everything else is
  // same-origin unless an origin is listed in CORS_CREDENTIALS_ORIGINS.
  const corsPolicy = { publicOrigins: env.array('CORS_ORIGINS', ['*']), credentialOrigins: env.array('CORS_CREDENTIALS_ORIGINS', []) };
  // With uploads in S3 the admin panel shows media from the bucket's origin, which its CSP must allow.
  // strapi::security fills in its defaults index by index, so each list repeats Strapi's own first.
  const mediaOrigin = uploadMediaOrigin(process.env);
  const security =
    mediaOrigin === null
      ? 'strapi::security'
      : {
          name: 'strapi::security',
          config: {
            contentSecurityPolicy: {
              directives: { 'img-src': [...CSP_DEFAULTS['img-src'], mediaOrigin], 'media-src': [...CSP_DEFAULTS['media-src'], mediaOrigin] },
            },
          },
        };
  return [
    'strapi::logger',
    'strapi::errors',
    security,
    // Media library files are never active content on this origin (CSP sandbox, nosniff, downloads).
    'global::uploads-headers',
    // Holds every response to the CORS policy, also where a route adds its own headers (GraphQL).
    { name: 'global::cors-policy', config: { policy: corsPolicy } },
    // Preflights are cached ten minutes, not Strapi's default year.
    { name: 'strapi::cors', config: strapiCorsOptions(corsPolicy, env.int('CORS_MAX_AGE_SECONDS', 600)) },
    'strapi::poweredBy',
    'strapi::query',
    {
      // Private per-request temp files (0600 in a 0700 directory), removed on every path; 400 for a
      // malformed body, 413 for a part over the limit. The upload routes use the upload sizeLimit.
      name: 'global::multipart',
      config: {
        directory: env('MULTIPART_TMP_DIR', undefined),
        maxPartBytes: env.int('MULTIPART_MAX_PART_BYTES', 20 * MEGABYTE),
        maxTotalBytes: env.int('MULTIPART_MAX_TOTAL_BYTES', 200 * MEGABYTE),
        maxFields: env.int('MULTIPART_MAX_FIELDS', 1000),
        maxFieldsBytes: env.int('MULTIPART_MAX_FIELDS_BYTES', 2 * MEGABYTE),
      },
    },
    // Multipart is parsed by global::multipart above; strapi::body keeps JSON, forms and text.
    { name: 'strapi::body', config: { multipart: false } },
    'global::upload-safety',
    {
      name: 'global::rate-limit',
      config: {
        redisUrl: env('REDIS_URL', ''),
        keyPrefix: env('RATE_LIMIT_PREFIX', 'newsroom-rate'),
        exemptIps: env.array('RATE_LIMIT_EXEMPT_IPS', []),
        login: { points: env.int('RATE_LIMIT_LOGIN', 20), seconds: env.int('RATE_LIMIT_LOGIN_SECONDS', 15 * 60) },
        loginPerAccount: { points: env.int('RATE_LIMIT_LOGIN_ACCOUNT', 5), seconds: env.int('RATE_LIMIT_LOGIN_ACCOUNT_SECONDS', 5 * 60) },
        passwordReset: { points: env.int('RATE_LIMIT_PASSWORD_RESET', 5), seconds: env.int('RATE_LIMIT_PASSWORD_RESET_SECONDS', 15 * 60) },
        publicApi: { points: env.int('RATE_LIMIT_PUBLIC_API', 1200), seconds: env.int('RATE_LIMIT_PUBLIC_API_SECONDS', 60) },
      },
    },
    // ETag, 304, Cache-Control, Vary and br/gzip for public reads; `private, no-store` for
    // anything read with a credential. Outside the response cache, so hits get them too.
    {
      name: 'global::http-cache',
      config: {
        maxAge: env.int('HTTP_CACHE_MAX_AGE', 60),
        staleWhileRevalidate: env.int('HTTP_CACHE_STALE_WHILE_REVALIDATE', 300),
        compressionThreshold: env.int('HTTP_COMPRESSION_THRESHOLD_BYTES', 1024),
      },
    },
    {
      name: 'global::response-cache',
      config: { enabled: env.bool('RESPONSE_CACHE', true), maxMegabytes: env.int('RESPONSE_CACHE_MAX_MB', 64) },
    },
    // GET /graphql?queryId=… runs an allow-listed query; after the cache, which keys on the short URL.
    'global::graphql-get',
    // Reads the cache could not answer are admitted a few at a time, first come first served; 0
    // means two per database connection.
    { name: 'global::read-admission', config: { concurrency: env.int('PUBLIC_READ_CONCURRENCY', 0), maxQueued: env.int('PUBLIC_READ_QUEUE', 1000) } },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
    'global::relation-batching',
  ];
};
