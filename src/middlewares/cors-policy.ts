import type { Core } from '@strapi/strapi';

/**
 * Who may call which route from another origin. strapi::cors (which Strapi requires) is configured
 * with these functions in config/middlewares.ts; this middleware, placed just before it, holds
 * every response to the same decision.
 *
 * - The public read API (GET /api/*, /graphql, /uploads) is anonymous: any origin in CORS_ORIGINS
 *   may read it, and never with credentials, because it needs none.
 * - Everything else (admin, preview, auth, upload, import) is same-origin by default. Only origins
 *   in CORS_CREDENTIALS_ORIGINS may call it cross-origin, with credentials.
 */
export type CorsPolicy = {
  /** Origins that may read the public API; '*' for any. */
  publicOrigins: string[];
  /** Origins that may call the other routes with credentials. None by default. */
  credentialOrigins: string[];
};

export type CorsRoute = 'public-read' | 'graphql' | 'private';

const PRIVATE_API = /^\/api\/(auth|users|upload|newsroom-import|connect|users-permissions)(\/|$)/;

export const corsRouteOf = (path: string, graphqlEndpoint = '/graphql'): CorsRoute => {
  const normalised = path.toLowerCase();
  if (normalised === graphqlEndpoint) return 'graphql';
  if (normalised.startsWith('/uploads/')) return 'public-read';
  if (normalised.startsWith('/api/') && !PRIVATE_API.test(normalised)) return 'public-read';
  return 'private';
};

export const METHODS: Record<CorsRoute, string[]> = {
  'public-read': ['GET', 'HEAD', 'OPTIONS'],
  graphql: ['GET', 'POST', 'OPTIONS'],
  private: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
};

/** The browser's method: the preflight's Access-Control-Request-Method, else the request's own. */
const requestedMethod = (method: string, preflightMethod: string): string => (method === 'OPTIONS' && preflightMethod !== '' ? preflightMethod.toUpperCase() : method);

const listed = (origins: string[], origin: string): boolean => origins.includes('*') || origins.includes(origin);

/** The origin to allow, or '' for none (then strapi::cors sends no CORS header at all). */
export const allowedOrigin = (policy: CorsPolicy, request: { origin: string; method: string; preflightMethod: string; path: string }): string => {
  if (request.origin === '') return '';
  const route = corsRouteOf(request.path);
  if (!METHODS[route].includes(requestedMethod(request.method, request.preflightMethod))) return '';
  if (route === 'private') return policy.credentialOrigins.includes(request.origin) ? request.origin : '';
  return listed(policy.publicOrigins, request.origin) || policy.credentialOrigins.includes(request.origin) ? request.origin : '';
};

export const allowsCredentials = (policy: CorsPolicy, request: { origin: string; path: string }): boolean =>
  request.origin !== '' && corsRouteOf(request.path) === 'private' && policy.credentialOrigins.includes(request.origin);

type Context = Parameters<Core.MiddlewareHandler>[0];

const requestOf = (ctx: Context) => ({ origin: ctx.get('Origin'), method: ctx.method, preflightMethod: ctx.get('Access-Control-Request-Method'), path: ctx.path });

/** strapi::cors options built on the policy (its `origin` and `credentials` accept functions of ctx). */
export const strapiCorsOptions = (policy: CorsPolicy, maxAgeSeconds: number) => ({
  origin: (ctx: Context) => {
    const origin = allowedOrigin(policy, requestOf(ctx));
    return origin === '' ? [] : [origin];
  },
  credentials: (ctx: Context) => allowsCredentials(policy, requestOf(ctx)),
  methods: METHODS.private,
  maxAge: maxAgeSeconds,
  headers: ['Content-Type', 'Authorization', 'Origin', 'Accept'],
});

/**
 * Keeps every response to the policy: the GraphQL plugin adds its own @koa/cors (Access-Control-
 * Allow-Origin: * on every answer) inside its route unless apolloServer.cors is false, so the headers
 * are settled again once the route has run. Preflights are answered by strapi::cors; their
 * Allow-Methods are narrowed to what the route serves.
 */
export default (config: { policy: CorsPolicy }): Core.MiddlewareHandler => async (ctx, next) => {
  await next();
  const request = requestOf(ctx);
  if (request.origin === '') return;
  const origin = allowedOrigin(config.policy, request);
  if (origin === '') {
    ctx.remove('Access-Control-Allow-Origin');
    ctx.remove('Access-Control-Allow-Credentials');
    return;
  }
  ctx.set('Access-Control-Allow-Origin', origin);
  if (!allowsCredentials(config.policy, request)) ctx.remove('Access-Control-Allow-Credentials');
  if (ctx.method === 'OPTIONS' && ctx.response.get('Access-Control-Allow-Methods') !== '') {
    ctx.set('Access-Control-Allow-Methods', METHODS[corsRouteOf(ctx.path)].join(','));
  }
};
