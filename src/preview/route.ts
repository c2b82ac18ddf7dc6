import type { Core } from '@strapi/strapi';
import { renderPreview, type PreviewArticle } from './page';
import { createPreviewToken, verifyPreviewToken, type PreviewTarget } from './token';
import { newsArticleJsonLd, type JsonLdArticle } from '../syndication/json-ld';
import { readSiteConfig } from '../syndication/site';
import { ARTICLE } from '../content-types';

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

type Context = Parameters<Core.MiddlewareHandler>[0];

type ArticleController = { findOne: (ctx: unknown) => Promise<{ data: unknown; meta: unknown } | null | undefined> };

/** The query of a verify request: which version of which article, and the token that says one may read it. */
const verifyTarget = (query: Record<string, string | undefined>): { target: PreviewTarget; token: string } | null => {
  if (query.documentId === undefined || query.documentId === '' || query.token === undefined) return null;
  return {
    target: { documentId: query.documentId, locale: query.locale ?? 'zh-Hans', status: query.status === 'published' ? 'published' : 'draft' },
    token: query.token,
  };
};

/**
 * The article as `GET /api/news-articles/:documentId` gives it (the same controller, sanitising and
 * default detail populate), but in the version the token names: the draft, as an editor sees it.
 */
const readLikePublicRest = async (strapi: Core.Strapi, ctx: Context, target: PreviewTarget): Promise<{ data: unknown; meta: unknown } | null> => {
  // The caller's own auth (the public role, unless it sent a token): relations its role may not read are left out, as over REST.
  const inner = {
    params: { id: target.documentId },
    query: { locale: target.locale, status: target.status } as Record<string, unknown>,
    state: { auth: ctx.state.auth, route: ctx.state.route },
  };
  const populate = strapi.middleware('api::news-article.default-populate') as unknown as (config: unknown, context: { strapi: Core.Strapi }) => Core.MiddlewareHandler;
  let response: { data: unknown; meta: unknown } | null | undefined = null;
  await populate({ view: 'detail' }, { strapi })(inner as unknown as Context, async () => {
    response = await (strapi.controller(ARTICLE) as unknown as ArticleController).findOne(inner);
  });
  const found = response as { data: unknown; meta: unknown } | null | undefined;
  if (found === null || found === undefined || found.data === null || found.data === undefined) return null;
  // The public single read carries the article's JSON-LD (its json-ld route middleware); so does its preview.
  if (typeof found.data === 'object') (found.data as Record<string, unknown>).jsonLd = newsArticleJsonLd(found.data as JsonLdArticle, readSiteConfig());
  return found;
};

const refuse = (ctx: Context, status: 400 | 401 | 404, name: string, message: string): void => {
  ctx.status = status;
  ctx.body = { data: null, error: { status, name, message } };
};

/**
 * GET /api/preview/verify: a frontend at PREVIEW_URL is sent `/<documentId>?locale&status&token`
 * by the admin's preview pane and exchanges the four here for the article's data. Without a valid,
 * unexpired token for exactly that document, locale and status there is nothing. Never cached:
 * drafts are not public and the token is short-lived.
 */
const verifyHandler = (strapi: Core.Strapi) => async (ctx: Context) => {
  ctx.set('Cache-Control', 'private, no-store');
  const query = singleValues(ctx.query as Record<string, unknown>);
  if (query === undefined) return refuse(ctx, 400, 'ValidationError', 'Each of documentId, locale, status and token may be given once.');
  const asked = verifyTarget(query);
  if (asked === null || !verifyPreviewToken(asked.token, asked.target, previewSecret(strapi))) {
    return refuse(ctx, 401, 'UnauthorizedError', 'This preview token is invalid or has expired.');
  }
  const found = await readLikePublicRest(strapi, ctx, asked.target);
  if (found === null) return refuse(ctx, 404, 'NotFoundError', 'No such article in this locale and status.');
  ctx.body = found;
};

export const registerPreviewRoute = (strapi: Core.Strapi): void => {
  // In the content API's router (under /api), so that it is authenticated as any public read is:
  // the public role, or the caller's API token. Only a caller that may read an article at all gets
  // past that; the preview token then decides which draft.
  strapi.server.routes({
    type: 'content-api',
    routes: [
      {
        method: 'GET',
        path: '/preview/verify',
        info: { type: 'content-api' },
        config: { auth: { scope: ['api::news-article.news-article.findOne'] } },
        handler: verifyHandler(strapi),
      },
    ],
  } as unknown as Core.Router);
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
