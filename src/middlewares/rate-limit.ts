import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';

/**
 * Per-IP rate limits with rate-limiter-flexible: in Redis when REDIS_URL is set, so every instance
 * of a deployment counts against the same budget, in memory otherwise. (koa2-ratelimit, which the
 * admin uses, has a RedisStore that reads its counter back as a string and takes Redis' TTL in
 * seconds for a date, and it needs the `redis` package rather than ioredis.)
 *
 * The client IP is Koa's ctx.request.ip, which honours server.proxy (IS_PROXIED) and its
 * maxIpsCount, so behind a proxy it is the address the proxy saw, not one the client wrote.
 */
export type Limit = { points: number; seconds: number };

export type RateLimitConfig = {
  redisUrl?: string;
  keyPrefix: string;
  /** Addresses never limited, e.g. the frontend server that renders pages from the API. */
  exemptIps: string[];
  /** Failed admin (and users-permissions) logins per IP, whatever the e-mail. */
  login: Limit;
  /** Failed logins per IP and e-mail; a success clears it. */
  loginPerAccount: Limit;
  /** Password-reset requests per IP. */
  passwordReset: Limit;
  /** Public reads per IP: GET /api/*, /graphql. */
  publicApi: Limit;
};

type Context = Parameters<Core.MiddlewareHandler>[0];
export type RouteClass = 'login' | 'passwordReset' | 'publicApi' | 'none';

const LOGIN_PATHS = new Set(['/admin/login', '/admin/register-admin', '/api/auth/local']);
const RESET_PATHS = new Set(['/admin/forgot-password', '/admin/reset-password', '/api/auth/forgot-password', '/api/auth/reset-password']);

export const classifyRequest = (method: string, path: string, graphqlEndpoint = '/graphql'): RouteClass => {
  const normalised = path.toLowerCase().replace(/\/+$/, '');
  if (method === 'POST' && LOGIN_PATHS.has(normalised)) return 'login';
  if (method === 'POST' && RESET_PATHS.has(normalised)) return 'passwordReset';
  if ((method === 'GET' || method === 'HEAD') && normalised.startsWith('/api/')) return 'publicApi';
  if (method !== 'OPTIONS' && normalised === graphqlEndpoint) return 'publicApi';
  return 'none';
};

type Limiters = Record<'login' | 'loginPerAccount' | 'passwordReset' | 'publicApi', RateLimiterAbstract | undefined> & {
  /** Settles once the store is first ready, or failed, so no count is split between stores at boot. */
  connected: () => Promise<void>;
};

/** How long the first requests after a start may wait for Redis before the in-memory insurance counts instead. */
const FIRST_CONNECTION_WAIT_MS = 2000;

const createRedisClient = (url: string): Redis => {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  // A counter store must never keep a stopping process alive, nor crash it when Redis goes away:
  // while Redis is unreachable the in-memory insurance limiter counts instead.
  client.on('connect', () => (client as unknown as { stream?: { unref?: () => void } }).stream?.unref?.());
  client.on('error', () => undefined);
  return client;
};

/**
 * Without an offline queue a command sent before the client is ready fails at once and is counted
 * by the in-memory insurance; the requests of a server's first second would then be counted in two
 * stores and a client could go past its budget. So requests wait, once, for the first connection.
 * The wait starts with the first request, not at boot, which may itself take longer than the wait.
 */
const firstConnection = (client: Redis): (() => Promise<void>) => {
  let connected: Promise<void> | undefined;
  return () => (connected ??= readyOrFailed(client));
};

const readyOrFailed = (client: Redis): Promise<void> =>
  new Promise((resolve) => {
    if (client.status === 'ready') return resolve();
    const timer = setTimeout(resolve, FIRST_CONNECTION_WAIT_MS);
    timer.unref();
    const settle = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once('ready', settle);
    // Redis down at start: the insurance counts from the first request on, as it would later.
    client.once('error', settle);
    client.once('end', settle);
  });

const createLimiter = (name: string, limit: Limit, config: RateLimitConfig, client: Redis | undefined): RateLimiterAbstract | undefined => {
  if (limit.points <= 0) return undefined;
  const options = { keyPrefix: `${config.keyPrefix}:${name}`, points: limit.points, duration: limit.seconds };
  if (client === undefined) return new RateLimiterMemory(options);
  return new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) });
};

export const createLimiters = (config: RateLimitConfig): Limiters => {
  const client = config.redisUrl !== undefined && config.redisUrl !== '' ? createRedisClient(config.redisUrl) : undefined;
  return {
    login: createLimiter('login', config.login, config, client),
    loginPerAccount: createLimiter('login-account', config.loginPerAccount, config, client),
    passwordReset: createLimiter('password-reset', config.passwordReset, config, client),
    publicApi: createLimiter('public-api', config.publicApi, config, client),
    connected: client === undefined ? () => Promise.resolve() : firstConnection(client),
  };
};

/** Takes a point; false with the wait in seconds when the budget is spent. A store failure lets the request through. */
const take = async (limiter: RateLimiterAbstract | undefined, key: string): Promise<{ allowed: true } | { allowed: false; retryAfter: number }> => {
  if (limiter === undefined) return { allowed: true };
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (result) {
    if (result instanceof RateLimiterRes) return { allowed: false, retryAfter: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
    return { allowed: true };
  }
};

const refuse = (ctx: Context, retryAfter: number): never => {
  ctx.set('Retry-After', String(retryAfter));
  throw new errors.RateLimitError('Too many requests, please try again later.');
};

const accountOf = (ctx: Context): string | undefined => {
  const body = ctx.request.body as { email?: unknown; identifier?: unknown } | undefined;
  const account = body?.email ?? body?.identifier;
  return typeof account === 'string' ? account.trim().toLowerCase() : undefined;
};

/**
 * Logins count failures only: a point is taken up front (so a burst cannot slip past a check made
 * before any failure is recorded) and given back when the login succeeds. The per-account key
 * includes the IP, so an attacker elsewhere can never lock the real editor out, and its window
 * does not grow with further attempts.
 */
const limitLogin = async (ctx: Context, next: () => Promise<unknown>, limiters: Limiters, ip: string): Promise<void> => {
  const account = accountOf(ctx);
  const accountKey = account === undefined ? undefined : `${ip}|${account}`;
  const perIp = await take(limiters.login, ip);
  if (!perIp.allowed) return refuse(ctx, perIp.retryAfter);
  if (accountKey !== undefined) {
    const perAccount = await take(limiters.loginPerAccount, accountKey);
    if (!perAccount.allowed) {
      await limiters.login?.reward(ip).catch(() => undefined);
      return refuse(ctx, perAccount.retryAfter);
    }
  }
  await next();
  if (ctx.status === 200) {
    await limiters.login?.reward(ip).catch(() => undefined);
    if (accountKey !== undefined) await limiters.loginPerAccount?.delete(accountKey).catch(() => undefined);
  }
};

export default (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const limiters = createLimiters(config);
  const exempt = new Set(config.exemptIps);
  const graphqlEndpoint = strapi.plugin('graphql') !== undefined ? String(strapi.plugin('graphql').config('endpoint')) : '/graphql';

  return async (ctx, next) => {
    const routeClass = classifyRequest(ctx.method, ctx.path, graphqlEndpoint);
    const ip = ctx.request.ip;
    if (routeClass === 'none' || exempt.has(ip)) return next();
    await limiters.connected();
    if (routeClass === 'login') return limitLogin(ctx, next, limiters, ip);
    const result = await take(routeClass === 'passwordReset' ? limiters.passwordReset : limiters.publicApi, ip);
    if (!result.allowed) return refuse(ctx, result.retryAfter);
    return next();
  };
};
