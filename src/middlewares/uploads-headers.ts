import type { Core } from '@strapi/strapi';

/**
 * Headers for the media library's files, which the upload plugin's own route serves from
 * public/uploads (koa-static, after every global middleware). Whatever a file holds, even one stored
 * before uploads were checked, it is never active content on this origin:
 * - a sandboxed CSP without allow-scripts runs no script and gives the document an opaque origin;
 * - nosniff makes the browser keep the declared type (no HTML sniffed out of an "image");
 * - anything that is not a raster image is downloaded, not displayed.
 */
export const UPLOADS_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']);

export const isInline = (contentType: string): boolean => INLINE_TYPES.has(contentType.split(';')[0].trim().toLowerCase());

export default (): Core.MiddlewareHandler => async (ctx, next) => {
  if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith('/uploads/')) return next();
  await next();
  ctx.set('Content-Security-Policy', UPLOADS_CSP);
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (ctx.status === 200 || ctx.status === 206) {
    if (!isInline(ctx.response.type)) ctx.set('Content-Disposition', 'attachment');
  }
};
