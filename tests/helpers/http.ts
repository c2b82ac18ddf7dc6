import request from 'supertest';
import type { Core } from '@strapi/strapi';

export const rest = (strapi: Core.Strapi) => request(strapi.server.httpServer);

export type GraphQLResponse = { status: number; body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string }> } };

export const graphql = async (
  strapi: Core.Strapi,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {}
): Promise<GraphQLResponse> => {
  const response = await request(strapi.server.httpServer).post('/graphql').set(headers).send({ query, variables });
  return { status: response.status, body: response.body };
};
