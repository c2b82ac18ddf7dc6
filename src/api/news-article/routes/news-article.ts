import { factories } from '@strapi/strapi';

// The public API is read-only: editors write through the admin panel and the importer.
export default factories.createCoreRouter('api::news-article.news-article', {
  only: ['find', 'findOne'],
  config: {
    find: {
      middlewares: ['global::published-only', { name: 'api::news-article.default-populate', config: { view: 'list' } }],
    },
    findOne: {
      middlewares: ['global::published-only', { name: 'api::news-article.default-populate', config: { view: 'detail' } }],
    },
  },
});
