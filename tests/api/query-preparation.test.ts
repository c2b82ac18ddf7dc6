import type { Core } from '@strapi/strapi';
import { createApiToken, startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, INITIATIVE, ORGANISATION, PERSON, seedNewsroom, type Seeded } from '../helpers/seed';
import { rest } from '../helpers/http';

/**
 * The newsroom types' REST controllers validate and sanitize a query's populate, sort and fields
 * once per distinct value and caller's rights (src/http/query-preparation.ts). Every request here
 * is also validated and sanitized by Strapi's own content API, with the same query and auth, and
 * the outcomes must be the same: the same sanitized query, byte for byte, or the same error. Each
 * read is made twice, so the second answer comes from what the first one left behind.
 */

type Context = { query: Record<string, unknown>; state?: { auth?: unknown; route?: unknown } };
type Controller = {
  validateQuery: (ctx: Context) => Promise<void>;
  sanitizeQuery: (ctx: Context) => Promise<unknown>;
};
type Compared = { what: string; ours: string; strapis: string };

const TYPES = [
  { uid: ARTICLE, path: '/api/news-articles' },
  { uid: ORGANISATION, path: '/api/organisations' },
  { uid: PERSON, path: '/api/people' },
  { uid: INITIATIVE, path: '/api/initiatives' },
] as const;

let app: TestApp;
let seeded: Seeded;
let compared: Compared[] = [];
const sanitizedFor = new Map<string, unknown>();

const token = createApiToken;

const outcomeOf = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    return JSON.stringify({ passed: await run() });
  } catch (error) {
    const { name, message, details } = error as { name?: unknown; message?: unknown; details?: unknown };
    return JSON.stringify({ name, message, details });
  }
};

/** Wraps each controller's validateQuery and sanitizeQuery so Strapi's content API answers the same query too. */
const compareWithStrapi = (strapi: Core.Strapi): void => {
  for (const { uid } of TYPES) {
    const controller = strapi.controller(uid as never) as unknown as Controller;
    const schema = strapi.getModel(uid as never);
    const optionsOf = (ctx: Context) => ({ auth: ctx.state?.auth ?? {}, route: ctx.state?.route, strictParams: true });
    const { validateQuery, sanitizeQuery } = controller;
    controller.validateQuery = async function (this: unknown, ctx) {
      const ours = await outcomeOf(() => validateQuery.call(this, ctx));
      const strapis = await outcomeOf(() => strapi.contentAPI.validate.query(ctx.query as never, schema as never, optionsOf(ctx) as never));
      compared.push({ what: `validate ${uid} ${JSON.stringify(ctx.query)}`, ours, strapis });
      return validateQuery.call(this, ctx);
    };
    controller.sanitizeQuery = async function (this: unknown, ctx) {
      const ours = await sanitizeQuery.call(this, ctx);
      const strapis = await strapi.contentAPI.sanitize.query(ctx.query as never, schema as never, optionsOf(ctx) as never);
      compared.push({ what: `sanitize ${uid} ${JSON.stringify(ctx.query)}`, ours: JSON.stringify(ours), strapis: JSON.stringify(strapis) });
      sanitizedFor.set(JSON.stringify(ctx.query), ours);
      return ours;
    };
  }
};

const readsOf = async (): Promise<string[]> => {
  const paths: string[] = [];
  for (const { uid, path: base } of TYPES) {
    const first = await app.strapi.documents(uid as typeof ARTICLE).findFirst({ status: 'published' });
    paths.push(base, `${base}?populate=*`, `${base}?pagination[page]=2&pagination[pageSize]=5&sort[0]=createdAt:desc&fields[0]=createdAt`, `${base}/${String(first?.documentId)}`);
  }
  paths.push(`/api/news-articles?filters[slug][$eq]=${encodeURIComponent(seeded.articleSlug)}`);
  paths.push('/api/news-articles?sort[0]=publicationDate:desc&sort[1]=id:desc&pagination[page]=1&pagination[pageSize]=25');
  paths.push('/api/news-articles?populate[mentionedOrganisations][populate][parent]=true&populate[cover]=true&populate[quotes]=true&populate[source]=true');
  paths.push('/api/organisations?populate[people][fields][0]=name&sort=name:asc');
  return paths;
};

/** GETs each read twice as the caller given, and expects every one to succeed. */
const readAll = async (authorization?: string): Promise<void> => {
  for (const read of await readsOf()) {
    for (let time = 0; time < 2; time += 1) {
      const request = rest(app.strapi).get(read);
      const response = await (authorization === undefined ? request : request.set('Authorization', authorization));
      expect({ read, status: response.status }).toEqual({ read, status: 200 });
    }
  }
};

const expectSameAsStrapi = () => {
  expect(compared.length).toBeGreaterThan(0);
  for (const { what, ours, strapis } of compared) expect({ what, outcome: ours }).toEqual({ what, outcome: strapis });
};

beforeAll(async () => {
  process.env.RESPONSE_CACHE = 'false';
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
  compareWithStrapi(app.strapi);
}, 300_000);

afterAll(async () => {
  await app?.stop();
  delete process.env.RESPONSE_CACHE;
});

beforeEach(() => {
  compared = [];
});

describe('the query preparation of public reads', () => {
  test('validates and sanitizes every read exactly as Strapi does for anonymous readers, the second time too', async () => {
    await readAll();
    expectSameAsStrapi();
    // The default populate was there to be sanitized: the comparison covered relations.
    expect(compared.some(({ ours }) => ours.includes('"mentionedOrganisations"'))).toBe(true);
  });

  test.each(['read-only', 'full-access'] as const)('validates and sanitizes every read exactly as Strapi does for a %s token', async (type) => {
    const key = await token(app.strapi, type);
    await readAll(`Bearer ${key}`);
    expectSameAsStrapi();
  });

  test('keeps out, as Strapi does, the relations a token may not read, after the same read by a reader who may', async () => {
    const list = '/api/news-articles?sort[0]=publicationDate:desc&sort[1]=id:desc&pagination[page]=1&pagination[pageSize]=25';
    await rest(app.strapi).get(list).expect(200);
    const anonymous = JSON.stringify(sanitizedFor.get(JSON.stringify(Object.fromEntries(new URLSearchParams(list.split('?')[1])))) ?? null);
    const key = await token(app.strapi, 'custom', [`${ARTICLE}.find`, `${ARTICLE}.findOne`]);
    compared = [];
    const response = await rest(app.strapi).get(list).set('Authorization', `Bearer ${key}`).expect(200);
    expectSameAsStrapi();
    const restricted = compared.find(({ what }) => what.startsWith('sanitize'))?.ours ?? '';
    expect(restricted).not.toContain('mentionedOrganisations');
    expect(restricted).not.toBe(anonymous);
    const articles = response.body.data as Array<Record<string, unknown>>;
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((article) => typeof article.title === 'string' && !('mentionedOrganisations' in article))).toBe(true);
  });

  test.each([
    ['an unknown populate', '/api/news-articles?populate[nothingHere]=true'],
    ['a sort on an unknown field', '/api/news-articles?sort=nothingHere:asc'],
    ['fields that do not exist', '/api/organisations?fields[0]=nothingHere'],
    ['a sort on a private field', '/api/news-articles?sort=importKey:asc'],
  ])('refuses %s with Strapi’s error, the second time too', async (_what, read) => {
    for (let time = 0; time < 2; time += 1) {
      const response = await rest(app.strapi).get(read);
      expect({ read, status: response.status }).toEqual({ read, status: 400 });
    }
    expectSameAsStrapi();
    expect(compared.filter(({ what }) => what.startsWith('validate')).every(({ ours }) => ours.includes('ValidationError'))).toBe(true);
  });
});
