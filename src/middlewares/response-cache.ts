import type { Core } from '@strapi/strapi';
import { readChanges, readContentVersion, type ChangeScope } from '../cache/content-version';
import { subjectOf } from '../cache/response-subject';
import { ResponseCache, type CachedResponse } from '../cache/response-cache';
import { isPublicRead } from '../http/public-reads';

type Config = { enabled?: boolean; maxMegabytes?: number };

type Context = Parameters<Core.MiddlewareHandler>[0];

/** GraphQL queries that large are not worth caching; the GraphQL route parses them itself. */
const MAX_QUERY_BYTES = 64 * 1024;

/**
 * Strapi's body middleware leaves GraphQL requests alone and the GraphQL route parses them later,
 * so the query is read here to key the cache on it. The parsed body is handed on: the GraphQL
 * route's body parser skips a request whose body is already set.
 */
const readGraphQLBody = async (ctx: Context): Promise<string | null> => {
  if (!ctx.is('application/json')) return null;
  const length = Number(ctx.get('content-length'));
  if (!Number.isFinite(length) || length <= 0 || length > MAX_QUERY_BYTES) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    ctx.request.body = JSON.parse(text) as unknown;
  } catch {
    ctx.throw(400, 'The request body is not valid JSON');
  }
  return text;
};

/**
 * Serves repeated public reads of newsroom content from memory. An entry is valid for one content
 * version (src/cache/content-version.ts), which every committed write moves on, so a publish is
 * visible to the very next request, in this process or any other. Requests that carry credentials
 * are never cached: they may read drafts.
 */
export default (config: Config, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  if (config.enabled === false) return async (_ctx, next) => next();
  const cache = new ResponseCache((config.maxMegabytes ?? 64) * 2 ** 20);
  const graphqlEndpoint = strapi.plugin('graphql').config('endpoint') as string;

  const keyOf = async (ctx: Context): Promise<string | null> => {
    if (ctx.get('authorization') !== '') return null;
    if (ctx.method === 'GET' && isPublicRead(ctx, graphqlEndpoint)) return `GET ${ctx.url}`;
    if (ctx.method === 'POST' && ctx.path === graphqlEndpoint) {
      const query = await readGraphQLBody(ctx);
      return query === null ? null : `POST ${ctx.url} ${query}`;
    }
    return null;
  };

  // One reading of the change log per move of the version, shared by the requests that see it.
  let catchingUp: { to: number; done: Promise<void> } | null = null;
  const catchUp = async (version: number): Promise<void> => {
    if (version <= cache.current) return;
    if (catchingUp === null || catchingUp.to !== version) {
      const from = cache.current;
      const done = (from === -1 ? Promise.resolve<ChangeScope>('all') : readChanges(strapi, from, version).catch((): ChangeScope => 'all')).then((change) => cache.advance(version, change));
      catchingUp = { to: version, done };
    }
    await catchingUp.done;
  };

  return async (ctx, next) => {
    const key = await keyOf(ctx);
    if (key === null) return next();
    const version = await readContentVersion(strapi);
    await catchUp(version);
    const send = (entry: CachedResponse, state: 'hit' | 'stale') => {
      ctx.status = entry.status;
      ctx.type = entry.contentType;
      ctx.set('X-Response-Cache', state);
      ctx.body = entry.body;
    };
    const hit = cache.get(key, version);
    if (hit !== undefined) return send(hit, 'hit');

    const { entry, shared, stale } = await cache.once(key, version, async () => {
      await next();
      // GraphQL reports errors with status 200; only clean answers are kept.
      if (ctx.status !== 200) return null;
      const body: unknown = ctx.body;
      const text = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
      if (ctx.path === graphqlEndpoint && (JSON.parse(text.toString()) as { errors?: unknown }).errors !== undefined) return null;
      // The first reader gets the very bytes later hits get, so what global::http-cache derives
      // from them (ETag, compressed copies) is computed once.
      ctx.body = text;
      return { version, status: 200, contentType: ctx.response.get('content-type') || 'application/json; charset=utf-8', body: text, subject: subjectOf(ctx.path, ctx.query, text) };
    });
    if (!shared) {
      ctx.set('X-Response-Cache', 'miss');
      return;
    }
    if (entry === null) return next();
    send(entry, stale ? 'stale' : 'hit');
  };
};
