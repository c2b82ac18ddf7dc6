import type { Core, Modules } from '@strapi/strapi';
import { firstFreeSlug, slugify } from '../utils/slug';
import { isStagedSlug } from './importer-writes';
import { ARTICLE } from '../content-types';

type Data = { title?: unknown; slug?: unknown };

/**
 * Fills an article's slug from its title when the editor leaves it empty, and keeps slugs unique
 * per locale. Strapi's `uid` field cannot do this: it rejects non-Latin text, and `unique` is not
 * checked for drafts.
 */
export const articleSlugMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== ARTICLE || (context.action !== 'create' && context.action !== 'update')) {
      return next();
    }
    const params = context.params as { data?: Data; documentId?: string; locale?: string };
    const data = params.data;
    if (data === undefined) return next();
    const wantsSlug = typeof data.slug === 'string' && data.slug.trim() !== '';
    if (wantsSlug || typeof data.title !== 'string' || data.title.trim() === '') return next();

    const documentId = params.documentId;
    const locale = params.locale ?? (await strapi.plugin('i18n').service('locales').getDefaultLocale());
    if (documentId !== undefined) {
      const existing = await strapi.db
        .query(ARTICLE)
        .findOne({ where: { documentId, locale }, select: ['slug'] });
      if (existing !== null && typeof existing.slug === 'string' && existing.slug !== '') return next();
    }
    data.slug = await firstFreeSlug(slugify(data.title), async (slug) => {
      const clash = await strapi.db.query(ARTICLE).findOne({
        where: { slug, locale, ...(documentId === undefined ? {} : { documentId: { $ne: documentId } }) },
        select: ['id'],
      });
      return clash !== null || isStagedSlug(strapi, ARTICLE, locale, slug);
    });
    return next();
  };
