import { startStrapi, type TestApp } from '../helpers/strapi';
import { ORGANISATION, seedNewsroom, type Seeded } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';

let app: TestApp;
let seeded: Seeded;

const PRIVATE_VALUES = ['RAW-SECRET-TEXT', 'HASH-SECRET', 'IMPORT-KEY-SECRET', 'REVIEW-SECRET', 'org:secret-key', 'person:secret-key', 'DRAFT-RAW'];
const PRIVATE_FIELDS = ['rawText', 'contentHash', 'importKey', 'importedValues', 'importEvidence', 'needsReview', 'reviewReason'];

/** Private values never appear; private keys may appear only in an error that refuses them. */
const expectNoPrivateData = (body: { data?: unknown }) => {
  for (const value of PRIVATE_VALUES) expect(JSON.stringify(body)).not.toContain(value);
  const data = JSON.stringify(body.data ?? null);
  for (const field of PRIVATE_FIELDS) expect(data).not.toContain(`"${field}"`);
};

beforeAll(async () => {
  app = await startStrapi();
  seeded = await seedNewsroom(app.strapi);
  for (let index = 0; index < 110; index += 1) {
    const organisation = await app.strapi.documents(ORGANISATION).create({ data: { name: `批量测试机构${index}`, kind: 'company' } });
    await app.strapi.documents(ORGANISATION).publish({ documentId: organisation.documentId });
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('the public API is read-only', () => {
  test.each([
    ['post', '/api/news-articles'],
    ['put', '/api/news-articles/DOC'],
    ['delete', '/api/news-articles/DOC'],
    ['post', '/api/organisations'],
    ['put', '/api/people/DOC'],
    ['delete', '/api/initiatives/DOC'],
  ])('anonymous %s %s is refused', async (method, path) => {
    const target = path.replace('DOC', seeded.article);
    const agent = rest(app.strapi);
    const call = method === 'post' ? agent.post(target) : method === 'put' ? agent.put(target) : agent.delete(target);
    const response = await call.send({ data: { title: 'hacked', name: 'hacked' } });
    expect([401, 403, 404, 405]).toContain(response.status);
    const after = await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).expect(200);
    expect(after.body.data.title).not.toBe('hacked');
  });

  test('GraphQL offers no mutations on newsroom types', async () => {
    const response = await graphql(app.strapi, `mutation { createNewsArticle(data: { title: "hacked" }) { documentId } }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].message).toMatch(/Cannot query field "createNewsArticle"/);
  });

  test('GraphQL users-permissions mutations cannot create accounts', async () => {
    const response = await graphql(
      app.strapi,
      `mutation { register(input: { username: "intruder", email: "intruder@example.org", password: "Secret123!" }) { jwt } }`
    );
    expect(response.body.data?.register ?? null).toBeNull();
    expect(response.body.errors?.length).toBeGreaterThan(0);
  });
});

describe('the public never sees drafts', () => {
  test('REST ?status=draft returns only published articles', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').query({ status: 'draft' }).expect(200);
    const ids = response.body.data.map((article: { documentId: string }) => article.documentId);
    expect(ids).toEqual([seeded.article]);
    expect(response.body.data[0].publishedAt).not.toBeNull();
  });

  test('REST findOne of a never-published article is 404 even with ?status=draft', async () => {
    await rest(app.strapi).get(`/api/news-articles/${seeded.draftArticle}`).query({ status: 'draft' }).expect(404);
  });

  test('REST draft people do not appear through a populate', async () => {
    const response = await rest(app.strapi).get('/api/people').query({ status: 'draft' }).expect(200);
    expect(response.body.data.map((person: { name: string }) => person.name)).toEqual(['林若溪']);
  });

  test('GraphQL status: DRAFT returns only published documents, nested relations included', async () => {
    const response = await graphql(app.strapi, `{ newsArticles(status: DRAFT) { documentId publishedAt mentionedPersons { name publishedAt } } }`);
    expect(response.body.errors).toBeUndefined();
    const articles = response.body.data?.newsArticles as Array<{ documentId: string; publishedAt: string | null; mentionedPersons: Array<{ publishedAt: string | null }> }>;
    expect(articles.map((article) => article.documentId)).toEqual([seeded.article]);
    expect(articles[0].publishedAt).not.toBeNull();
    expect(articles[0].mentionedPersons.every((person) => person.publishedAt !== null)).toBe(true);
  });

  test('GraphQL findOne with status: DRAFT cannot open a draft', async () => {
    const response = await graphql(app.strapi, `query($id: ID!) { newsArticle(documentId: $id, status: DRAFT) { title } }`, { id: seeded.draftArticle });
    expect(response.body.data?.newsArticle ?? null).toBeNull();
  });

  test('GraphQL people(status: DRAFT) lists no draft person', async () => {
    const response = await graphql(app.strapi, `{ people(status: DRAFT) { name } }`);
    expect((response.body.data?.people as Array<{ name: string }>).map((person) => person.name)).toEqual(['林若溪']);
  });
});

describe('private fields never leak', () => {
  test('not in list or detail responses', async () => {
    expectNoPrivateData((await rest(app.strapi).get('/api/news-articles').expect(200)).body);
    expectNoPrivateData((await rest(app.strapi).get(`/api/news-articles/${seeded.article}`).expect(200)).body);
    expectNoPrivateData((await rest(app.strapi).get('/api/organisations').expect(200)).body);
    expectNoPrivateData((await rest(app.strapi).get(`/api/people/${seeded.person}`).expect(200)).body);
  });

  test('not through populate=*', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').query({ populate: '*' });
    expect([200, 400]).toContain(response.status);
    expectNoPrivateData(response.body);
  });

  test('not through fields[]', async () => {
    const response = await rest(app.strapi).get('/api/news-articles').query({ fields: ['title', 'rawText', 'importKey'] });
    expect([200, 400]).toContain(response.status);
    expectNoPrivateData(response.body);
  });

  test('not through fields[] on a populated relation', async () => {
    const response = await rest(app.strapi)
      .get('/api/news-articles')
      .query({ populate: { mentionedOrganisations: { fields: ['name', 'importKey'] } } });
    expect([200, 400]).toContain(response.status);
    expectNoPrivateData(response.body);
  });

  /** Strapi's refusal of a query naming a private field: a 400 ValidationError naming it, and no data. */
  const expectInvalidKey = (response: { status: number; body: { data?: unknown; error?: { name?: string; message?: string } } }, message: string) => {
    expect({ status: response.status, name: response.body.error?.name, message: response.body.error?.message }).toEqual({ status: 400, name: 'ValidationError', message });
    expect(response.body.data ?? null).toBeNull();
  };

  test.each([
    ['rawText', 'RAW-SECRET', 'NO-SUCH-TEXT'],
    ['importKey', 'IMPORT-KEY', 'NO-SUCH-KEY'],
    ['contentHash', 'HASH', 'NOPE'],
  ])('filtering on private %s is refused with a 400 naming the field, never an oracle', async (field, matching, notMatching) => {
    const hit = await rest(app.strapi).get('/api/news-articles').query({ filters: { [field]: { $startsWith: matching } } });
    const miss = await rest(app.strapi).get('/api/news-articles').query({ filters: { [field]: { $startsWith: notMatching } } });
    for (const response of [hit, miss]) {
      expectInvalidKey(response, `Invalid key ${field}`);
    }
    expectNoPrivateData(hit.body);
  });

  test('filtering on a private field through a relation is refused with a 400', async () => {
    const hit = await rest(app.strapi).get('/api/news-articles').query({ filters: { mentionedOrganisations: { importKey: { $startsWith: 'org:' } } } });
    const miss = await rest(app.strapi).get('/api/news-articles').query({ filters: { mentionedOrganisations: { importKey: { $startsWith: 'zzz' } } } });
    for (const response of [hit, miss]) {
      expectInvalidKey(response, 'Invalid key importKey at mentionedOrganisations.importKey');
    }
  });

  test('sorting on a private field is refused with a 400', async () => {
    for (const sort of ['importKey:asc', 'importKey:desc']) {
      const response = await rest(app.strapi).get('/api/organisations').query({ sort, pagination: { pageSize: 100 } });
      expectInvalidKey(response, 'Invalid key importKey');
    }
  });

  test('GraphQL exposes no private field, neither to select nor to filter', async () => {
    const refusal = (response: Awaited<ReturnType<typeof graphql>>) => ({
      status: response.status,
      codes: ((response.body.errors ?? []) as Array<{ extensions?: { code?: string } }>).map((error) => error.extensions?.code),
      messages: ((response.body.errors ?? []) as Array<{ message: string }>).map((error) => error.message),
      data: response.body.data ?? null,
    });
    const select = await graphql(app.strapi, `{ newsArticles { title rawText } }`);
    expect(refusal(select)).toEqual({
      status: 400,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      messages: ['Cannot query field "rawText" on type "NewsArticle".'],
      data: null,
    });
    const filter = await graphql(app.strapi, `{ newsArticles(filters: { importKey: { startsWith: "IMPORT" } }) { title } }`);
    expect(refusal(filter)).toEqual({
      status: 400,
      codes: ['GRAPHQL_VALIDATION_FAILED'],
      // graphql-armor hides the "did you mean" suggestion, which would name private fields.
      messages: ['Field "importKey" is not defined by type "NewsArticleFiltersInput". [Suggestion hidden]?'],
      data: null,
    });
    const all = await graphql(app.strapi, `{ newsArticles { title } organisations { name } people { name } }`);
    expectNoPrivateData(all.body);
  });
});

describe('reads are bounded', () => {
  test('REST pages default to 25 items', async () => {
    const response = await rest(app.strapi).get('/api/organisations').expect(200);
    expect(response.body.data).toHaveLength(25);
    expect(response.body.meta.pagination.pageSize).toBe(25);
  });

  test('REST page size is capped at 100', async () => {
    const response = await rest(app.strapi).get('/api/organisations').query({ pagination: { pageSize: 1000 } }).expect(200);
    expect(response.body.data).toHaveLength(100);
  });

  test('REST limit=-1 never returns more than 100 items', async () => {
    const response = await rest(app.strapi).get('/api/organisations').query({ pagination: { limit: -1 } }).expect(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    expect(response.body.data.length).toBeLessThanOrEqual(100);
  });

  test('REST limit above 100 is capped at 100', async () => {
    const response = await rest(app.strapi).get('/api/organisations').query({ pagination: { limit: 500 } }).expect(200);
    expect(response.body.data).toHaveLength(100);
  });

  test('GraphQL lists default to 25 items', async () => {
    const response = await graphql(app.strapi, `{ organisations { name } }`);
    expect(response.body.data?.organisations).toHaveLength(25);
  });

  // More than 100 organisations are published, so a cap shows as exactly 100, as REST caps.
  test('GraphQL limit: -1 is capped at 100', async () => {
    const response = await graphql(app.strapi, `{ organisations(pagination: { limit: -1 }) { name } }`);
    expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(response.body.data?.organisations).toHaveLength(100);
  });

  test('GraphQL pageSize above 100 is capped at 100', async () => {
    const response = await graphql(app.strapi, `{ organisations(pagination: { pageSize: 500 }) { name } }`);
    expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 200, errors: undefined });
    expect(response.body.data?.organisations).toHaveLength(100);
  });

  test('a 20-level nested GraphQL query is refused', async () => {
    let selection = 'name';
    for (let depth = 0; depth < 10; depth += 1) {
      selection = `mentionedInArticles { mentionedPersons { ${selection} } }`;
    }
    const response = await graphql(app.strapi, `{ people { ${selection} } }`);
    expect(response.status).toBe(400);
    // Twenty nested lists are refused for the rows they could return, before the depth is looked at.
    expect(response.body.errors?.[0].message).toMatch(/^The query could return up to [\d,]+ rows, over the limit of/);
    expect(response.body.data ?? null).toBeNull();
  });
});
