/**
 * The most expensive public queries the default limits still allow (src/graphql/limits.ts): the
 * hostile-query measure checks they are answered, and the soak puts them in its mix.
 */

/** 100 articles × 100 people × 25 articles each, and 100 organisations: 270,100 rows by the estimate, under 300,000. */
export const WORST_GRAPHQL =
  '{ newsArticles(pagination: { limit: 100 }) { title slug mentionedPersons(pagination: { limit: 100 }) { name mentionedInArticles(pagination: { limit: 25 }) { title } } mentionedOrganisations(pagination: { limit: 100 }) { name } } }';

/** 100 articles, three populate levels, one to-many relation per path. */
export const WORST_REST =
  '/api/news-articles?pagination[pageSize]=100&populate[mentionedPersons][populate][positions][populate][organisation]=true&populate[mentionedOrganisations][populate][parent]=true&populate[source][populate][publisher]=true&populate[quotes][populate][speaker]=true';
