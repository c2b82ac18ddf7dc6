import { promisify } from 'util';
import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import { chooseCoding, type Coding } from '../http/encoding';
import { isPublicRead } from '../http/public-reads';
import { bodyHash, entityTag, ifNoneMatchHits } from '../http/validators';

type Config = {
  /** Seconds a browser or CDN may use a public read without asking again. */
  maxAge?: number;
  /** Seconds after that a cache may still answer with it while it revalidates in the background. */
  staleWhileRevalidate?: number;
  /** Bodies smaller than this many bytes are sent uncompressed: the saving is below a packet. */
  compressionThreshold?: number;
};

type Context = Parameters<Core.MiddlewareHandler>[0];

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

const compress = (body: Buffer, coding: Exclude<Coding, 'identity'>): Promise<Buffer> =>
  coding === 'gzip'
    ? gzip(body, { level: 6 })
    : // Quality 5 compresses JSON better than gzip -9 at a fraction of brotli's default (11) cost.
      brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });

type Representations = { hash?: string; encoded: Map<Coding, Promise<Buffer>> };

/**
 * What was computed for a body, kept as long as the body itself: the response cache hands the same
 * Buffer to every hit, so a cached answer is hashed and compressed once per coding, not per request.
 */
const representations = new WeakMap<Buffer, Representations>();

const representationsOf = (body: Buffer): Representations => {
  let known = representations.get(body);
  if (known === undefined) {
    known = { encoded: new Map() };
    representations.set(body, known);
  }
  return known;
};

const encoded = (body: Buffer, coding: Exclude<Coding, 'identity'>): Promise<Buffer> => {
  const known = representationsOf(body);
  let pending = known.encoded.get(coding);
  if (pending === undefined) {
    pending = compress(body, coding);
    known.encoded.set(coding, pending);
  }
  return pending;
};

const tagFor = (body: Buffer, coding: Coding): string => {
  const known = representationsOf(body);
  known.hash ??= bodyHash(body);
  return entityTag(known.hash, coding);
};

const COMPRESSIBLE = /^(application\/(json|xml|rss\+xml|atom\+xml|graphql-response\+json)|text\/)/;

/** The body as bytes, or undefined for one that is not held in memory (a stream). */
const bodyBytes = (body: unknown): Buffer | undefined => {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  if (body === null || body === undefined || typeof (body as { pipe?: unknown }).pipe === 'function') return undefined;
  return Buffer.from(JSON.stringify(body));
};

/** GraphQL reports errors with status 200; an answer with errors is not one to share. */
const isGraphQLError = (ctx: Context, body: Buffer, graphqlEndpoint: string): boolean => {
  if (ctx.path !== graphqlEndpoint) return false;
  try {
    return (JSON.parse(body.toString('utf8')) as { errors?: unknown }).errors !== undefined;
  } catch {
    return true;
  }
};

/**
 * Marks a response only its requester may keep: one that answered a credential or sets one, a
 * draft preview, and the admin's API (its login answers with a token). The admin panel's own
 * files keep the Cache-Control Strapi gives them.
 */
const markPrivate = (ctx: Context): void => {
  const credentialed = ctx.get('authorization') !== '' || ctx.response.get('set-cookie') !== '' || ctx.path.startsWith('/preview/');
  if (credentialed || (ctx.path.startsWith('/admin') && ctx.response.get('cache-control') === '')) ctx.set('Cache-Control', 'private, no-store');
};

/**
 * HTTP caching for public reads (src/http/public-reads.ts): a strong ETag derived from the body's
 * bytes, 304 for a matching If-None-Match, `Cache-Control: public` with a short max-age and
 * stale-while-revalidate, `Vary`, and br or gzip for bodies over a threshold. Everything a
 * credential could read, and the admin's own API, is marked `private, no-store` instead.
 *
 * It sits outside the in-process response cache, so cache hits get the same headers and 304s.
 */
export default (config: Config, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const maxAge = config.maxAge ?? 60;
  const staleWhileRevalidate = config.staleWhileRevalidate ?? 300;
  const threshold = config.compressionThreshold ?? 1024;
  const graphqlEndpoint = strapi.plugin('graphql').config('endpoint') as string;
  const publicCacheControl = `public, max-age=${maxAge}, stale-while-revalidate=${staleWhileRevalidate}`;

  return async (ctx, next) => {
    const publicRead = isPublicRead(ctx, graphqlEndpoint);
    try {
      await next();
    } catch (error) {
      // strapi::errors, further out, turns the error into the response and keeps this header.
      if (!publicRead) markPrivate(ctx);
      throw error;
    }
    if (!publicRead) return markPrivate(ctx);
    // What a public URL answers depends on the credential (drafts) and on the codings accepted.
    ctx.vary('Accept-Encoding');
    ctx.vary('Authorization');
    if (ctx.status !== 200) return;
    const body = bodyBytes(ctx.body);
    if (body === undefined) return;
    if (isGraphQLError(ctx, body, graphqlEndpoint)) {
      ctx.set('Cache-Control', 'no-store');
      return;
    }
    const coding = body.length >= threshold && COMPRESSIBLE.test(ctx.response.type) ? chooseCoding(ctx.get('accept-encoding')) : 'identity';
    const tag = tagFor(body, coding);
    ctx.set('ETag', tag);
    ctx.set('Cache-Control', publicCacheControl);
    if (ifNoneMatchHits(ctx.get('if-none-match'), tag)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    if (coding === 'identity') {
      ctx.body = body;
      return;
    }
    ctx.body = await encoded(body, coding);
    ctx.set('Content-Encoding', coding);
  };
};
