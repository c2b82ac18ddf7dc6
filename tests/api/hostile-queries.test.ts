import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Knex } from 'knex';
import { countRequestStatements, type RequestStatements } from '../../bench/lib/request-statements';
import { writeCorpus } from '../../bench/corpus';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ORGANISATION, seedNewsroom, type Seeded } from '../helpers/seed';
import { graphql, rest, type GraphQLResponse } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { ARTICLE_SELECTION } from '../helpers/queries';

/**
 * Requests an anonymous stranger could send to take the public API down or read what it must not
 * show, on a newsroom of a few hundred linked records: each is refused with a status and a message
 * that says why, before any resolver runs, and the pages the README describes still work.
 */

const NESTED_LIST_LIMIT = 5;

let app: TestApp;
let seeded: Seeded;
let corpus: string;
let statements: RequestStatements;
/** Statements a request costs before any resolver runs: authentication reads the public role's permissions. */
let authentication: number;

beforeAll(async () => {
  // Statement counts are read on the path a cache miss takes.
  process.env.RESPONSE_CACHE = 'false';
  // Small enough that the corpus has relations longer than it, so the cut can be seen.
  process.env.REST_NESTED_LIST_LIMIT = String(NESTED_LIST_LIMIT);
  app = await startStrapi();
  statements = countRequestStatements(app.strapi.server.httpServer, app.strapi.db.connection as Knex);
  seeded = await seedNewsroom(app.strapi);
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-hostile-'));
  writeCorpus(corpus, 150, 20261130);
  const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  expect(report.summary.failed).toBe(0);
  statements.reset();
  const syntaxError = await graphql(app.strapi, '{ newsArticles {');
  expect(syntaxError.status).toBe(400);
  authentication = statements.read();
  expect(authentication).toBeLessThanOrEqual(2);
}, 300_000);

afterAll(async () => {
  delete process.env.RESPONSE_CACHE;
  delete process.env.REST_NESTED_LIST_LIMIT;
  await app?.stop();
  if (corpus !== undefined) fs.rmSync(corpus, { recursive: true, force: true });
});

/** The request's answer and the SQL statements it cost. */
const counted = async <T>(request: () => Promise<T>): Promise<{ response: T; statements: number }> => {
  statements.reset();
  const response = await request();
  return { response, statements: statements.read() };
};

/** A GraphQL refusal: the status, one error saying why, no data, and no SQL but authentication's. */
const expectRefused = async (query: string, status: number, message: RegExp): Promise<GraphQLResponse> => {
  const { response, statements: cost } = await counted(() => graphql(app.strapi, query));
  expect({ status: response.status, messages: response.body.errors?.map((error) => error.message) }).toEqual({
    status,
    messages: [expect.stringMatching(message)],
  });
  expect(response.body.data ?? null).toBeNull();
  expect(cost).toBe(authentication);
  return response;
};

/** Alternates articles and people, `levels` relation lists deep, with no arguments. */
const nested = (levels: number): string => {
  let selection = levels % 2 === 0 ? 'name' : 'title';
  for (let level = levels - 1; level >= 1; level -= 1) {
    selection = level % 2 === 1 ? `title mentionedPersons { ${selection} }` : `name mentionedInArticles { ${selection} }`;
  }
  return `{ newsArticles { ${selection} } }`;
};

const ROWS_REFUSED = /^The query could return up to [\d,]+ rows, over the limit of 300,000: each list counts at its page size/;

describe('GraphQL refuses a query that would produce too many rows, before any resolver runs', () => {
  test('seven nested relation lists (the query that killed the server)', async () => {
    expect(nested(7)).toBe(
      '{ newsArticles { title mentionedPersons { name mentionedInArticles { title mentionedPersons { name mentionedInArticles { title mentionedPersons { name mentionedInArticles { title } } } } } } } }'
    );
    const response = await expectRefused(nested(7), 400, ROWS_REFUSED);
    expect(response.body.errors?.[0].message).toMatch(/up to 6,357,828,775 rows/);
  });

  test('five and four nested relation lists', async () => {
    await expectRefused(nested(5), 400, ROWS_REFUSED);
    await expectRefused(nested(4), 400, ROWS_REFUSED);
  });

  test('three nested lists at the largest page size', async () => {
    await expectRefused(
      '{ newsArticles(pagination: { limit: 100 }) { mentionedPersons(pagination: { limit: 100 }) { mentionedInArticles(pagination: { limit: 100 }) { title } } } }',
      400,
      ROWS_REFUSED
    );
  });

  test('a page size hidden in a variable counts at the largest page size', async () => {
    const query = 'query($page: PaginationArg) { newsArticles(pagination: $page) { mentionedPersons(pagination: $page) { mentionedInArticles(pagination: $page) { title } } } }';
    const { response, statements: cost } = await counted(() => graphql(app.strapi, query, { page: { limit: 1 } }));
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].message).toMatch(ROWS_REFUSED);
    expect(cost).toBe(authentication);
  });
});

describe('GraphQL refuses other hostile documents with a 400 that says why', () => {
  test('300 aliases of one list', async () => {
    const aliases = Array.from({ length: 300 }, (_, index) => `a${index}:newsArticles{title}`).join(' ');
    await expectRefused(`{ ${aliases} }`, 400, /Aliases limit of 15 exceeded, found 300/);
  });

  test('300 aliases of a list of 100, which is also over the token limit', async () => {
    const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: newsArticles(pagination: { limit: 100 }) { title }`).join(' ');
    await expectRefused(`{ ${aliases} }`, 400, /Document contains more that 2000 tokens/);
  });

  test('a fragment that spreads itself', async () => {
    await expectRefused('fragment A on NewsArticle { ...A } { newsArticles { ...A } }', 400, /Cannot spread fragment "A" within itself/);
    await expectRefused('fragment A on NewsArticle { title ...B } fragment B on NewsArticle { ...A } { newsArticles { ...A } }', 400, /Cannot spread fragment "A" within itself via "B"/);
  });

  test('fragments that spread each other twice at every level (exponential if walked naively)', async () => {
    const fragments = Array.from({ length: 40 }, (_, index) => `fragment F${index} on NewsArticle { ...F${index + 1} ...F${index + 1} }`).join(' ');
    await expectRefused(`${fragments} fragment F40 on NewsArticle { title } { newsArticles { ...F0 } }`, 400, /selects \d+ fields once its fragments are spread; the limit is 2000/);
  });

  test('an unknown fragment', async () => {
    await expectRefused('{ newsArticles { ...Missing } }', 400, /Unknown fragment "Missing"/);
  });

  test('more than 20 directives', async () => {
    const directives = Array.from({ length: 30 }, () => '@include(if: true)').join(' ');
    await expectRefused(`{ newsArticles { title ${directives} } }`, 400, /Directives limit of 20 exceeded, found 30/);
  });

  test('more than 10 levels deep, within the row limit', async () => {
    await expectRefused(
      '{ newsArticles(pagination: { limit: 1 }) { source { publisher { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } } }',
      400,
      /exceeds maximum operation depth of 10/
    );
  });
});


describe('GraphQL still answers the queries frontends send', () => {
  const expectAnswered = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await graphql(app.strapi, query, variables);
    expect({ status: response.status, errors: response.body.errors }).toEqual({ status: 200, errors: undefined });
    return response.body.data as Record<string, unknown[]>;
  };

  test('the README list and detail queries', async () => {
    const list = await expectAnswered(
      '{ newsArticles(sort: "publicationDate:desc", pagination: { pageSize: 10 }) { documentId title slug publicationDate source { publisherName publisher { name } } mentionedPersons { name positions { title organisation { name } } } quotes { text speakerTitle speaker { name } } amounts { value currency approximate text } } }'
    );
    expect(list.newsArticles).toHaveLength(10);
    const detail = await expectAnswered(
      'query($slug: String!) { newsArticles(filters: { slug: { eq: $slug } }) { title body } }',
      { slug: seeded.articleSlug }
    );
    expect(detail.newsArticles).toHaveLength(1);
  });

  test('a list page of 100 articles with people, their positions and organisations, quotes and sources', async () => {
    const data = await expectAnswered(
      '{ newsArticles(pagination: { pageSize: 100 }) { title slug source { publisherName publisher { name } } mentionedPersons { name positions { title organisation { name } } } quotes { text speaker { name } } } }'
    );
    expect(data.newsArticles).toHaveLength(100);
  });

  test('the N+1 check\'s selection for 100 articles', async () => {
    const data = await expectAnswered(`{ newsArticles(pagination: { limit: 100 }, sort: ["publicationDate:desc", "documentId:asc"]) { ${ARTICLE_SELECTION} } }`);
    expect(data.newsArticles).toHaveLength(100);
  });

  test('three nested lists at the default page size, and a fragment used twice', async () => {
    const data = await expectAnswered('fragment Who on Person { name } { newsArticles { mentionedPersons { ...Who mentionedInArticles { title } } quotes { speaker { ...Who } } } }');
    expect(data.newsArticles).toHaveLength(25);
  });
});

describe('GraphQL keeps limits, private fields and drafts from strangers', () => {
  test('a page of 1000 or of -1 returns at most 100 items', async () => {
    for (const pagination of ['{ limit: 1000 }', '{ limit: -1 }', '{ pageSize: 1000 }']) {
      const response = await graphql(app.strapi, `{ organisations(pagination: ${pagination}) { name } }`);
      expect(response.body.errors).toBeUndefined();
      expect((response.body.data?.organisations as unknown[]).length).toBe(100);
    }
  });

  test.each(['rawText', 'contentHash', 'importKey', 'importedValues', 'importEvidence', 'needsReview', 'reviewReason'])('the private field %s cannot be selected, filtered or sorted on', async (field) => {
    const selected = await graphql(app.strapi, `{ newsArticles { title ${field} } }`);
    expect(selected.status).toBe(400);
    expect(selected.body.errors?.[0].message).toMatch(new RegExp(`^Cannot query field "${field}" on type "NewsArticle"\\.`));
    const filtered = await graphql(app.strapi, `{ newsArticles(filters: { ${field}: { eq: "x" } }) { title } }`);
    expect(filtered.status).toBe(400);
    expect(filtered.body.errors?.[0].message).toMatch(new RegExp(`Field "${field}" is not defined by type "NewsArticleFiltersInput"`));
    const sorted = await graphql(app.strapi, `{ newsArticles(sort: "${field}:asc") { title } }`);
    expect(sorted.body.data?.newsArticles ?? null).toBeNull();
    expect(sorted.body.errors?.[0].message).toMatch(/Invalid key|not allowed|Invalid/i);
  });

  test('field suggestions do not reveal the schema', async () => {
    const response = await graphql(app.strapi, '{ newsArticles { titl } }');
    expect(response.status).toBe(400);
    // graphql-armor masks the suggestion and leaves the question mark that ended it.
    expect(response.body.errors?.[0].message).toBe('Cannot query field "titl" on type "NewsArticle". [Suggestion hidden]?');
  });

  test('drafts stay hidden when a stranger asks for them', async () => {
    const response = await graphql(app.strapi, `{ newsArticles(status: DRAFT, pagination: { limit: 100 }, filters: { title: { eq: "尚未审核的草稿新闻" } }) { title } }`);
    expect(response.body.data?.newsArticles).toEqual([]);
    const byId = await graphql(app.strapi, `query($id: ID!) { newsArticle(documentId: $id, status: DRAFT) { title } }`, { id: seeded.draftArticle });
    expect(byId.body.data?.newsArticle ?? null).toBeNull();
  });

  test('errors carry no stack trace and no path on the server', async () => {
    for (const query of ['{ newsArticles { titl } }', 'fragment A on NewsArticle { ...A } { newsArticles { ...A } }', nested(4), '{ newsArticles(sort: "rawText:asc") { title } }']) {
      const response = await graphql(app.strapi, query);
      const text = JSON.stringify(response.body);
      expect(text).not.toContain('stacktrace');
      expect(text).not.toContain(process.cwd());
      expect(text).not.toMatch(/node_modules|\/dist\//);
    }
  });
});

const populate = (query: string) => rest(app.strapi).get(`/api/news-articles?${query}`);

describe('REST refuses a populate that would walk the graph', () => {
  test('the reproduction: populate * four levels down, through lists inside lists', async () => {
    const { response, statements: cost } = await counted(() =>
      populate('populate[mentionedOrganisations][populate][mentionedInArticles][populate][mentionedOrganisations][populate]=*')
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      data: null,
      error: expect.objectContaining({
        status: 400,
        message:
          'populate follows more than 1 to-many relation along mentionedOrganisations.mentionedInArticles: each is loaded whole for every parent before it is cut, so a list inside a list can load the whole graph. Read the inner list with a request of its own.',
      }),
    });
    expect(cost).toBe(authentication);
  });

  test('three levels without * that go through a list inside a list', async () => {
    const { response, statements: cost } = await counted(() =>
      populate('populate[mentionedOrganisations][populate][mentionedInArticles][populate][mentionedOrganisations]=true')
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^populate follows more than 1 to-many relation along mentionedOrganisations.mentionedInArticles:/);
    expect(cost).toBe(authentication);
    const dotted = await populate('populate=mentionedPersons.quotedInArticles');
    expect(dotted.status).toBe(400);
    expect(dotted.body.error.message).toMatch(/^populate follows more than 1 to-many relation along mentionedPersons.quotedInArticles:/);
  });

  test('four levels', async () => {
    const response = await populate('populate[mentionedPersons][populate][positions][populate][organisation][populate][parent]=true');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'populate reaches 4 levels below the entry (mentionedPersons.positions.organisation.parent); the limit is 3. Populate fewer levels, or read the deeper records with a request of their own.'
    );
  });

  test('four levels as a dotted path', async () => {
    const response = await populate('populate=source.publisher.parent.parent');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^populate reaches 4 levels below the entry \(source.publisher.parent.parent\)/);
  });

  test('* one level down, in a populate object or a dotted path', async () => {
    for (const query of ['populate[mentionedPersons][populate]=*', 'populate=mentionedPersons.*', 'populate[quotes][populate]=*']) {
      const response = await populate(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.error.message).toMatch(/^populate "\*" is allowed only at the top level/);
    }
  });

  test('populate=* at the top and three named levels are answered', async () => {
    await populate('populate=*').expect(200);
    const response = await populate('populate[mentionedPersons][populate][positions][populate][organisation]=true').expect(200);
    expect(response.body.data.length).toBe(25);
  });

  test('every default populate, list and detail, is within the bounds', async () => {
    for (const type of ['news-articles', 'organisations', 'people', 'initiatives']) {
      const list = await rest(app.strapi).get(`/api/${type}`).query({ pagination: { pageSize: 100 } });
      expect({ type, status: list.status }).toEqual({ type, status: 200 });
      const documentId = list.body.data[0].documentId as string;
      const detail = await rest(app.strapi).get(`/api/${type}/${documentId}`);
      expect({ type, status: detail.status }).toEqual({ type, status: 200 });
    }
    await rest(app.strapi).get('/api/news-articles').query({ filters: { slug: { $eq: seeded.articleSlug } } }).expect(200);
  });

  test(`a populated to-many relation keeps at most ${NESTED_LIST_LIMIT} items per parent`, async () => {
    const organisations = await app.strapi.documents(ORGANISATION).findMany({ status: 'published', populate: { mentionedInArticles: { fields: ['id'] } }, limit: 1000 });
    const longest = Math.max(...organisations.map((organisation) => (organisation.mentionedInArticles as unknown[]).length));
    expect(longest).toBeGreaterThan(NESTED_LIST_LIMIT);
    const response = await rest(app.strapi)
      .get('/api/organisations')
      .query({ pagination: { pageSize: 100 }, populate: { mentionedInArticles: { fields: ['title'] } } })
      .expect(200);
    const lengths = (response.body.data as Array<{ mentionedInArticles: unknown[] }>).map((organisation) => organisation.mentionedInArticles.length);
    expect(Math.max(...lengths)).toBe(NESTED_LIST_LIMIT);
  });
});

describe('REST keeps limits, private fields and drafts from strangers', () => {
  test('a page of 1000 returns 100 items, and a limit of -1 no more', async () => {
    for (const pagination of [{ pageSize: 1000 }, { limit: 1000 }]) {
      const response = await rest(app.strapi).get('/api/organisations').query({ pagination }).expect(200);
      expect(response.body.data).toHaveLength(100);
    }
    // The query string's "-1" is not the number -1 Strapi treats as "no limit": it reads as a limit of 1.
    const all = await rest(app.strapi).get('/api/organisations').query({ pagination: { limit: -1 } }).expect(200);
    expect(all.body.data).toHaveLength(1);
  });

  test.each(['rawText', 'contentHash', 'importKey', 'importedValues', 'importEvidence', 'needsReview', 'reviewReason'])('the private field %s is refused in filters, fields, populate and sort', async (field) => {
    const attempts = [
      { filters: { [field]: { $notNull: true } } },
      { fields: [field] },
      { sort: `${field}:asc` },
      { populate: { mentionedPersons: { fields: [field] } } },
      { populate: { mentionedOrganisations: { filters: { [field]: { $notNull: true } } } } },
    ];
    for (const query of attempts) {
      const response = await rest(app.strapi).get('/api/news-articles').query(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(JSON.stringify(response.body)).not.toMatch(/RAW-SECRET|HASH-SECRET|IMPORT-KEY-SECRET|REVIEW-SECRET|secret-key/);
    }
  });

  test('drafts stay hidden when a stranger asks for them', async () => {
    const list = await rest(app.strapi).get('/api/news-articles').query({ status: 'draft', filters: { title: { $eq: '尚未审核的草稿新闻' } } }).expect(200);
    expect(list.body.data).toEqual([]);
    await rest(app.strapi).get(`/api/news-articles/${seeded.draftArticle}`).query({ status: 'draft' }).expect(404);
  });
});
