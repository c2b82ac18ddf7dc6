import { factories } from '@strapi/strapi';

// The public API is read-only: editors write through the admin panel and the importer.
export default factories.createCoreRouter('api::person.person', {
  only: ['find', 'findOne'],
  config: {
    find: {
      middlewares: ['global::published-only', { name: 'api::person.default-populate', config: { view: 'list' } }],
    },
    findOne: {
      middlewares: ['global::published-only', { name: 'api::person.default-populate', config: { view: 'detail' } }],
    },
  },
});
