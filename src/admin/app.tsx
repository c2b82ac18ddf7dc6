import type React from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { BulletList, Upload } from '@strapi/icons';
import mergeMessages from './messages/merge';
import review from './messages/review';
import { chineseAdmin } from './messages/chinese-admin';
import { MergeAction } from './merge/MergeAction';
import { disableGuidedTour, editorRoutes } from './editor-navigation';
import { INJECT_COLUMN_IN_TABLE, chineseListColumns } from './list-columns';
import { publishMessages } from './messages/publish';

export default {
  config: {
    // Editors work mostly in Chinese; each can switch between 简体中文 and English in their profile.
    locales: ['zh-Hans'],
    translations: {
      en: { ...chineseAdmin.en, 'newsroom-import.menu': 'Import pages', ...mergeMessages.en, ...review.en, ...publishMessages.en },
      'zh-Hans': { ...chineseAdmin['zh-Hans'], 'newsroom-import.menu': '导入网页', ...mergeMessages['zh-Hans'], ...review['zh-Hans'], ...publishMessages['zh-Hans'] },
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
    app.addMenuLink({
      to: 'review-queue',
      icon: BulletList,
      intlLabel: { id: 'review-queue.menu', defaultMessage: 'Review queue' },
      Component: () => import('./pages/ReviewPage'),
      permissions: [],
    });
    // The organisation's aliases as a list of names; stored as JSON as before (src/index.ts registers it on the server).
    app.customFields.register({
      name: 'aliases',
      type: 'json',
      intlLabel: { id: 'aliases.label', defaultMessage: 'Aliases' },
      intlDescription: { id: 'aliases.description', defaultMessage: 'Short or other names, one per line' },
      // The content manager passes the field's props (name, value, onChange…); the registry types them as none.
      components: { Input: async () => (await import('./components/AliasesInput')) as unknown as { default: React.ComponentType } },
    });
    app.router.addRoute(editorRoutes);
  },
  bootstrap(app: StrapiApp) {
    disableGuidedTour();
    app.registerHook(INJECT_COLUMN_IN_TABLE, chineseListColumns);
    (app.getPlugin('content-manager').apis as { addDocumentAction: (add: (actions: unknown[]) => unknown[]) => void }).addDocumentAction((actions) => [...actions, MergeAction]);
  },
};
