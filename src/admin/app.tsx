import type { StrapiApp } from '@strapi/strapi/admin';
import { Upload } from '@strapi/icons';

export default {
  config: {
    // Editors work mostly in Chinese; each can switch between 简体中文 and English in their profile.
    locales: ['zh-Hans'],
    translations: {
      en: { 'newsroom-import.menu': 'Import pages' },
      'zh-Hans': { 'newsroom-import.menu': '导入网页' },
    },
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'newsroom-import',
      icon: Upload,
      intlLabel: { id: 'newsroom-import.menu', defaultMessage: 'Import pages' },
      Component: () => import('./pages/ImportPage'),
      permissions: [],
    });
  },
  bootstrap() {},
};
