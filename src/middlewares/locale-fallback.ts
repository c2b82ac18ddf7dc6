import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type Config = { uid?: UID.ContentType; action?: 'find' | 'findOne' };

type Body = { data?: unknown; meta?: Record<string, unknown> };

const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const isMissing = (ctx: { status: number; body: unknown }, action: 'find' | 'findOne'): boolean => {
  const body = ctx.body as Body | null | undefined;
  if (action === 'findOne') return ctx.status === 404 || body === null || body === undefined || body.data === null || body.data === undefined;
  return Array.isArray(body?.data) && body.data.length === 0;
};

/**
 * Route middleware for the public reads: `?locale=en&fallbackLocale=zh-Hans` answers in the
 * fallback locale where the requested one has nothing: an article read by documentId that has no
 * `en` version, or a list (a slug lookup, say) with no `en` entries. The answer says so in
 * `meta.fallback` ({ requestedLocale, locale }), and each entry's own `locale` is the one it is in.
 * A list with some `en` entries is answered in `en` alone: merging two locales' pages would make
 * pagination mean nothing.
 *
 * It is the innermost route middleware, so the query it reads again is the one the other route
 * middlewares made (published only, default populate, bounds); it asks the route's controller
 * again with only the locale changed. Types that are not localized answer the same in every
 * locale, so the parameter changes nothing there.
 */
export default (config: Config, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const { uid, action } = config;
  if (uid === undefined || action === undefined) throw new Error('global::locale-fallback needs the route uid and action');
  return async (ctx, next) => {
    const query = ctx.query as Record<string, unknown>;
    const fallback = query.fallbackLocale;
    // Strapi's strict query validation knows nothing of the parameter; it is this middleware's alone.
    delete query.fallbackLocale;
    if (fallback === undefined) return next();
    if (typeof fallback !== 'string' || !LOCALE.test(fallback)) throw new errors.ValidationError('fallbackLocale must be one locale code, such as zh-Hans');
    await next();
    const requested = typeof query.locale === 'string' ? query.locale : undefined;
    const localized = (strapi.contentType(uid) as { pluginOptions?: { i18n?: { localized?: boolean } } }).pluginOptions?.i18n?.localized === true;
    if (!localized || requested === fallback || !isMissing(ctx, action)) return;
    query.locale = fallback;
    const controller = strapi.controller(uid) as unknown as Record<typeof action, (context: typeof ctx) => Promise<unknown>>;
    const answer = (await controller[action](ctx)) as Body | null | undefined;
    if (answer === null || answer === undefined || isMissing({ status: 200, body: answer }, action)) return;
    const defaultLocale = requested ?? ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
    ctx.status = 200;
    ctx.body = { ...answer, meta: { ...(answer.meta ?? {}), fallback: { requestedLocale: defaultLocale, locale: fallback } } };
  };
};
