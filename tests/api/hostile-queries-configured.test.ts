import { createTestDatabase, startStrapi, useTestEnvironment, type TestApp } from '../helpers/strapi';
import { ORGANISATION, seedNewsroom } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';

/**
 * A Strapi started as `npm run serve` started it before NODE_ENV was set (development, where Apollo
 * adds stack traces by default), with introspection and the landing page turned off by their
 * variables and a small response ceiling. A file of its own: the ceiling is read when Strapi starts,
 * and a process runs one Strapi at a time.
 */

let app: TestApp;

beforeAll(async () => {
  useTestEnvironment();
  Object.assign(process.env, { NODE_ENV: 'development', PUBLIC_RESPONSE_MAX_BYTES: String(16 * 1024), GRAPHQL_INTROSPECTION: 'false', GRAPHQL_LANDING_PAGE: 'false' });
  app = await startStrapi(await createTestDatabase());
  await seedNewsroom(app.strapi);
  for (let index = 0; index < 120; index += 1) {
    const organisation = await app.strapi.documents(ORGANISATION).create({ data: { name: `体量测试机构${index}`, kind: 'company', region: '海川市' } });
    await app.strapi.documents(ORGANISATION).publish({ documentId: organisation.documentId });
  }
}, 300_000);

afterAll(async () => {
  delete process.env.PUBLIC_RESPONSE_MAX_BYTES;
  delete process.env.GRAPHQL_INTROSPECTION;
  delete process.env.GRAPHQL_LANDING_PAGE;
  process.env.NODE_ENV = 'test';
  await app?.stop();
});

describe('configured by the environment: a small response ceiling, no introspection, no landing page, no stack traces', () => {
  test('REST answers 413 with a message, not part of the list', async () => {
    const response = await rest(app.strapi).get('/api/organisations').query({ pagination: { pageSize: 100 } });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      data: null,
      error: expect.objectContaining({ status: 413, message: expect.stringMatching(/^The response would be \d+ KB, over the limit of 16 KB: ask for fewer items \(pagination\)/) }),
    });
    await rest(app.strapi).get('/api/organisations').query({ pagination: { pageSize: 5 } }).expect(200);
  });

  test('GraphQL answers 413 with a message, not part of the data', async () => {
    const response = await graphql(app.strapi, '{ organisations(pagination: { limit: 100 }) { documentId name kind region createdAt updatedAt publishedAt } }');
    expect(response.status).toBe(413);
    expect(response.body.data ?? null).toBeNull();
    expect(response.body.errors?.map((error) => error.message)).toEqual([expect.stringMatching(/^The response would be \d+ KB, over the limit of 16 KB: ask for fewer items or fewer fields\.$/)]);
    const fits = await graphql(app.strapi, '{ organisations(pagination: { limit: 5 }) { name } }');
    expect(fits.status).toBe(200);
  });

  test('introspection is refused', async () => {
    const response = await graphql(app.strapi, '{ __schema { types { name } } }');
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].message).toMatch(/^GraphQL introspection is not allowed/);
    expect(response.body.data ?? null).toBeNull();
  });

  test('a browser opening /graphql gets no landing page', async () => {
    const response = await rest(app.strapi).get('/graphql').set('Accept', 'text/html');
    expect(response.status).toBe(400);
    expect(response.type).toBe('application/json');
    expect(response.text).not.toMatch(/<html/i);
  });

  test('errors carry no stack trace and no path on the server, outside production too', async () => {
    for (const query of ['{ newsArticles { titl } }', 'fragment A on NewsArticle { ...A } { newsArticles { ...A } }', '{ newsArticles(sort: "rawText:asc") { title } }', '{ newsArticles {']) {
      const response = await graphql(app.strapi, query);
      expect(response.body.errors?.length).toBeGreaterThan(0);
      const text = JSON.stringify(response.body);
      expect({ query, stacktrace: text.includes('stacktrace'), paths: text.includes(process.cwd()) || /node_modules|\/dist\//.test(text) }).toEqual({ query, stacktrace: false, paths: false });
    }
  });
});
