import type { Core } from '@strapi/strapi';

export const DEFAULT_LOCALE = { code: 'zh-Hans', name: 'Chinese (Simplified) (zh-Hans)' } as const;
export const OTHER_LOCALES = [{ code: 'en', name: 'English (en)' }] as const;

/** zh-Hans is the default and en is available; safe to run on every boot. */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of [DEFAULT_LOCALE, ...OTHER_LOCALES]) {
    const existing: unknown = await locales.findByCode(locale.code);
    if (existing === null || existing === undefined) {
      await locales.create({ code: locale.code, name: locale.name });
      strapi.log.info(`Created locale ${locale.code}`);
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE.code) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE.code });
    strapi.log.info(`Default locale set to ${DEFAULT_LOCALE.code}`);
  }
};
