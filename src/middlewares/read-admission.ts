import type { Core } from '@strapi/strapi';

type Config = { concurrency?: number; maxQueued?: number };

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Public reads: the content API's GETs and GraphQL. Cache hits are answered before this middleware. */
const isPublicRead = (ctx: Context): boolean =>
  ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path.startsWith('/api/')) || (ctx.path === '/graphql' && ctx.method === 'POST');

export type Gate = { enter: () => Promise<boolean>; leave: () => void; waiting: () => number; running: () => number };

/**
 * A first-come, first-served gate of `concurrency` places with a bounded queue. `enter` resolves
 * false, without waiting, when the queue is full.
 */
export const createGate = (concurrency: number, maxQueued: number): Gate => {
  let running = 0;
  const queue: Array<() => void> = [];
  return {
    enter: async () => {
      if (running < concurrency) {
        running += 1;
        return true;
      }
      if (queue.length >= maxQueued) return false;
      await new Promise<void>((resolve) => queue.push(resolve));
      return true;
    },
    leave: () => {
      const next = queue.shift();
      // The place passes straight to the next in line, so `running` does not change.
      if (next !== undefined) next();
      else running -= 1;
    },
    waiting: () => queue.length,
    running: () => running,
  };
};

/**
 * Admits a few public reads at a time, in order of arrival. Without it every request in flight
 * takes turns on the database connections statement by statement, so under a burst the requests
 * with many statements (a list with its relations) wait behind everyone's statements and the
 * slowest wait many times their own cost: at 50 concurrent uncached reads on SQLite, readers were
 * left waiting past ten seconds. Admitted in order, a request waits for those ahead of it only.
 * A full queue is answered 503 with Retry-After instead of holding the connection and the memory,
 * and a request whose reader left while it waited is dropped.
 */
export default (config: Config, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const connections = strapi.db.dialect.client === 'sqlite' ? 1 : Number(strapi.config.get('database.connection.pool.max', 10));
  const concurrency = config.concurrency !== undefined && config.concurrency > 0 ? config.concurrency : Math.max(2, connections * 2);
  const gate = createGate(concurrency, config.maxQueued ?? 1000);
  return async (ctx, next) => {
    if (!isPublicRead(ctx)) return next();
    if (!(await gate.enter())) {
      ctx.set('Retry-After', '5');
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'The server is answering as many readers as it can; try again in a few seconds.', details: {} } };
      return undefined;
    }
    try {
      // A reader who gave up while queued (closed the connection) costs nothing more: under load,
      // answering abandoned requests is what turns slow into never. The connection, not the request
      // stream, tells: a GraphQL body already read to the end leaves the request stream destroyed.
      if (ctx.req.socket === null || ctx.req.socket.destroyed) return undefined;
      return await next();
    } finally {
      gate.leave();
    }
  };
};
