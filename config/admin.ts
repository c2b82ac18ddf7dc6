import type { Core } from '@strapi/strapi';
import { previewUrl } from '../src/preview/route';
import { readSecret } from '../src/utils/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: readSecret('ADMIN_JWT_SECRET') ?? '',
  },
  apiToken: {
    salt: readSecret('API_TOKEN_SALT') ?? '',
  },
  transfer: {
    token: {
      salt: readSecret('TRANSFER_TOKEN_SALT') ?? '',
    },
  },
  secrets: {
    encryptionKey: readSecret('ENCRYPTION_KEY') ?? '',
  },
  // Strapi's own login lockout (koa2-ratelimit, in memory, 5 attempts per e-mail and IP counting
  // successes too) is replaced by global::rate-limit: failures only, per IP and per IP and e-mail,
  // shared by every instance through Redis when REDIS_URL is set.
  rateLimit: { enabled: false },
  flags: {
    nps: false,
    promoteEE: false,
  },
  autoOpen: false,
  preview: {
    enabled: env.bool('PREVIEW_ENABLED', true),
    config: {
      allowedOrigins: env.array('PREVIEW_ALLOWED_ORIGINS', ["'self'"]),
      handler: (uid: string, params: { documentId: string; locale?: string; status?: string }) => previewUrl(strapi, uid, params),
    },
  },
  watchIgnoreFiles: ['**/.tmp/**', '**/tests/**', '**/bench/**'],
});
