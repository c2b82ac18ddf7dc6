import { AsyncLocalStorage } from 'async_hooks';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { Knex } from 'knex';

export type RequestStatements = {
  reset: () => void;
  read: () => number;
};

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Counts the SQL statements that HTTP requests to `server` cost, and only those. Strapi runs
 * statements of its own on timers no caller controls (the upload plugin's weekly metrics fire 15 s
 * after the first boot), and counting every statement the connection sees made a count flaky. A
 * statement belongs to a request when knex runs it inside the async context the request started,
 * which covers the work the request defers (the GraphQL relation batches run on setImmediate).
 */
export const countRequestStatements = (server: Server, connection: Knex): RequestStatements => {
  const insideRequest = new AsyncLocalStorage<true>();
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  for (const listener of listeners) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) =>
      insideRequest.run(true, () => listener.call(server, request, response))
    );
  }
  let statements = 0;
  connection.on('query', () => {
    if (insideRequest.getStore() === true) statements += 1;
  });
  return {
    reset: () => {
      statements = 0;
    },
    read: () => statements,
  };
};
