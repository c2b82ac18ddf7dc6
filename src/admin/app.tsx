import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Editors work mostly in Chinese; each can switch between 简体中文 and English in their profile.
    locales: ['zh-Hans'],
  },
  bootstrap(_app: StrapiApp) {},
};
