import type { Core } from '@strapi/strapi';
import { renderPreview, type PreviewArticle } from './page';
import { createPreviewToken, verifyPreviewToken, type PreviewTarget } from './token';

const ARTICLE = 'api::news-article.news-article';

export const previewSecret = (strapi: Core.Strapi): string => String(strapi.config.get('admin.auth.secret'));

/**
 * Where the admin panel's preview pane points for an article: PREVIEW_URL (a frontend) when it is
 * set, else this server's own preview page. Either way the link carries a signed, short-lived token.
 */
export const previewUrl = (strapi: Core.Strapi, uid: string, params: { documentId: string; locale?: string; status?: string }): string | null => {
  if (uid !== ARTICLE) return null;
  const target: PreviewTarget = { documentId: params.documentId, locale: params.locale ?? 'zh-Hans', status: params.status === 'published' ? 'published' : 'draft' };
  const token = createPreviewToken(target, previewSecret(strapi));
  const query = new URLSearchParams({ locale: target.locale, status: target.status, token });
  const base = process.env.PREVIEW_URL ?? `${strapi.config.get('server.url', '') as string}/preview/news-articles`;
  return `${base.replace(/\/$/, '')}/${encodeURIComponent(target.documentId)}?${query.toString()}`;
};

/**
 * The query as single strings, or undefined when a parameter is repeated (Koa then gives an array)
 * or nested: a link this server made never does either.
 */
export const singleValues = (query: Record<string, unknown>): Record<string, string | undefined> | undefined => {
  const values: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (typeof value !== 'string') return undefined;
    values[name] = value;
  }
  return values;
};

export const registerPreviewRoute = (strapi: Core.Strapi): void => {
  strapi.server.routes([
    {
      method: 'GET',
      path: '/preview/news-articles/:documentId',
      info: { type: 'content-api' },
      config: { auth: false },
      handler: async (ctx: Parameters<Core.MiddlewareHandler>[0]) => {
        const query = singleValues(ctx.query as Record<string, unknown>);
        if (query === undefined) {
          ctx.status = 400;
          ctx.body = 'Each of locale, status and token may be given once.';
          return;
        }
        const target: PreviewTarget = {
          documentId: String(ctx.params.documentId),
          locale: query.locale ?? 'zh-Hans',
          status: query.status === 'published' ? 'published' : 'draft',
        };
        if (query.token === undefined || !verifyPreviewToken(query.token, target, previewSecret(strapi))) {
          ctx.status = 401;
          ctx.body = 'This preview link is invalid or has expired. Open the preview again from the admin panel.';
          return;
        }
        const article = (await strapi.documents(ARTICLE).findOne({
          documentId: target.documentId,
          locale: target.locale,
          status: target.status,
          populate: {
            source: true,
            body: { on: { 'body.paragraph': true, 'body.subheading': true, 'body.photo': { populate: { image: true } } } },
            quotes: { populate: { speaker: true } },
            mentionedPersons: { populate: { positions: { populate: { organisation: true } } } },
          },
        })) as PreviewArticle | null;
        if (article === null) {
          ctx.status = 404;
          ctx.body = 'No such article in this locale and status.';
          return;
        }
        ctx.type = 'text/html; charset=utf-8';
        ctx.set('Cache-Control', 'no-store');
        ctx.body = renderPreview(article, target.status);
      },
    },
  ] as unknown as Core.Route[]);
};
