import crypto from 'crypto';
import path from 'path';
import request from 'supertest';
import { createTestDatabase, startStrapi, TEST_ADMIN, useTestEnvironment, type TestApp, type TestDatabase } from '../helpers/strapi';
import { rest } from '../helpers/http';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';

/**
 * CORS and per-IP rate limits, on a server in production mode behind a proxy (IS_PROXIED), once
 * with the in-memory store and once with Redis (127.0.0.1:6379), where a second server started in
 * its own process shares the budget. Production also answers errors without stacks or paths.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SITE = 'https://site.example';
const DESK = 'https://desk.example';
const EVIL = 'https://evil.example';
const PUBLIC_LIMIT = 20;
const LOGIN_LIMIT = 10;
const ACCOUNT_LIMIT = 3;
const RESET_LIMIT = 2;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const settings = (store: 'memory' | 'redis', prefix: string): Record<string, string> => ({
  NODE_ENV: 'production',
  IS_PROXIED: 'true',
  CORS_ORIGINS: SITE,
  CORS_CREDENTIALS_ORIGINS: DESK,
  RATE_LIMIT_PREFIX: prefix,
  REDIS_URL: store === 'redis' ? REDIS_URL : '',
  RATE_LIMIT_PUBLIC_API: String(PUBLIC_LIMIT),
  RATE_LIMIT_LOGIN: String(LOGIN_LIMIT),
  RATE_LIMIT_LOGIN_ACCOUNT: String(ACCOUNT_LIMIT),
  RATE_LIMIT_PASSWORD_RESET: String(RESET_LIMIT),
  RESPONSE_CACHE: 'true',
});

const SETTING_NAMES = Object.keys(settings('memory', ''));

/** A client at its own address, as the proxy in front reports it. */
let nextAddress = 1;
const freshAddress = (): string => `198.51.100.${nextAddress++}`;

const bootProduction = async (store: 'memory' | 'redis', prefix: string): Promise<TestApp> => {
  useTestEnvironment();
  Object.assign(process.env, settings(store, prefix), { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  try {
    return await startStrapi(await createTestDatabase());
  } finally {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
  }
};

const login = (app: TestApp, address: string, email: string, password: string) =>
  rest(app.strapi).post('/admin/login').set('X-Forwarded-For', address).send({ email, password });

const NO_STACK = /\bat .+:\d+:\d+|node_modules|\/dist\//;

const corsSuite = (appOf: () => TestApp) => {
  test('the public API is readable from a listed origin, never with credentials', async () => {
    const response = await rest(appOf().strapi).get('/api/news-articles').set('Origin', SITE).set('X-Forwarded-For', freshAddress()).expect(200);
    expect(response.headers['access-control-allow-origin']).toBe(SITE);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('an unlisted origin gets no CORS headers, on the API or on the admin', async () => {
    const api = await rest(appOf().strapi).get('/api/news-articles').set('Origin', EVIL).set('X-Forwarded-For', freshAddress());
    expect(api.headers['access-control-allow-origin']).toBeUndefined();
    expect(api.headers['access-control-allow-credentials']).toBeUndefined();
    const admin = await login(appOf(), freshAddress(), 'nobody@example.org', 'wrong').set('Origin', EVIL);
    expect(admin.headers['access-control-allow-origin']).toBeUndefined();
    expect(admin.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('a preflight for the public API offers only reads, for ten minutes at most', async () => {
    const response = await rest(appOf().strapi).options('/api/news-articles').set('Origin', SITE).set('Access-Control-Request-Method', 'GET').expect(204);
    expect(response.headers['access-control-allow-methods'].split(',').sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(Number(response.headers['access-control-max-age'])).toBeLessThanOrEqual(600);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const write = await rest(appOf().strapi).options('/api/news-articles/x').set('Origin', SITE).set('Access-Control-Request-Method', 'DELETE');
    expect(write.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('GraphQL may be posted from a listed origin, without credentials', async () => {
    const preflight = await rest(appOf().strapi).options('/graphql').set('Origin', SITE).set('Access-Control-Request-Method', 'POST').expect(204);
    expect(preflight.headers['access-control-allow-methods'].split(',').sort()).toEqual(['GET', 'OPTIONS', 'POST']);
    const response = await rest(appOf().strapi).post('/graphql').set('Origin', SITE).set('X-Forwarded-For', freshAddress()).send({ query: '{ newsArticles { title } }' });
    expect(response.headers['access-control-allow-origin']).toBe(SITE);
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  test('only an origin listed for credentials may call the admin with them', async () => {
    const response = await login(appOf(), freshAddress(), 'nobody@example.org', 'wrong').set('Origin', DESK);
    expect(response.headers['access-control-allow-origin']).toBe(DESK);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    const preview = await rest(appOf().strapi).get('/preview/news-articles/x').set('Origin', SITE);
    expect(preview.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the admin panel, on its own origin, still logs in', async () => {
    const response = await login(appOf(), freshAddress(), TEST_ADMIN.email, TEST_ADMIN.password).set('Origin', 'http://127.0.0.1:1337');
    expect(response.status).toBe(200);
  });
};

const rateLimitSuite = (appOf: () => TestApp) => {
  test('the public API answers 429 with Retry-After past the budget, REST and GraphQL together, per client', async () => {
    const client = freshAddress();
    for (let index = 0; index < PUBLIC_LIMIT; index += 1) {
      await rest(appOf().strapi).get('/api/news-articles').set('X-Forwarded-For', client).expect(200);
    }
    const limited = await rest(appOf().strapi).get('/api/news-articles').set('X-Forwarded-For', client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body.error.status).toBe(429);
    const graphql = await rest(appOf().strapi).post('/graphql').set('X-Forwarded-For', client).send({ query: '{ newsArticles { title } }' });
    expect(graphql.status).toBe(429);
    await rest(appOf().strapi).get('/api/news-articles').set('X-Forwarded-For', freshAddress()).expect(200);
  });

  test('password spraying from one address stops at the login budget', async () => {
    const attacker = freshAddress();
    const statuses: number[] = [];
    for (let index = 0; index <= LOGIN_LIMIT; index += 1) {
      statuses.push((await login(appOf(), attacker, `guess-${index}@example.org`, 'Password123!')).status);
    }
    expect(statuses.slice(0, LOGIN_LIMIT).every((status) => status === 400)).toBe(true);
    expect(statuses[LOGIN_LIMIT]).toBe(429);
  });

  test('wrong passwords for the editor from one address never lock the editor out from another', async () => {
    const attacker = freshAddress();
    for (let index = 0; index < ACCOUNT_LIMIT; index += 1) {
      expect((await login(appOf(), attacker, TEST_ADMIN.email, 'not-the-password')).status).toBe(400);
    }
    const locked = await login(appOf(), attacker, TEST_ADMIN.email.toUpperCase(), TEST_ADMIN.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(300);
    expect((await login(appOf(), freshAddress(), TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
  });

  test('successful logins do not use up the budget', async () => {
    const office = freshAddress();
    for (let index = 0; index < LOGIN_LIMIT + 2; index += 1) {
      expect((await login(appOf(), office, TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
    }
  });

  test('password resets are limited per address', async () => {
    const client = freshAddress();
    const reset = () => rest(appOf().strapi).post('/admin/reset-password').set('X-Forwarded-For', client).send({ resetPasswordToken: 'guess', password: 'Another-Password-1' });
    for (let index = 0; index < RESET_LIMIT; index += 1) expect((await reset()).status).toBe(400);
    const limited = await reset();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
};

const errorSuite = (appOf: () => TestApp) => {
  test.each([
    ['an unknown filter operator', (app: TestApp) => rest(app.strapi).get('/api/news-articles').query({ 'filters[title][$nope]': 'x' })],
    ['an unknown route', (app: TestApp) => rest(app.strapi).get('/api/does-not-exist')],
    ['a malformed JSON body', (app: TestApp) => rest(app.strapi).post('/admin/login').set('Content-Type', 'application/json').send('{"email":')],
    ['a malformed multipart body', (app: TestApp) => rest(app.strapi).post('/api/upload').set('Content-Type', 'multipart/form-data; boundary=x').send('--x\r\nContent-Disposition: form-data; name="files"; filename="a"\r\n\r\nab')],
    ['a repeated preview token', (app: TestApp) => rest(app.strapi).get('/preview/news-articles/x?token=a&token=b')],
  ])('%s is answered without a stack or a path', async (_label, call) => {
    const response = await call(appOf()).set('X-Forwarded-For', freshAddress());
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.text).not.toMatch(NO_STACK);
    expect(response.text).not.toContain(ROOT);
  });
};

describe.each(['memory', 'redis'] as const)('in production behind a proxy, %s store', (store) => {
  let app: TestApp;
  const prefix = `newsroom-test-${crypto.randomBytes(6).toString('hex')}`;
  const appOf = () => app;

  beforeAll(async () => {
    app = await bootProduction(store, prefix);
  });

  afterAll(async () => {
    await app?.stop();
    for (const name of SETTING_NAMES) delete process.env[name];
  });

  describe('CORS', () => corsSuite(appOf));
  describe('rate limits', () => rateLimitSuite(appOf));
  describe('errors', () => errorSuite(appOf));
});

describe('two servers on the same Redis', () => {
  let app: TestApp;
  let second: { server: ServerProcess; database: TestDatabase } | undefined;
  const prefix = `newsroom-test-${crypto.randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    app = await bootProduction('redis', prefix);
    second = await startSecondServer(settings('redis', prefix));
  });

  afterAll(async () => {
    await second?.server.kill();
    await second?.database.drop();
    await app?.stop();
    for (const name of SETTING_NAMES) delete process.env[name];
  });

  test('share the public API budget: a client spent on one is refused by the other', async () => {
    const client = freshAddress();
    for (let index = 0; index < PUBLIC_LIMIT; index += 1) {
      await rest(app.strapi).get('/api/news-articles').set('X-Forwarded-For', client).expect(200);
    }
    const other = await request(second?.server.url ?? '').get('/api/news-articles').set('X-Forwarded-For', client);
    expect(other.status).toBe(429);
    await request(second?.server.url ?? '').get('/api/news-articles').set('X-Forwarded-For', freshAddress()).expect(200);
  });
});

/** Another instance of the deployment: its own process and database, the same Redis. */
const startSecondServer = async (shared: Record<string, string>): Promise<{ server: ServerProcess; database: TestDatabase }> => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_FILENAME: process.env.DATABASE_FILENAME };
  const database = await createTestDatabase();
  const env = { ...process.env, ...shared };
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return { server: await startServerProcess(env), database };
};
