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
