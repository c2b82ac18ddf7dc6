import type { Core } from '@strapi/strapi';

// Languages by their own names, short, as locale pickers show them: the admin's list column of
// versions stays narrow, and a Chinese editor reads 简体中文 rather than "Chinese (Simplified)".
export const DEFAULT_LOCALE = { code: 'zh-Hans', name: '简体中文 (zh-Hans)' } as const;
export const OTHER_LOCALES = [{ code: 'en', name: 'English (en)' }] as const;

/** The names earlier releases gave the locales; renamed once, while nobody has changed them. */
const FORMER_NAMES: Record<string, string> = { 'zh-Hans': 'Chinese (Simplified) (zh-Hans)' };

/** zh-Hans is the default and en is available; safe to run on every boot. */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const locales = strapi.plugin('i18n').service('locales');
  for (const locale of [DEFAULT_LOCALE, ...OTHER_LOCALES]) {
    const existing: unknown = await locales.findByCode(locale.code);
    if (existing === null || existing === undefined) {
      await locales.create({ code: locale.code, name: locale.name });
      strapi.log.info(`Created locale ${locale.code}`);
    } else if ((existing as { name?: string }).name === FORMER_NAMES[locale.code]) {
      await locales.update({ code: locale.code }, { name: locale.name });
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE.code) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE.code });
    strapi.log.info(`Default locale set to ${DEFAULT_LOCALE.code}`);
  }
};
