import { factories } from '@strapi/strapi';

// Bounds apply after the default populate, so the defaults are held to them too.
const BOUNDS = { name: 'global::query-bounds', config: { uid: 'api::news-article.news-article' } };

// Inside the bounds, so the response-size ceiling counts the JSON-LD too.
const JSON_LD = 'api::news-article.json-ld';

// The public API is read-only: editors write through the admin panel and the importer.
export default factories.createCoreRouter('api::news-article.news-article', {
  only: ['find', 'findOne'],
  config: {
    find: {
      middlewares: ['global::published-only', { name: 'api::news-article.default-populate', config: { view: 'list' } }, BOUNDS, JSON_LD],
    },
    findOne: {
      middlewares: ['global::published-only', { name: 'api::news-article.default-populate', config: { view: 'detail' } }, BOUNDS, JSON_LD],
    },
  },
});
