import http from 'http';
import type { AddressInfo } from 'net';
import type { Core } from '@strapi/strapi';
import { rest } from './http';

/** What Strapi posts to a webhook: the event, the type and the entry as its payload builds it. */
export type Receipt = {
  event: string;
  uid: string;
  entry: Record<string, unknown> & { id: number; documentId: string; locale?: string | null; publishedAt?: string | null };
};

export type WebhookReceiver = {
  /** The receipts that arrived since the last call, once nothing more arrives for a while. */
  settled: () => Promise<Receipt[]>;
  close: () => Promise<void>;
};

/** How long the receiver waits for more after the last receipt before it calls the receipts complete. */
const QUIET_MS = 800;

/**
 * A real HTTP receiver on a local port, and a webhook to it for `events` made through the admin
 * API, as a frontend team sets one up. Webhooks are sent from a queue after a write returns, so the
 * receipts of a write are complete when nothing more arrives for a while: tests assert what arrived,
 * never how fast.
 */
export const startWebhookReceiver = async (
  strapi: Core.Strapi,
  adminToken: string,
  options: { events: string[]; headers?: Record<string, string> }
): Promise<WebhookReceiver> => {
  let receipts: Receipt[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      receipts.push(JSON.parse(body) as Receipt);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await rest(strapi)
    .post('/admin/webhooks')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({ name: 'site revalidation', url: `http://127.0.0.1:${port}/revalidate`, headers: options.headers ?? {}, events: options.events })
    .expect(201);
  return {
    settled: async () => {
      let seen = -1;
      while (seen !== receipts.length) {
        seen = receipts.length;
        await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      }
      const taken = receipts;
      receipts = [];
      return taken;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
