import { factories } from '@strapi/strapi';

// Bounds apply after the default populate, so the defaults are held to them too.
const BOUNDS = { name: 'global::query-bounds', config: { uid: 'api::news-article.news-article' } };

// Innermost, so a read again in the fallback locale goes through the same query the others made.
const fallback = (action: 'find' | 'findOne') => ({ name: 'global::locale-fallback', config: { uid: 'api::news-article.news-article', action } });
// Inside the bounds, so the response-size ceiling counts the JSON-LD too; outside the fallback, so
// an article read in the fallback locale has its JSON-LD.
const JSON_LD = 'api::news-article.json-ld';

// The public API is read-only: editors write through the admin panel and the importer.
export default factories.createCoreRouter('api::news-article.news-article', {
  only: ['find', 'findOne'],
  config: {
    find: {
      middlewares: ['global::published-only', { name: 'api::news-article.default-populate', config: { view: 'list' } }, BOUNDS, JSON_LD, fallback('find')],
    },
    findOne: {
      middlewares: ['global::published-only', { name: 'api::news-article.default-populate', config: { view: 'detail' } }, BOUNDS, JSON_LD, fallback('findOne')],
    },
  },
});
