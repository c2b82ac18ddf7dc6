import type { TypedDocumentString } from '../gql/graphql';

/** Where the Strapi server is; read per request so one build runs against any server. */
export const strapiUrl = (): string => (process.env.STRAPI_URL ?? 'http://localhost:1337').replace(/\/+$/, '');

type GraphQLResponse<TResult> = { data?: TResult | null; errors?: Array<{ message: string }> };

/** Queries need no variables when every variable is optional. */
type VariablesArgument<TVariables> = TVariables extends Record<string, never> ? [] : [TVariables];

/**
 * Sends one of the site's generated queries to Strapi's public GraphQL endpoint, anonymously (the
 * public API serves published content only), and returns its data with the generated result type.
 * A GraphQL error is a failure of the page, not an empty page.
 */
export const execute = async <TResult, TVariables>(
  query: TypedDocumentString<TResult, TVariables>,
  ...[variables]: VariablesArgument<TVariables>
): Promise<TResult> => {
  const response = await fetch(`${strapiUrl()}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: query.toString(), variables }),
  });
  const body = (await response.json()) as GraphQLResponse<TResult>;
  if (body.errors !== undefined && body.errors.length > 0) {
    throw new Error(`GraphQL: ${body.errors.map((error) => error.message).join('; ')}`);
  }
  if (!response.ok || body.data === undefined || body.data === null) throw new Error(`GraphQL: HTTP ${response.status} without data`);
  return body.data;
};
