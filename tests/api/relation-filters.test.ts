import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { ARTICLE, ORGANISATION, PERSON } from '../helpers/seed';
import { graphql, rest } from '../helpers/http';
import { runImport } from '../helpers/importer';
import { writeCorpus } from '../../bench/corpus';

/**
 * A list filtered on one related document (`filters[mentionedOrganisations][documentId][$eq]=…`,
 * "news about this organisation") is answered from the link table first
 * (src/http/relation-filters.ts). The same filter written with `$in` and one value is left to
 * Strapi's joins, so each request here is made both ways and the answers must be the same: the
 * same entries in the same order, and the same pagination, on a newsroom of imported pages.
 * GraphQL's filter of the same form is narrowed the same way (src/graphql/relation-filters.ts).
 */

let app: TestApp;
let corpus: string;

beforeAll(async () => {
  app = await startStrapi();
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'relation-filters-'));
  writeCorpus(corpus, 40, 77);
  const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi: app.strapi });
  expect(report.summary.failed).toBe(0);
});

afterAll(async () => {
  await app?.stop();
  fs.rmSync(corpus, { recursive: true, force: true });
});

const documentIdsOf = async (uid: string): Promise<string[]> =>
  ((await app.strapi.db.query(uid as typeof ARTICLE).findMany({ where: { publishedAt: { $notNull: true } }, select: ['documentId'] })) as Array<{ documentId: string }>).map(
    (row) => row.documentId
  );

const get = async (url: string) => {
  const response = await rest(app.strapi).get(url);
  expect(response.status).toBe(200);
  return response.body as { data: Array<{ documentId: string }>; meta: unknown };
};

/** The answer to a list filtered with `$eq`, and the answer with the same filter as `$in` of one value. */
const bothWays = async (base: string, relation: string, documentId: string, more = '') => {
  const id = encodeURIComponent(documentId);
  const eq = await get(`${base}?filters[${relation}][documentId][$eq]=${id}${more}`);
  const asIn = await get(`${base}?filters[${relation}][documentId][$in][0]=${id}${more}`);
  return { eq, asIn };
};

const totalOf = (answer: { meta: unknown }): number => (answer.meta as { pagination: { total: number } }).pagination.total;

/** Whether the filter was applied at all: some answer lists fewer entries than there are, and more than none. */
const narrowedSome = (totals: number[], all: number): boolean => totals.some((total) => total > 0 && total < all);

const PAGE = '&sort[0]=publicationDate:desc&sort[1]=id:desc&pagination[pageSize]=5&pagination[page]=2';

describe('a list filtered on one related document', () => {
  test('news mentioning each organisation: the same articles, order and pagination as Strapi’s join gives', async () => {
    const totals: number[] = [];
    for (const organisation of await documentIdsOf(ORGANISATION)) {
      const { eq, asIn } = await bothWays('/api/news-articles', 'mentionedOrganisations', organisation, PAGE);
      expect(eq).toEqual(asIn);
      totals.push(totalOf(eq));
    }
    expect(narrowedSome(totals, totalOf(await get('/api/news-articles')))).toBe(true);
  });

  test('news mentioning each person, with a second filter and in the other locale: the same as Strapi’s join', async () => {
    const totals: number[] = [];
    for (const person of await documentIdsOf(PERSON)) {
      const withTitle = await bothWays('/api/news-articles', 'mentionedPersons', person, '&filters[title][$contains]=商会');
      expect(withTitle.eq).toEqual(withTitle.asIn);
      const english = await bothWays('/api/news-articles', 'mentionedPersons', person, '&locale=en');
      expect(english.eq).toEqual(english.asIn);
      const plain = await bothWays('/api/news-articles', 'mentionedPersons', person);
      expect(plain.eq).toEqual(plain.asIn);
      totals.push(totalOf(plain.eq));
    }
    expect(narrowedSome(totals, totalOf(await get('/api/news-articles')))).toBe(true);
  });

  test('organisations an article mentions (the other side of the link): the same as Strapi’s join', async () => {
    const articles = await documentIdsOf(ARTICLE);
    const totals: number[] = [];
    for (const article of articles.slice(0, 15)) {
      const { eq, asIn } = await bothWays('/api/organisations', 'mentionedInArticles', article);
      expect(eq).toEqual(asIn);
      totals.push(totalOf(eq));
    }
    expect(narrowedSome(totals, totalOf(await get('/api/organisations')))).toBe(true);
  });

  test('a documentId nothing links to gives an empty list with a total of 0', async () => {
    const { eq, asIn } = await bothWays('/api/news-articles', 'mentionedOrganisations', 'no-such-document');
    expect(eq).toEqual(asIn);
    expect(eq.data).toEqual([]);
    expect(totalOf(eq)).toBe(0);
  });
});

type QueryEvent = { sql: string };

/** The SQL statements the app runs while `work` runs. */
const statementsDuring = async (work: () => Promise<unknown>): Promise<string[]> => {
  const statements: string[] = [];
  const listener = (query: QueryEvent) => statements.push(query.sql);
  const connection = app.strapi.db.connection;
  connection.on('query', listener);
  try {
    await work();
  } finally {
    connection.off('query', listener);
  }
  return statements;
};

const MENTIONING = `
  query Mentioning($filters: NewsArticleFiltersInput) {
    newsArticles_connection(filters: $filters, sort: ["publicationDate:desc", "documentId:asc"], pagination: { page: 2, pageSize: 5 }) {
      nodes { documentId title }
      pageInfo { total page pageSize pageCount }
    }
  }
`;

type Connection = { nodes: Array<{ documentId: string }>; pageInfo: { total: number } };

/**
 * The list of news matching `filters`. A `fresh` request differs in its text from every one before
 * it, so the response cache cannot answer it and its statements are the ones that compute it.
 */
const mentioning = async (filters: Record<string, unknown>, fresh = false): Promise<Connection> => {
  const response = await graphql(app.strapi, fresh ? `${MENTIONING}\n# ${crypto.randomUUID()}` : MENTIONING, { filters });
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return (response.body.data as { newsArticles_connection: Connection }).newsArticles_connection;
};

/** Whether a statement reads articles through their links to organisations, Strapi's left join (in any schema). */
const joinsArticlesToOrganisations = (sql: string): boolean => /left join ([`"]?\w+[`"]?\.)?[`"]?news_articles_mentioned_organisations_lnk\b/i.test(sql);

describe('a GraphQL list filtered on one related document', () => {
  test('news mentioning each organisation: the same articles, order and page info as Strapi’s join gives', async () => {
    const totals: number[] = [];
    for (const organisation of await documentIdsOf(ORGANISATION)) {
      const eq = await mentioning({ mentionedOrganisations: { documentId: { eq: organisation } } });
      const asIn = await mentioning({ mentionedOrganisations: { documentId: { in: [organisation] } } });
      expect(eq).toEqual(asIn);
      totals.push(eq.pageInfo.total);
    }
    const all = await mentioning({});
    expect(narrowedSome(totals, all.pageInfo.total)).toBe(true);
  });

  test('is answered from the link table, not by joining every article to its organisations', async () => {
    const [organisation] = await documentIdsOf(ORGANISATION);
    const asIn = await statementsDuring(() => mentioning({ mentionedOrganisations: { documentId: { in: [organisation] } } }, true));
    // The same filter with `in` is Strapi's: the join this test looks for is the one it makes.
    expect(asIn.some(joinsArticlesToOrganisations)).toBe(true);
    const eq = await statementsDuring(() => mentioning({ mentionedOrganisations: { documentId: { eq: organisation } } }, true));
    expect(eq.some(joinsArticlesToOrganisations)).toBe(false);
  });
});
