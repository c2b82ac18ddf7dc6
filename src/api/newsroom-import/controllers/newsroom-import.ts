import type { Core } from '@strapi/strapi';
import type { UploadedFile } from '../services/newsroom-import';

const MAX_FILES = 500;

const uploadedFiles = (ctx: Parameters<Core.MiddlewareHandler>[0]): UploadedFile[] => {
  const files = (ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }).files ?? {};
  return Object.values(files).flatMap((value) => (Array.isArray(value) ? value : [value]));
};

const handle = (dryRun: boolean) => async (ctx: Parameters<Core.MiddlewareHandler>[0]) => {
  const files = uploadedFiles(ctx);
  if (files.length === 0) return ctx.badRequest('Send one or more pages as multipart form data (field "files").');
  if (files.length > MAX_FILES) return ctx.badRequest(`At most ${MAX_FILES} pages per upload; use the command line for more.`);
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const locale = typeof body.locale === 'string' && body.locale !== '' ? body.locale : 'zh-Hans';
  const publish = body.publish === 'true' || body.publish === true;
  const report = await strapi.service('api::newsroom-import.newsroom-import').importUploads(files, { dryRun, publish: publish && !dryRun, locale });
  ctx.body = report;
};

/** Bulk import from the browser: `analyse` is the dry-run plan, `run` imports. */
export default {
  analyse: handle(true),
  run: handle(false),
};
