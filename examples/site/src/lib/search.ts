import type { SearchQueryVariables, SearchType } from '../gql/graphql';

const TYPES: readonly SearchType[] = ['article', 'organisation', 'person'];

export type SearchRequest = Pick<SearchQueryVariables, 'q' | 'types' | 'page'> & { types: SearchType[] | null };

/** The search form's query string as the API's arguments; null when there is nothing to search for. */
export const searchRequest = (params: URLSearchParams): SearchRequest | null => {
  const q = (params.get('q') ?? '').trim().slice(0, 100);
  if (q === '') return null;
  const type = TYPES.find((candidate) => candidate === params.get('type'));
  const page = Number(params.get('page') ?? '1');
  return { q, types: type === undefined ? null : [type], page: Number.isInteger(page) && page >= 1 ? page : 1 };
};

export const searchHref = (request: SearchRequest, page: number): string => {
  const params = new URLSearchParams({ q: request.q, page: String(page) });
  if (request.types !== null && request.types[0] !== undefined) params.set('type', request.types[0]);
  return `/search?${params.toString()}`;
};
