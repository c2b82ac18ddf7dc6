import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/utils/secrets';
import { publicGraphQLConfig } from '../src/graphql/hardening';
import { readPublicQueryLimits } from '../src/graphql/limits';
import { uploadProviderConfig } from '../src/media/s3-provider';

/** Old Office formats are sniffed as their container (OLE2, application/x-cfb); the extension names the format. */
const UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/x-cfb',
];

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
      // public/uploads by default; UPLOAD_PROVIDER=aws-s3 and the S3_* variables put uploads in an
      // S3-compatible bucket, which several instances can share (see src/media/s3-provider.ts).
      ...uploadProviderConfig(process.env),
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT_BYTES', 20 * 1024 * 1024),
      breakpoints: { large: 1000, medium: 750, small: 500 },
      // The media a newsroom needs: photos, PDFs and office documents, checked on their content
      // (src/middlewares/upload-safety.ts adds what this check lacks). No SVG: it can carry script.
      // No CSV or plain text either: they have no signature to check, so any page could pass as one.
      security: {
        allowedTypes: env.array('UPLOAD_ALLOWED_TYPES', UPLOAD_TYPES),
        deniedTypes: ['image/svg+xml', 'text/html', 'application/xhtml+xml', 'text/javascript', 'application/javascript', 'application/xml', 'text/xml'],
      },
    },
  },
});
