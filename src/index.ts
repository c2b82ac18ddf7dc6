import type { Core } from '@strapi/strapi';
import { configureContentManager } from './bootstrap/content-manager';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { ensureEditorRole } from './bootstrap/editors';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicPermissions } from './bootstrap/permissions';
import { articleSlugMiddleware } from './documents/article-slug';
import { relationSyncMiddleware } from './documents/relation-sync';
import { publishLinksMiddleware } from './documents/publish-links';
import { safeDeleteMiddleware } from './documents/safe-delete';
import { registerPreviewRoute } from './preview/route';
import { registerSyndicationRoutes } from './syndication/routes';
import { contentVersionMiddleware } from './cache/content-version';
import { configureGraphQL } from './extensions/graphql';
import { installRelationBatching } from './graphql/relation-batching';
import { graphqlRelationFiltersMiddleware } from './graphql/relation-filters';
import { ensureNaturalKeyIndexes, forgetImportKeyOnClone } from './database/natural-keys';
import { ensureSearchIndex, searchIndexMiddleware } from './search/indexer';
import { registerSearchGraphQL } from './search/graphql';
import { registerMergeRoutes } from './merge/routes';
import { registerReviewQueueRoutes } from './review/routes';
import { ensurePersonLabels, personLabelMiddleware } from './review/person-label';
import { reviewResolutionMiddleware } from './review/resolution-middleware';
import { withOneDefaultLocaleRead } from './i18n/default-locale';
import { transactionModeMiddleware } from './database/sqlite-transactions';
import { narrowDocumentEventReads } from './documents/event-reads';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Around everything an operation runs, nested operations included: one read of the default locale.
    strapi.documents.use((_context, next) => withOneDefaultLocaleRead(next));
    // On SQLite, an operation's transaction takes the write lock up front unless it only reads.
    strapi.documents.use(transactionModeMiddleware);
    // Outermost of the rest: an article's links are published before any other middleware sees the article's publish.
    strapi.documents.use(publishLinksMiddleware(strapi));
    strapi.documents.use(safeDeleteMiddleware(strapi));
    // The organisation's aliases, edited as a list of names (src/admin/components/AliasesInput.tsx); stored as JSON.
    strapi.customFields.register({ name: 'aliases', type: 'json' });
    strapi.documents.use(articleSlugMiddleware(strapi));
    strapi.documents.use(relationSyncMiddleware(strapi));
    strapi.documents.use(contentVersionMiddleware(strapi));
    // Inside the content version's: the index is written before the version moves on, so a response
    // cached for the new version never holds the old search results.
    strapi.documents.use(searchIndexMiddleware(strapi));
    strapi.documents.use(forgetImportKeyOnClone);
    strapi.documents.use(personLabelMiddleware(strapi));
    strapi.documents.use(reviewResolutionMiddleware(strapi));
    strapi.documents.use(graphqlRelationFiltersMiddleware(strapi));
    configureGraphQL(strapi);
    registerSearchGraphQL(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    installRelationBatching(strapi);
    narrowDocumentEventReads(strapi);
    await ensureNaturalKeyIndexes(strapi);
    await ensureSearchIndex(strapi);
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
    await ensurePersonLabels(strapi);
    await configureContentManager(strapi);
    await ensureFirstAdmin(strapi);
    await ensureEditorRole(strapi);
    registerPreviewRoute(strapi);
    registerSyndicationRoutes(strapi);
    registerMergeRoutes(strapi);
    // The admin panel's Import page calls these with the editor's admin session.
    const importRoutes: Array<['POST' | 'GET', string, string]> = [
      ['POST', '/analyse', 'analyse'],
      ['POST', '/run', 'run'],
      ['GET', '/jobs', 'jobs'],
      ['GET', '/jobs/:id', 'job'],
      ['POST', '/jobs/:id/cancel', 'cancel'],
    ];
    strapi.server.routes({
      type: 'admin',
      prefix: '/newsroom-import',
      routes: importRoutes.map(([method, path, action]) => ({
        method,
        path,
        info: { apiName: 'newsroom-import', type: 'admin' as const },
        handler: `api::newsroom-import.newsroom-import.${action}`,
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      })),
    });
    registerReviewQueueRoutes(strapi);
    // Import jobs start running once the server is up (src/import/jobs/queue.ts).
    await strapi.service('api::newsroom-import.newsroom-import').queue();
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('api::newsroom-import.newsroom-import').stopQueue();
  },
};
