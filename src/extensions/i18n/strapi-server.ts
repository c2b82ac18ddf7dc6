import type { Core } from '@strapi/strapi';
import { contentChanged } from '../../cache/content-version';
import { withSharedDefaultLocale, type LocalesService } from '../../i18n/default-locale';

/**
 * The i18n plugin, extended through Strapi's extension point (not patched): its locales service
 * reads the default locale once per Document Service operation instead of once per relation
 * (src/i18n/default-locale.ts, with the document middleware in src/index.ts), and a new default
 * moves the content version on, so no cached public response keeps listing the old default's articles.
 */

type Factory = (context: { strapi: Core.Strapi }) => LocalesService;

type I18nPlugin = { services: Record<string, unknown> };

export default (plugin: I18nPlugin): I18nPlugin => {
  const locales = plugin.services.locales as Factory;
  plugin.services.locales = (context: { strapi: Core.Strapi }) => withSharedDefaultLocale(locales(context), () => contentChanged(context.strapi));
  return plugin;
};
