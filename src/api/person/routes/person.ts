import { factories } from '@strapi/strapi';

// Bounds apply after the default populate, so the defaults are held to them too.
const BOUNDS = { name: 'global::query-bounds', config: { uid: 'api::person.person' } };

// The public API is read-only: editors write through the admin panel and the importer.
export default factories.createCoreRouter('api::person.person', {
  only: ['find', 'findOne'],
  config: {
    find: {
      middlewares: ['global::published-only', { name: 'api::person.default-populate', config: { view: 'list' } }, BOUNDS],
    },
    findOne: {
      middlewares: ['global::published-only', { name: 'api::person.default-populate', config: { view: 'detail' } }, BOUNDS],
    },
  },
});
