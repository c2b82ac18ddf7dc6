/**
 * The public search endpoint (src/search/): no token needed, published content only. GraphQL has
 * the same search as `Query.search` (src/search/graphql.ts).
 */
export default {
  type: 'content-api',
  routes: [{ method: 'GET', path: '/search', handler: 'search.find', config: { auth: false } }],
};
