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

export type RawResponse = { status: number; headers: import('http').IncomingHttpHeaders; body: Buffer };

/**
 * A GET whose body is returned as the bytes on the wire: supertest decompresses, and a test of
 * compression needs to see what was sent.
 */
export const rawGet = async (strapi: Core.Strapi, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> => {
  const http = require('http') as typeof import('http');
  const server = strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as import('net').AddressInfo;
    return await new Promise<RawResponse>((resolve, reject) => {
      http
        .request({ host: '127.0.0.1', port, path, headers, method, agent: false }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        })
        .on('error', reject)
        .end();
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
};
