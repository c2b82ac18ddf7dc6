import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Knex } from 'knex';
import { countRequestStatements, type RequestStatements } from '../../bench/lib/request-statements';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { graphql, rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';
import { ARTICLE_SELECTION } from '../helpers/queries';

/**
 * The number of SQL statements a read costs must not grow with the number of rows it returns (no
 * N+1). Counted through knex query events on a real database holding 150 imported, published pages.
 */

let app: TestApp;
let corpus: string;
let requestStatements: RequestStatements;

beforeAll(async () => {
  // Counted on the path a cache miss takes; cached responses cost one statement whatever they hold.
  process.env.RESPONSE_CACHE = 'false';
  app = await startStrapi();
  requestStatements = countRequestStatements(app.strapi.server.httpServer, app.strapi.db.connection as Knex);
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-query-count-'));
  writeCorpus(corpus, 150, 20200410);
  const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  expect(report.summary.failed).toBe(0);
}, 300_000);

afterAll(async () => {
  delete process.env.RESPONSE_CACHE;
  await app?.stop();
  if (corpus !== undefined) fs.rmSync(corpus, { recursive: true, force: true });
});

const countStatements = async (request: () => Promise<unknown>): Promise<number> => {
  requestStatements.reset();
  await request();
  return requestStatements.read();
};


const articlesQuery = (limit: number) => `{ newsArticles(pagination: { limit: ${limit} }, sort: ["publicationDate:desc", "documentId:asc"]) { ${ARTICLE_SELECTION} } }`;

const graphqlList = async (limit: number) => {
  const response = await graphql(app.strapi, articlesQuery(limit));
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data?.newsArticles).toHaveLength(limit);
  return response.body.data?.newsArticles as Array<Record<string, unknown>>;
};

const restList = async (pageSize: number) => {
  const response = await rest(app.strapi).get('/api/news-articles').query({ pagination: { pageSize }, sort: ['publicationDate:desc', 'documentId:asc'] }).expect(200);
  expect(response.body.data).toHaveLength(pageSize);
  return response.body.data as Array<Record<string, unknown>>;
};

describe('SQL statements per request do not grow with the page size', () => {
  test('a REST article list costs as many statements for 100 articles as for 10', async () => {
    await restList(10);
    const ten = await countStatements(() => restList(10));
    const hundred = await countStatements(() => restList(100));
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
  });

  test('a REST organisation detail with its people costs the same for a small and a large organisation', async () => {
    const organisations = await app.strapi.documents('api::organisation.organisation').findMany({
      status: 'published',
      populate: { people: { fields: ['id'] } },
      limit: 1000,
    });
    const bySize = organisations
      .map((organisation) => ({ documentId: organisation.documentId, people: (organisation.people as unknown[]).length }))
      .filter((organisation) => organisation.people > 0)
      .sort((a, b) => a.people - b.people);
    const small = bySize[0];
    const large = bySize[bySize.length - 1];
    expect(large.people).toBeGreaterThan(small.people);
    const detail = (documentId: string) => () => rest(app.strapi).get(`/api/organisations/${documentId}`).expect(200);
    await detail(small.documentId)();
    expect(await countStatements(detail(large.documentId))).toBe(await countStatements(detail(small.documentId)));
  });

  test('a GraphQL article list with nested relations, components and media costs as many statements for 100 articles as for 10', async () => {
    await graphqlList(10);
    const ten = await countStatements(() => graphqlList(10));
    const hundred = await countStatements(() => graphqlList(100));
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
  });
});

describe('batched GraphQL relations return what REST returns for each article', () => {
  test('every article of a page of 100 has its own people, positions, organisations and quotes, in order', async () => {
    const [fromGraphQL, fromRest] = await Promise.all([graphqlList(100), restList(100)]);
    const summary = (article: Record<string, any>) => ({
      documentId: article.documentId,
      persons: article.mentionedPersons.map((person: any) => [
        person.name,
        person.positions.map((position: any) => [position.title, position.organisation?.name ?? null]),
      ]),
      organisations: article.mentionedOrganisations.map((organisation: any) => organisation.name),
      initiatives: article.mentionedInitiatives.map((initiative: any) => initiative.name),
      quotes: article.quotes.map((quote: any) => [quote.text, quote.speaker?.name ?? null]),
      amounts: article.amounts.map((amount: any) => amount.value),
      publisher: article.source?.publisher?.name ?? null,
    });
    expect(fromGraphQL.map(summary)).toEqual(fromRest.map(summary));
    expect(fromGraphQL.some((article: Record<string, any>) => article.mentionedPersons.length > 1)).toBe(true);
  });

  test('pagination on a nested relation applies to each parent, not to the whole batch', async () => {
    const response = await graphql(
      app.strapi,
      `{ newsArticles(pagination: { limit: 50 }, sort: ["publicationDate:desc", "documentId:asc"]) { documentId mentionedOrganisations(pagination: { limit: 2 }) { name } } }`
    );
    expect(response.body.errors).toBeUndefined();
    const paged = response.body.data?.newsArticles as Array<{ documentId: string; mentionedOrganisations: Array<{ name: string }> }>;
    const full = await restList(50);
    const withMore = full.filter((article: Record<string, any>) => article.mentionedOrganisations.length > 2);
    expect(withMore.length).toBeGreaterThan(0);
    paged.forEach((article, index) => {
      const expected = (full[index].mentionedOrganisations as Array<{ name: string }>).slice(0, 2).map((o) => o.name);
      expect(article.mentionedOrganisations.map((o) => o.name)).toEqual(expected);
    });
  });
});

describe('nested GraphQL reads', () => {
  test("articles listed under people are read without the articles' private page text and import evidence", async () => {
    const knex = app.strapi.db.connection as Knex;
    const privateColumnsRead: string[] = [];
    const onResponse = (response: unknown): void => {
      const rows = Array.isArray(response) ? response : ((response as { rows?: unknown[] } | null)?.rows ?? []);
      for (const row of rows) {
        if (typeof row !== 'object' || row === null) continue;
        for (const column of ['raw_text', 'import_evidence', 'imported_links', 'text_fingerprint']) if (column in row) privateColumnsRead.push(column);
      }
    };
    knex.on('query-response', onResponse);
    try {
      const response = await graphql(app.strapi, '{ people(pagination: { limit: 50 }) { name mentionedInArticles(pagination: { limit: 25 }) { title slug } } }');
      expect(response.body.errors).toBeUndefined();
      const people = response.body.data?.people as Array<{ mentionedInArticles: Array<{ title: string; slug: string }> }>;
      const articles = people.flatMap((person) => person.mentionedInArticles);
      expect(articles.length).toBeGreaterThan(50);
      expect(articles.every((article) => article.title !== '' && article.slug !== '')).toBe(true);
    } finally {
      knex.off('query-response', onResponse);
    }
    expect([...new Set(privateColumnsRead)]).toEqual([]);
  });
});

describe('list pages sorted the ways a frontend sorts them', () => {
  // An article row carries its page text and the importer's evidence, so a list that sorts or
  // filters the table itself reads every article's row on each request, however short the page.
  test.each(['title:asc', 'updatedAt:desc'])('a published list sorted by %s walks an index that holds the public filter, instead of sorting the table', async (sort) => {
    const knex = app.strapi.db.connection as Knex;
    const statements: Array<{ sql: string; bindings: unknown[] }> = [];
    const onQuery = (query: { sql: string; bindings?: unknown[] }): void => {
      statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
    };
    knex.on('query', onQuery);
    try {
      await rest(app.strapi).get('/api/news-articles').query({ sort, pagination: { page: 3, pageSize: 25 } }).expect(200);
    } finally {
      knex.off('query', onQuery);
    }
    const column = sort.startsWith('title') ? 'title' : 'updated_at';
    const list = statements.find(({ sql }) => /from ([`"]\w+[`"]\.)?[`"]news_articles[`"] as [`"]t0[`"]/.test(sql) && new RegExp(`order by [\`"]t0[\`"]\\.[\`"]${column}[\`"]`).test(sql));
    expect(list).toBeDefined();
    if (knex.client.config.client === 'better-sqlite3' || knex.client.config.client === 'sqlite3') {
      const plan = (await knex.raw(`explain query plan ${list!.sql}`, list!.bindings as never)) as Array<{ detail: string }>;
      const details = plan.map((step) => step.detail).join('\n');
      expect(details).toMatch(new RegExp(`USING (COVERING )?INDEX news_articles_${column}_idx`));
      expect(details).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    } else {
      const indexes = await knex('pg_indexes').select('indexdef').where({ tablename: 'news_articles', indexname: `news_articles_${column}_idx` });
      expect(indexes.map((index: { indexdef: string }) => index.indexdef)).toEqual([expect.stringMatching(new RegExp(`\\(${column}, locale, published_at\\)`))]);
    }
  });
});

describe('the links an import writes', () => {
  test('no owner has two links with the same order value, so every reader sees one order', async () => {
    const knex = app.strapi.db.connection as Knex;
    const tables = new Map<string, { owner: string[]; order: string }>();
    for (const { tableName, attributes } of app.strapi.db.metadata.values() as Iterable<{ tableName: string; attributes: Record<string, any> }>) {
      if (!tableName.startsWith('news_articles') && !tableName.startsWith('persons') && !tableName.startsWith('organisations') && !tableName.startsWith('initiatives')) continue;
      for (const attribute of Object.values(attributes)) {
        const joinTable = attribute.joinTable;
        if (joinTable?.orderColumnName === undefined) continue;
        // Component tables number their rows per field of the owner.
        const owner = joinTable.on?.field === undefined ? [joinTable.joinColumn.name] : [joinTable.joinColumn.name, 'field'];
        tables.set(joinTable.name, { owner, order: joinTable.orderColumnName });
      }
    }
    expect(tables.size).toBeGreaterThan(5);
    for (const [table, { owner, order }] of tables) {
      const clashes = await knex(table)
        .select(...owner, order)
        .whereNotNull(order)
        .count({ links: '*' })
        .groupBy(...owner, order)
        .havingRaw('count(*) > 1');
      expect({ table, clashes }).toEqual({ table, clashes: [] });
    }
  });
});
