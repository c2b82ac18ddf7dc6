import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { readPublicQueryLimits } from '../graphql/limits';
import { searchEngine, type SearchEngine } from './engine';
import { FTS_TABLE, SEARCH_TYPES, TABLE, type SearchType } from './indexer';
import { snippetOf } from './snippet';
import { FTS5_SYNTAX, TSQUERY_SYNTAX, highlightTerms, matchExpression, parseQuery, type QueryGroup } from './tokens';

/** The search API's answer, the same over REST and GraphQL (see docs-search.md). */

export type SearchRequest = {
  q: string;
  types: SearchType[];
  from: string | null;
  to: string | null;
  organisation: string | null;
  locale: string;
  page: number;
  pageSize: number;
};

export type SearchHit = {
  type: SearchType;
  documentId: string;
  slug: string | null;
  title: string;
  snippet: string;
  score: number;
  date: string | null;
};

export type SearchResult = { hits: SearchHit[]; pagination: { page: number; pageSize: number; pageCount: number; total: number } };

export const MAX_QUERY_LENGTH = 100;

export const DEFAULT_SEARCH_PAGE_SIZE = 10;

/** Deeper than this no reader goes; the bound keeps OFFSET small. */
export const MAX_SEARCH_PAGE = 1000;

export const SEARCH_TYPE_NAMES = Object.keys(SEARCH_TYPES) as SearchType[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const DOCUMENT_ID = /^[A-Za-z0-9]{1,64}$/;

const invalid = (message: string): errors.ValidationError => new errors.ValidationError(message);

const isRealDate = (value: string): boolean => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

export type RawSearchArguments = {
  q?: unknown;
  types?: unknown;
  from?: unknown;
  to?: unknown;
  organisation?: unknown;
  locale?: unknown;
  page?: unknown;
  pageSize?: unknown;
};

const optionalString = (name: string, value: unknown): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalid(`${name} must be given once, as text`);
  return value;
};

const positiveInteger = (name: string, value: unknown, fallback: number): number => {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < 1) throw invalid(`${name} must be a positive whole number`);
  return number;
};

const typesOf = (value: unknown): SearchType[] => {
  if (value === undefined || value === null || value === '') return SEARCH_TYPE_NAMES;
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : null;
  if (names === null || names.length === 0) throw invalid(`type must be one or more of ${SEARCH_TYPE_NAMES.join(', ')}`);
  const types = names.map((name: unknown) => (typeof name === 'string' ? name.trim() : ''));
  const unknown = types.filter((name) => !(SEARCH_TYPE_NAMES as string[]).includes(name));
  if (unknown.length > 0) throw invalid(`type must be one or more of ${SEARCH_TYPE_NAMES.join(', ')}, not ${unknown.join(', ')}`);
  return [...new Set(types)] as SearchType[];
};

/**
 * Checks and completes what a client asked for; a ValidationError (400, or BAD_USER_INPUT over
 * GraphQL) says what is wrong. The page size is capped like every public list, not refused.
 */
export const readSearchRequest = async (strapi: Core.Strapi, raw: RawSearchArguments): Promise<SearchRequest> => {
  const q = typeof raw.q === 'string' ? raw.q.trim() : '';
  if (q === '') throw invalid('q is required: the text to search for');
  if (q.length > MAX_QUERY_LENGTH) throw invalid(`q is ${q.length} characters long; at most ${MAX_QUERY_LENGTH} are searched`);
  if (parseQuery(q).length === 0) throw invalid('q has no letter, digit or Chinese character to search for');
  const from = optionalString('from', raw.from);
  const to = optionalString('to', raw.to);
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== null && !isRealDate(value)) throw invalid(`${name} must be a date as YYYY-MM-DD`);
  }
  if (from !== null && to !== null && from > to) throw invalid('from is after to');
  const organisation = optionalString('organisation', raw.organisation);
  if (organisation !== null && !DOCUMENT_ID.test(organisation)) throw invalid('organisation must be an organisation documentId');
  const locales = (await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>;
  const locale = optionalString('locale', raw.locale) ?? ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
  if (!locales.some((known) => known.code === locale)) throw invalid(`locale must be one of ${locales.map((known) => known.code).join(', ')}`);
  const page = positiveInteger('page', raw.page, 1);
  if (page > MAX_SEARCH_PAGE) throw invalid(`page must be at most ${MAX_SEARCH_PAGE}`);
  const pageSize = Math.min(positiveInteger('pageSize', raw.pageSize, DEFAULT_SEARCH_PAGE_SIZE), readPublicQueryLimits().maxPageSize);
  return { q, types: typesOf(raw.types), from, to, organisation, locale, page, pageSize };
};

type Filter = { sql: string; bindings: unknown[] };

type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };

const joinTableOf = (strapi: Core.Strapi, uid: string, attribute: string): JoinTable =>
  (strapi.db.metadata.get(uid).attributes as unknown as Record<string, { joinTable: JoinTable }>)[attribute].joinTable;

const tableOf = (strapi: Core.Strapi, uid: string): string => strapi.db.metadata.get(uid).tableName;

/**
 * The organisation filter keeps the organisation itself, the published articles that mention it
 * and the published persons linked to it (their positions), read from Strapi's own link tables so
 * a link changed without a reindex still counts.
 */
const organisationFilter = (strapi: Core.Strapi, organisation: string): Filter => {
  const organisations = tableOf(strapi, SEARCH_TYPES.organisation);
  const linked = (uid: string, attribute: string): string => {
    const link = joinTableOf(strapi, uid, attribute);
    return (
      `SELECT owner.document_id FROM ${tableOf(strapi, uid)} owner ` +
      `JOIN ${link.name} link ON link.${link.joinColumn.name} = owner.id ` +
      `JOIN ${organisations} target ON target.id = link.${link.inverseJoinColumn.name} ` +
      'WHERE owner.published_at IS NOT NULL AND target.document_id = ?'
    );
  };
  return {
    sql:
      `((e.type = 'article' AND e.document_id IN (${linked(SEARCH_TYPES.article, 'mentionedOrganisations')})) ` +
      `OR (e.type = 'person' AND e.document_id IN (${linked(SEARCH_TYPES.person, 'organisations')})) ` +
      "OR (e.type = 'organisation' AND e.document_id = ?))",
    bindings: [organisation, organisation, organisation],
  };
};

const filtersOf = (strapi: Core.Strapi, request: SearchRequest): Filter[] => {
  const filters: Filter[] = [
    { sql: "e.locale IN ('', ?)", bindings: [request.locale] },
    { sql: `e.type IN (${request.types.map(() => '?').join(', ')})`, bindings: request.types },
  ];
  // Organisations and persons have no date: a date range keeps articles only.
  if (request.from !== null) filters.push({ sql: 'e.date >= ?', bindings: [request.from] });
  if (request.to !== null) filters.push({ sql: 'e.date <= ?', bindings: [request.to] });
  if (request.organisation !== null) filters.push(organisationFilter(strapi, request.organisation));
  return filters;
};

/** Ranking weights: a match in a title (a name, for organisations and persons) counts most. */
const FTS5_RANK = `bm25(${FTS_TABLE}, 10.0, 10.0, 1.0, 2.0)`;

/** ts_rank weights for D, C, B, A (body grams, body words, title words, title grams). */
const TS_RANK_WEIGHTS = "'{0.1, 0.2, 0.9, 1.0}'";

type Ranked = { id: number; score: number; total: number };

/** The ids and scores of one page of matches, best first, and how many match in all. */
const rankedPage = async (knex: Knex, engine: SearchEngine, groups: QueryGroup[], filters: Filter[], limit: number, offset: number): Promise<Ranked[]> => {
  const where = filters.map((filter) => filter.sql).join(' AND ');
  const bindings = filters.flatMap((filter) => filter.bindings);
  if (engine === 'sqlite') {
    // bm25() works only in the query that scans the FTS table; the window count needs it computed first.
    const rows = (await knex.raw(
      `WITH matched AS MATERIALIZED (SELECT rowid AS id, -${FTS5_RANK} AS score FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?) ` +
        `SELECT e.id AS id, matched.score AS score, count(*) OVER () AS total FROM matched JOIN ${TABLE} e ON e.id = matched.id ` +
        `WHERE ${where} ORDER BY score DESC, e.id LIMIT ? OFFSET ?`,
      [matchExpression(groups, FTS5_SYNTAX), ...bindings, limit, offset]
    )) as Ranked[];
    return rows;
  }
  const result = (await knex.raw(
    `SELECT e.id AS id, ts_rank(${TS_RANK_WEIGHTS}, e.tokens, query) AS score, count(*) OVER () AS total ` +
      `FROM ${TABLE} e, CAST(? AS tsquery) query WHERE e.tokens @@ query AND ${where} ORDER BY score DESC, e.id LIMIT ? OFFSET ?`,
    [matchExpression(groups, TSQUERY_SYNTAX), ...bindings, limit, offset]
  )) as { rows: Ranked[] };
  return result.rows;
};

/** The total when the page is past the last match (the page's own rows carry it otherwise). */
const countMatches = async (knex: Knex, engine: SearchEngine, groups: QueryGroup[], filters: Filter[]): Promise<number> => {
  const rows = await rankedPage(knex, engine, groups, filters, 1, 0);
  return rows.length === 0 ? 0 : Number(rows[0].total);
};

type EntryRow = { id: number; type: SearchType; document_id: string; slug: string | null; title: string; date: string | null; text: string };

export class SearchUnavailableError extends Error {}

export const runSearch = async (strapi: Core.Strapi, request: SearchRequest): Promise<SearchResult> => {
  const engine = searchEngine(strapi);
  if (engine === null) throw new SearchUnavailableError(`search needs SQLite or PostgreSQL; this server runs on ${strapi.db.dialect.client}`);
  const groups = parseQuery(request.q);
  const filters = filtersOf(strapi, request);
  const knex = strapi.db.connection;
  const offset = (request.page - 1) * request.pageSize;
  const ranked = await rankedPage(knex, engine, groups, filters, request.pageSize, offset);
  const total = ranked.length > 0 ? Number(ranked[0].total) : offset === 0 ? 0 : await countMatches(knex, engine, groups, filters);
  const entries =
    ranked.length === 0
      ? []
      : ((await knex(TABLE)
          .select('id', 'type', 'document_id', 'slug', 'title', 'date', 'text')
          .whereIn(
            'id',
            ranked.map((row) => row.id)
          )) as EntryRow[]);
  const byId = new Map(entries.map((entry) => [Number(entry.id), entry]));
  const terms = highlightTerms(groups);
  const hits = ranked.flatMap((row): SearchHit[] => {
    const entry = byId.get(Number(row.id));
    if (entry === undefined) return [];
    return [
      {
        type: entry.type,
        documentId: entry.document_id,
        slug: entry.slug,
        title: entry.title,
        snippet: snippetOf(entry.text === '' ? entry.title : entry.text, terms),
        score: Math.round(Number(row.score) * 1e6) / 1e6,
        date: entry.date,
      },
    ];
  });
  return { hits, pagination: { page: request.page, pageSize: request.pageSize, pageCount: Math.ceil(total / request.pageSize), total } };
};
