import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { readPublicQueryLimits } from '../../src/graphql/limits';
import { newsArticleJsonLd, type JsonLdArticle } from '../../src/syndication/json-ld';
import { readSiteConfig } from '../../src/syndication/site';

/**
 * A minimal baseline for the REST benchmark: node:http and better-sqlite3 reading the SQLite file
 * that Strapi wrote, answering the routes of the bench's reader mix with bodies deep-equal to Strapi
 * 5.54's.
 *
 * Like Strapi's query engine (whose statements were captured from a running Strapi to check the
 * joins, filters and ordering), it makes one batched `IN (...)` query per relation level; unlike
 * it, each query starts from the indexed link column and selects only the columns shown. Fixed
 * statements are prepared at start; those with an `IN` list once per list length.
 */

type Row = Record<string, unknown>;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// URLs the benchmark requests

/**
 * The list is sorted newest first by the article's original date, then by id. `id` is sortable over
 * REST in this project (strictParams accepts it), and it breaks ties between articles of one day
 * deterministically, so pages never overlap.
 */
export const LIST_SORT = ['publicationDate:desc', 'id:desc'] as const;
export const LIST_PAGE_SIZE = 25;

export const listPath = (page: number, pageSize: number = LIST_PAGE_SIZE): string =>
  `/api/news-articles?${LIST_SORT.map((sort, index) => `sort[${index}]=${sort}`).join('&')}&pagination[page]=${page}&pagination[pageSize]=${pageSize}`;

export const detailPath = (slug: string): string => `/api/news-articles?filters[slug][$eq]=${encodeURIComponent(slug)}`;

export const organisationPath = (documentId: string): string => `/api/organisations/${encodeURIComponent(documentId)}`;

export const personPath = (documentId: string): string => `/api/people/${encodeURIComponent(documentId)}`;

/** The filter a frontend's organisation page lists its news with. */
export const MENTIONS_KEY = 'filters[mentionedOrganisations][documentId][$eq]';

/** A page of the articles that mention one organisation, newest first, as the list is sorted. */
export const mentioningPath = (organisation: string, page: number): string => `${listPath(page)}&${MENTIONS_KEY}=${encodeURIComponent(organisation)}`;

// ---------------------------------------------------------------------------------------------
// Value conversion, as Strapi's database fields do it (node_modules/@strapi/database/dist/fields)

const toStr = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const toNum = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const toBool = (value: unknown): boolean | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  // SQLite has no boolean type: Strapi stores 1/0 and maps anything else to null.
  const text = String(value);
  if (text === '1') return true;
  if (text === '0') return false;
  return null;
};

const toDateTime = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  // Strapi writes datetimes to SQLite as epoch milliseconds; `new Date` also reads the text forms.
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
};

const toJson = (value: unknown): Json => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value as Json;
  try {
    const parsed = JSON.parse(value) as Json;
    // Strapi 5 before rc.7 stored some JSON stringified twice, and Strapi still unwraps it.
    return typeof parsed === 'string' ? (JSON.parse(parsed) as Json) : parsed;
  } catch {
    return value;
  }
};

/** Strapi's core store keeps every value JSON-encoded once, strings included. */
const storedString = (value: string): string => {
  const parsed = JSON.parse(value) as unknown;
  if (typeof parsed !== 'string') throw new Error(`expected a string in the core store, got ${value}`);
  return parsed;
};

/** `date` columns come back as stored. */
const toDate = (value: unknown): Json => (value === undefined ? null : (value as Json));

// ---------------------------------------------------------------------------------------------
// Row shapes: which columns each populate selects and how they become JSON

const organisationSummary = (row: Row): JsonObject => ({
  id: toNum(row.id),
  documentId: toStr(row.document_id),
  name: toStr(row.name),
  kind: toStr(row.kind),
  region: toStr(row.region),
});

const file = (row: Row): JsonObject => ({
  id: toNum(row.id),
  documentId: toStr(row.document_id),
  name: toStr(row.name),
  alternativeText: toStr(row.alternative_text),
  caption: toStr(row.caption),
  focalPoint: toJson(row.focal_point),
  width: toNum(row.width),
  height: toNum(row.height),
  formats: toJson(row.formats),
  hash: toStr(row.hash),
  ext: toStr(row.ext),
  mime: toStr(row.mime),
  size: toNum(row.size),
  url: toStr(row.url),
  previewUrl: toStr(row.preview_url),
  provider: toStr(row.provider),
  provider_metadata: toJson(row.provider_metadata),
  createdAt: toDateTime(row.created_at),
  updatedAt: toDateTime(row.updated_at),
  publishedAt: toDateTime(row.published_at),
});

const ARTICLE_COLUMNS =
  '`t0`.`id`, `t0`.`document_id`, `t0`.`title`, `t0`.`slug`, `t0`.`summary`, `t0`.`publication_date`, `t0`.`reporter`, `t0`.`correspondent`, `t0`.`editor`, `t0`.`created_at`, `t0`.`updated_at`, `t0`.`published_at`, `t0`.`locale`';

/** A detail page has the body too; a list leaves it out, as the list's `fields` do. */
const ARTICLE_DETAIL_COLUMNS = `${ARTICLE_COLUMNS}, \`t0\`.\`body\``;

const article = (row: Row): JsonObject => ({
  id: toNum(row.id),
  documentId: toStr(row.document_id),
  title: toStr(row.title),
  slug: toStr(row.slug),
  summary: toStr(row.summary),
  publicationDate: toDate(row.publication_date),
  reporter: toStr(row.reporter),
  correspondent: toStr(row.correspondent),
  editor: toStr(row.editor),
  createdAt: toDateTime(row.created_at),
  updatedAt: toDateTime(row.updated_at),
  publishedAt: toDateTime(row.published_at),
  locale: toStr(row.locale),
});

const ORGANISATION_COLUMNS =
  '`t0`.`id`, `t0`.`document_id`, `t0`.`name`, `t0`.`name_en`, `t0`.`aliases`, `t0`.`kind`, `t0`.`region`, `t0`.`website`, `t0`.`contact`, `t0`.`description`, `t0`.`created_at`, `t0`.`updated_at`, `t0`.`published_at`';

// Organisations are not localized, so Strapi's model has no `locale` attribute to show.
const organisation = (row: Row): JsonObject => ({
  id: toNum(row.id),
  documentId: toStr(row.document_id),
  name: toStr(row.name),
  nameEn: toStr(row.name_en),
  aliases: toJson(row.aliases),
  kind: toStr(row.kind),
  region: toStr(row.region),
  website: toStr(row.website),
  contact: toStr(row.contact),
  description: toStr(row.description),
  createdAt: toDateTime(row.created_at),
  updatedAt: toDateTime(row.updated_at),
  publishedAt: toDateTime(row.published_at),
});

const PERSON_COLUMNS = '`t0`.`id`, `t0`.`document_id`, `t0`.`name`, `t0`.`name_en`, `t0`.`biography`, `t0`.`created_at`, `t0`.`updated_at`, `t0`.`published_at`';

// People are not localized either; their list label is private.
const person = (row: Row): JsonObject => ({
  id: toNum(row.id),
  documentId: toStr(row.document_id),
  name: toStr(row.name),
  nameEn: toStr(row.name_en),
  biography: toStr(row.biography),
  createdAt: toDateTime(row.created_at),
  updatedAt: toDateTime(row.updated_at),
  publishedAt: toDateTime(row.published_at),
});

// ---------------------------------------------------------------------------------------------
// Batched loaders

const PARENT = '__parent';

/** Rows grouped by the parent key they were selected for, in SQL order. */
const groupByParent = (rows: Row[]): Map<number, Row[]> => {
  const groups = new Map<number, Row[]>();
  for (const row of rows) {
    const parent = row[PARENT] as number;
    const group = groups.get(parent);
    if (group === undefined) groups.set(parent, [row]);
    else group.push(row);
  }
  return groups;
};

const unique = (ids: Iterable<number>): number[] => [...new Set(ids)];

type Statements = {
  /** Runs `sql` with `%IN%` replaced by one placeholder per id; one prepared statement per arity. */
  all: (sql: string, ids: number[], before?: unknown[], after?: unknown[]) => Row[];
};

const createStatements = (db: Database.Database): Statements => {
  const cache = new Map<string, Database.Statement>();
  return {
    all: (sql, ids, before = [], after = []) => {
      if (ids.length === 0) return [];
      const key = `${ids.length}\u0000${sql}`;
      let statement = cache.get(key);
      if (statement === undefined) {
        statement = db.prepare(sql.replace('%IN%', ids.map(() => '?').join(', ')));
        cache.set(key, statement);
      }
      return statement.all(...before, ...ids, ...after) as Row[];
    },
  };
};

type Relation = {
  /** The target table and the columns of it that the populate selects. */
  target: string;
  columns: string[];
  /** Link table, its column pointing at the parent and the one pointing at the target. */
  link: string;
  parentColumn: string;
  targetColumn: string;
  /** The link table's order column for the side being read; none for a to-one relation. */
  order?: string;
  /** Draft & publish targets: the published version only, as Strapi filters populated relations. */
  published: boolean;
};

/**
 * Driven from the link table's index on the parent column. Strapi's statement starts from the target
 * table with DISTINCT, and for components SQLite then reads every row of the field, not just the
 * page's. No DISTINCT here: the link table's unique index on the
 * (parent, target) pair rules out duplicates. Rows that share an order value come in link id order,
 * which is the order they were written in.
 */
const relationSql = (relation: Relation): string => {
  const select = [
    ...(relation.order === undefined ? [] : [`\`t1\`.\`${relation.order}\``]),
    ...relation.columns.map((column) => `\`t0\`.\`${column}\``),
    `\`t1\`.\`${relation.parentColumn}\` as \`${PARENT}\``,
  ];
  const published = relation.published ? ' and `t0`.`published_at` is not null' : '';
  const order = [`\`t1\`.\`${relation.parentColumn}\``, ...(relation.order === undefined ? [] : [`\`t1\`.\`${relation.order}\``]), '`t1`.`id`'];
  return (
    `select ${select.join(', ')} from \`${relation.link}\` as \`t1\` join \`${relation.target}\` as \`t0\` on \`t0\`.\`id\` = \`t1\`.\`${relation.targetColumn}\`` +
    ` where \`t1\`.\`${relation.parentColumn}\` in (%IN%)${published} order by ${order.join(', ')}`
  );
};

type Component = { table: string; columns: string[] };

/** A component field of an entity, through the entity's `_cmps` table, in the field's order. */
const componentSql = (entityTable: string, component: Component): string =>
  `select \`t1\`.\`order\`, ${component.columns.map((column) => `\`t0\`.\`${column}\``).join(', ')}, \`t1\`.\`entity_id\` as \`${PARENT}\`` +
  ` from \`${entityTable}_cmps\` as \`t1\` join \`${component.table}\` as \`t0\` on \`t0\`.\`id\` = \`t1\`.\`cmp_id\`` +
  ` where \`t1\`.\`entity_id\` in (%IN%) and \`t1\`.\`field\` = ? order by \`t1\`.\`entity_id\`, \`t1\`.\`order\`, \`t1\`.\`id\``;

const FILE_COLUMNS = [
  'id',
  'document_id',
  'name',
  'alternative_text',
  'caption',
  'focal_point',
  'width',
  'height',
  'formats',
  'hash',
  'ext',
  'mime',
  'size',
  'url',
  'preview_url',
  'provider',
  'provider_metadata',
  'created_at',
  'updated_at',
  'published_at',
];

/** A single media field: the first file linked through `files_related_mph`, by the link's order. */
const MEDIA_SQL =
  `select \`t1\`.\`order\`, ${FILE_COLUMNS.map((column) => `\`t0\`.\`${column}\``).join(', ')}, \`t1\`.\`related_id\` as \`${PARENT}\`` +
  ' from `files_related_mph` as `t1` join `files` as `t0` on `t0`.`id` = `t1`.`file_id`' +
  ' where `t1`.`related_id` in (%IN%) and `t1`.`related_type` = ? and `t1`.`field` = ? order by `t1`.`related_id`, `t1`.`order`, `t1`.`id`';

const SUMMARY_COLUMNS = ['id', 'document_id', 'name', 'kind', 'region'];

const RELATIONS = {
  mentionedOrganisations: {
    target: 'organisations',
    columns: SUMMARY_COLUMNS,
    link: 'news_articles_mentioned_organisations_lnk',
    parentColumn: 'news_article_id',
    targetColumn: 'organisation_id',
    order: 'organisation_ord',
    published: true,
  },
  mentionedPersons: {
    target: 'persons',
    columns: ['id', 'document_id', 'name', 'name_en'],
    link: 'news_articles_mentioned_persons_lnk',
    parentColumn: 'news_article_id',
    targetColumn: 'person_id',
    order: 'person_ord',
    published: true,
  },
  mentionedInitiatives: {
    target: 'initiatives',
    columns: ['id', 'document_id', 'name', 'kind'],
    link: 'news_articles_mentioned_initiatives_lnk',
    parentColumn: 'news_article_id',
    targetColumn: 'initiative_id',
    order: 'initiative_ord',
    published: true,
  },
  publisher: {
    target: 'organisations',
    columns: SUMMARY_COLUMNS,
    link: 'components_news_sources_publisher_lnk',
    parentColumn: 'source_id',
    targetColumn: 'organisation_id',
    published: true,
  },
  speaker: {
    target: 'persons',
    columns: ['id', 'document_id', 'name'],
    link: 'components_news_quotes_speaker_lnk',
    parentColumn: 'quote_id',
    targetColumn: 'person_id',
    published: true,
  },
  positionOrganisation: {
    target: 'organisations',
    columns: SUMMARY_COLUMNS,
    link: 'components_people_positions_organisation_lnk',
    parentColumn: 'position_id',
    targetColumn: 'organisation_id',
    published: true,
  },
  parent: {
    target: 'organisations',
    columns: SUMMARY_COLUMNS,
    link: 'organisations_parent_lnk',
    parentColumn: 'organisation_id',
    targetColumn: 'inv_organisation_id',
    published: true,
  },
  children: {
    target: 'organisations',
    columns: SUMMARY_COLUMNS,
    link: 'organisations_parent_lnk',
    parentColumn: 'inv_organisation_id',
    targetColumn: 'organisation_id',
    order: 'organisation_ord',
    published: true,
  },
  people: {
    target: 'persons',
    columns: ['id', 'document_id', 'name', 'name_en'],
    link: 'persons_organisations_lnk',
    parentColumn: 'organisation_id',
    targetColumn: 'person_id',
    order: 'person_ord',
    published: true,
  },
  organisedInitiatives: {
    target: 'initiatives',
    columns: ['id', 'document_id', 'name', 'kind', 'start_date'],
    link: 'initiatives_organisers_lnk',
    parentColumn: 'organisation_id',
    targetColumn: 'initiative_id',
    order: 'initiative_ord',
    published: true,
  },
  personInitiatives: {
    target: 'initiatives',
    columns: ['id', 'document_id', 'name', 'kind', 'start_date'],
    link: 'initiatives_people_lnk',
    parentColumn: 'person_id',
    targetColumn: 'initiative_id',
    order: 'initiative_ord',
    published: true,
  },
} satisfies Record<string, Relation>;

const COMPONENTS = {
  source: { table: 'components_news_sources', columns: ['id', 'publisher_name', 'url', 'retrieved_at'] },
  amounts: { table: 'components_shared_money_amounts', columns: ['id', 'value', 'currency', 'approximate', 'text'] },
  quotes: { table: 'components_news_quotes', columns: ['id', 'text', 'speaker_title'] },
  seo: { table: 'components_shared_seos', columns: ['id', 'meta_title', 'meta_description', 'canonical_url'] },
  positions: { table: 'components_people_positions', columns: ['id', 'title', 'start_date', 'end_date'] },
} satisfies Record<string, Component>;

/** Built SQL by a name that fixes its shape, so each text is built once and its statements reused. */
const sqlCache = new Map<string, string>();
const sqlOf = (name: string, build: () => string): string => {
  let sql = sqlCache.get(name);
  if (sql === undefined) {
    sql = build();
    sqlCache.set(name, sql);
  }
  return sql;
};

type Loader = {
  relation: (relation: Relation, parentIds: number[]) => Map<number, Row[]>;
  component: (entityTable: string, field: string, component: Component, parentIds: number[]) => Map<number, Row[]>;
  media: (relatedType: string, field: string, parentIds: number[]) => Map<number, JsonObject>;
};

const createLoader = (statements: Statements): Loader => ({
  relation: (relation, parentIds) =>
    groupByParent(statements.all(sqlOf(`relation ${relation.link} ${relation.parentColumn}`, () => relationSql(relation)), unique(parentIds))),
  component: (entityTable, field, component, parentIds) =>
    groupByParent(statements.all(sqlOf(`component ${entityTable} ${component.table}`, () => componentSql(entityTable, component)), unique(parentIds), [], [field])),
  media: (relatedType, field, parentIds) => {
    const files = new Map<number, JsonObject>();
    for (const [parent, rows] of groupByParent(statements.all(MEDIA_SQL, unique(parentIds), [], [relatedType, field]))) {
      files.set(parent, file(rows[0]));
    }
    return files;
  },
});

/** A to-one relation or single component: Strapi takes the first row and shows null without one. */
const first = <T>(map: Map<number, T[]>, id: number): T | undefined => map.get(id)?.[0];

// ---------------------------------------------------------------------------------------------
// Populates

const ids = (rows: Row[]): number[] => rows.map((row) => row.id as number);

/** The `positions` component of people, each with its organisation's summary, by person id. */
const positionsOf = (load: Loader, personIds: number[]): Map<number, JsonObject[]> => {
  const positions = load.component('persons', 'positions', COMPONENTS.positions, personIds);
  const organisations = load.relation(RELATIONS.positionOrganisation, ids([...positions.values()].flat()));
  const result = new Map<number, JsonObject[]>();
  for (const [personId, rows] of positions) {
    result.set(
      personId,
      rows.map((position) => {
        const organisationRow = first(organisations, position.id as number);
        return {
          id: toNum(position.id),
          title: toStr(position.title),
          startDate: toDate(position.start_date),
          endDate: toDate(position.end_date),
          organisation: organisationRow === undefined ? null : organisationSummary(organisationRow),
        };
      })
    );
  }
  return result;
};

/** `personWithPositions` from src/utils/populate.ts. */
const populatePersons = (load: Loader, persons: Row[]): Map<number, JsonObject> => {
  const positions = positionsOf(load, ids(persons));
  const result = new Map<number, JsonObject>();
  for (const person of persons) {
    const id = person.id as number;
    if (result.has(id)) continue;
    result.set(id, { id, documentId: toStr(person.document_id), name: toStr(person.name), nameEn: toStr(person.name_en), positions: positions.get(id) ?? [] });
  }
  return result;
};

const ARTICLE_TYPE = 'api::news-article.news-article';

/** The list populate of src/api/news-article/middlewares/default-populate.ts, and the detail one on top. */
const populateArticles = (load: Loader, rows: Row[], detail: boolean): JsonObject[] => {
  const articleIds = ids(rows);
  const covers = load.media(ARTICLE_TYPE, 'cover', articleIds);
  const sources = load.component('news_articles', 'source', COMPONENTS.source, articleIds);
  const amounts = load.component('news_articles', 'amounts', COMPONENTS.amounts, articleIds);
  const quotes = load.component('news_articles', 'quotes', COMPONENTS.quotes, articleIds);
  const mentionedOrganisations = load.relation(RELATIONS.mentionedOrganisations, articleIds);
  const mentionedPersons = load.relation(RELATIONS.mentionedPersons, articleIds);
  const mentionedInitiatives = load.relation(RELATIONS.mentionedInitiatives, articleIds);

  const sourceIds = articleIds.flatMap((id) => (sources.get(id) ?? []).slice(0, 1).map((row) => row.id as number));
  const publishers = load.relation(RELATIONS.publisher, sourceIds);
  const speakers = load.relation(RELATIONS.speaker, ids([...quotes.values()].flat()));
  const persons = populatePersons(load, [...mentionedPersons.values()].flat());

  // The body is a rich text (blocks) column: JSON in the row itself, selected for a detail page only.
  const body = detail ? new Map(rows.map((row) => [row.id as number, toJson(row.body)])) : undefined;
  const seos = detail ? load.component('news_articles', 'seo', COMPONENTS.seo, articleIds) : undefined;
  const seoIds = seos === undefined ? [] : articleIds.flatMap((id) => (seos.get(id) ?? []).slice(0, 1).map((row) => row.id as number));
  const shareImages = detail ? load.media('shared.seo', 'shareImage', seoIds) : undefined;

  return rows.map((row) => {
    const id = row.id as number;
    const source = first(sources, id);
    const entry: JsonObject = {
      ...article(row),
      cover: covers.get(id) ?? null,
      source:
        source === undefined
          ? null
          : {
              id: toNum(source.id),
              publisherName: toStr(source.publisher_name),
              url: toStr(source.url),
              retrievedAt: toDateTime(source.retrieved_at),
              publisher: ((publisher) => (publisher === undefined ? null : organisationSummary(publisher)))(first(publishers, source.id as number)),
            },
      amounts: (amounts.get(id) ?? []).map((amount) => ({
        id: toNum(amount.id),
        value: toNum(amount.value),
        currency: toStr(amount.currency),
        approximate: toBool(amount.approximate),
        text: toStr(amount.text),
      })),
      quotes: (quotes.get(id) ?? []).map((quote) => {
        const speaker = first(speakers, quote.id as number);
        return {
          id: toNum(quote.id),
          text: toStr(quote.text),
          speakerTitle: toStr(quote.speaker_title),
          speaker: speaker === undefined ? null : { id: toNum(speaker.id), documentId: toStr(speaker.document_id), name: toStr(speaker.name) },
        };
      }),
      mentionedOrganisations: (mentionedOrganisations.get(id) ?? []).map(organisationSummary),
      mentionedPersons: (mentionedPersons.get(id) ?? []).map((person) => persons.get(person.id as number) as JsonObject),
      mentionedInitiatives: (mentionedInitiatives.get(id) ?? []).map((initiative) => ({
        id: toNum(initiative.id),
        documentId: toStr(initiative.document_id),
        name: toStr(initiative.name),
        kind: toStr(initiative.kind),
      })),
    };
    if (body !== undefined && seos !== undefined && shareImages !== undefined) {
      entry.body = body.get(id) ?? null;
      const seo = first(seos, id);
      entry.seo =
        seo === undefined
          ? null
          : {
              id: toNum(seo.id),
              metaTitle: toStr(seo.meta_title),
              metaDescription: toStr(seo.meta_description),
              canonicalUrl: toStr(seo.canonical_url),
              shareImage: shareImages.get(seo.id as number) ?? null,
            };
    }
    return entry;
  });
};

const populateOrganisation = (load: Loader, row: Row): JsonObject => {
  const id = row.id as number;
  const logo = load.media('api::organisation.organisation', 'logo', [id]);
  const parent = first(load.relation(RELATIONS.parent, [id]), id);
  const children = load.relation(RELATIONS.children, [id]).get(id) ?? [];
  const people = load.relation(RELATIONS.people, [id]).get(id) ?? [];
  const initiatives = load.relation(RELATIONS.organisedInitiatives, [id]).get(id) ?? [];
  const persons = populatePersons(load, people);
  return {
    ...organisation(row),
    logo: logo.get(id) ?? null,
    parent: parent === undefined ? null : organisationSummary(parent),
    children: children.map(organisationSummary),
    people: people.map((person) => persons.get(person.id as number) as JsonObject),
    organisedInitiatives: initiatives.map((initiative) => ({
      id: toNum(initiative.id),
      documentId: toStr(initiative.document_id),
      name: toStr(initiative.name),
      kind: toStr(initiative.kind),
      startDate: toDate(initiative.start_date),
    })),
  };
};

/** The detail populate of src/api/person/middlewares/default-populate.ts. */
const populatePerson = (load: Loader, row: Row, nestedListLimit: number): JsonObject => {
  const id = row.id as number;
  const photo = load.media('api::person.person', 'photo', [id]);
  const initiatives = load.relation(RELATIONS.personInitiatives, [id]).get(id) ?? [];
  return {
    ...person(row),
    photo: photo.get(id) ?? null,
    // The public API cuts a populated list at the nested-list limit (src/middlewares/query-bounds.ts).
    initiatives: initiatives.slice(0, nestedListLimit).map((initiative) => ({
      id: toNum(initiative.id),
      documentId: toStr(initiative.document_id),
      name: toStr(initiative.name),
      kind: toStr(initiative.kind),
      startDate: toDate(initiative.start_date),
    })),
    positions: positionsOf(load, [id]).get(id) ?? [],
  };
};

// ---------------------------------------------------------------------------------------------
// HTTP

type Reply = { status: number; body: unknown };

const notFound = (): Reply => ({
  status: 404,
  body: { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } },
});

const MAX_PAGE_SIZE = 100;

const positiveInteger = (value: string | null, fallback: number): number | undefined => {
  if (value === null) return fallback;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) return undefined;
  return Number(value);
};

const pagination = (page: number, pageSize: number, total: number): JsonObject => ({
  page,
  pageSize,
  pageCount: Math.ceil(total / pageSize),
  total,
});

type Keys = readonly string[];

const hasOnlyKeys = (params: URLSearchParams, allowed: Keys): boolean => {
  for (const key of params.keys()) if (!allowed.includes(key)) return false;
  return true;
};

const LIST_KEYS: Keys = ['sort[0]', 'sort[1]', 'pagination[page]', 'pagination[pageSize]'];
const DETAIL_KEY = 'filters[slug][$eq]';

const MENTIONS_SQL =
  'exists (select 1 from `news_articles_mentioned_organisations_lnk` as `l` join `organisations` as `o` on `o`.`id` = `l`.`organisation_id` where `l`.`news_article_id` = `t0`.`id` and `o`.`document_id` = ?)';

export type BaselineServer = { url: string; close: () => Promise<void> };

export const startBaselineServer = async (options: { filename: string; port?: number }): Promise<BaselineServer> => {
  const db = new Database(options.filename, { readonly: true, fileMustExist: true });
  const statements = createStatements(db);
  const load = createLoader(statements);

  // Strapi reads the default locale from its core store; it is what unlocalized REST calls use.
  const localeRow = db.prepare("select `value` from `strapi_core_store_settings` where `key` = 'plugin_i18n_default_locale' and `environment` is null and `tag` is null limit 1").get() as
    | { value: string }
    | undefined;
  const defaultLocale = localeRow === undefined ? 'en' : storedString(localeRow.value);

  const listStatement = db.prepare(
    `select ${ARTICLE_COLUMNS} from \`news_articles\` as \`t0\` where (\`t0\`.\`published_at\` is not null and \`t0\`.\`locale\` = ?) order by \`t0\`.\`publication_date\` desc, \`t0\`.\`id\` desc limit ? offset ?`
  );
  const countStatement = db.prepare('select count(`t0`.`id`) as `count` from `news_articles` as `t0` where (`t0`.`published_at` is not null and `t0`.`locale` = ?)');
  // Strapi gives an unsorted list its pagination tie-breaker, id ascending, and the default page.
  const bySlugStatement = db.prepare(
    `select ${ARTICLE_DETAIL_COLUMNS} from \`news_articles\` as \`t0\` where (\`t0\`.\`published_at\` is not null and \`t0\`.\`locale\` = ? and \`t0\`.\`slug\` = ?) order by \`t0\`.\`id\` asc limit ?`
  );
  const countBySlugStatement = db.prepare(
    'select count(`t0`.`id`) as `count` from `news_articles` as `t0` where (`t0`.`published_at` is not null and `t0`.`locale` = ? and `t0`.`slug` = ?)'
  );
  const mentioningStatement = db.prepare(
    `select ${ARTICLE_COLUMNS} from \`news_articles\` as \`t0\` where (\`t0\`.\`published_at\` is not null and \`t0\`.\`locale\` = ? and ${MENTIONS_SQL}) order by \`t0\`.\`publication_date\` desc, \`t0\`.\`id\` desc limit ? offset ?`
  );
  const countMentioningStatement = db.prepare(`select count(\`t0\`.\`id\`) as \`count\` from \`news_articles\` as \`t0\` where (\`t0\`.\`published_at\` is not null and \`t0\`.\`locale\` = ? and ${MENTIONS_SQL})`);
  const personStatement = db.prepare(`select ${PERSON_COLUMNS} from \`persons\` as \`t0\` where (\`t0\`.\`published_at\` is not null and \`t0\`.\`document_id\` = ?) limit 1`);
  const site = readSiteConfig();
  const { nestedListLimit } = readPublicQueryLimits().rest;
  const organisationStatement = db.prepare(
    `select ${ORGANISATION_COLUMNS} from \`organisations\` as \`t0\` where (\`t0\`.\`published_at\` is not null and \`t0\`.\`document_id\` = ?) limit 1`
  );

  const articleList = (params: URLSearchParams): Reply => {
    const mentioning = params.get(MENTIONS_KEY);
    const keys = mentioning === null ? LIST_KEYS : [...LIST_KEYS, MENTIONS_KEY];
    if (!hasOnlyKeys(params, keys) || params.get('sort[0]') !== LIST_SORT[0] || params.get('sort[1]') !== LIST_SORT[1]) return notFound();
    if (mentioning !== null && params.getAll(MENTIONS_KEY).length !== 1) return notFound();
    const page = positiveInteger(params.get('pagination[page]'), 1);
    const requestedSize = positiveInteger(params.get('pagination[pageSize]'), LIST_PAGE_SIZE);
    if (page === undefined || requestedSize === undefined) return notFound();
    const pageSize = Math.min(requestedSize, MAX_PAGE_SIZE);
    const rows = (
      mentioning === null
        ? listStatement.all(defaultLocale, pageSize, (page - 1) * pageSize)
        : mentioningStatement.all(defaultLocale, mentioning, pageSize, (page - 1) * pageSize)
    ) as Row[];
    const { count } = (mentioning === null ? countStatement.get(defaultLocale) : countMentioningStatement.get(defaultLocale, mentioning)) as { count: number };
    return { status: 200, body: { data: populateArticles(load, rows, false), meta: { pagination: pagination(page, pageSize, count) } } };
  };

  const articleBySlug = (params: URLSearchParams): Reply => {
    const slug = params.get(DETAIL_KEY);
    if (slug === null || !hasOnlyKeys(params, [DETAIL_KEY]) || params.getAll(DETAIL_KEY).length !== 1) return notFound();
    const rows = bySlugStatement.all(defaultLocale, slug, LIST_PAGE_SIZE) as Row[];
    const { count } = countBySlugStatement.get(defaultLocale, slug) as { count: number };
    // A page of one article carries its schema.org JSON-LD (src/api/news-article/middlewares/json-ld.ts).
    const data = populateArticles(load, rows, true).map((entry) => ({ ...entry, jsonLd: newsArticleJsonLd(entry as unknown as JsonLdArticle, site) as unknown as Json }));
    return { status: 200, body: { data, meta: { pagination: pagination(1, LIST_PAGE_SIZE, count) } } };
  };

  const organisationById = (documentId: string): Reply => {
    const row = organisationStatement.get(documentId) as Row | undefined;
    if (row === undefined) return notFound();
    return { status: 200, body: { data: populateOrganisation(load, row), meta: {} } };
  };

  const personById = (documentId: string): Reply => {
    const row = personStatement.get(documentId) as Row | undefined;
    if (row === undefined) return notFound();
    return { status: 200, body: { data: populatePerson(load, row, nestedListLimit), meta: {} } };
  };

  const route = (method: string, target: string): Reply => {
    if (method !== 'GET') return notFound();
    const url = new URL(target, 'http://baseline.invalid');
    if (url.pathname === '/api/news-articles') {
      return url.searchParams.has(DETAIL_KEY) ? articleBySlug(url.searchParams) : articleList(url.searchParams);
    }
    const organisationMatch = /^\/api\/organisations\/([^/]+)$/.exec(url.pathname);
    if (organisationMatch !== null && url.search === '') return organisationById(decodeURIComponent(organisationMatch[1]));
    const personMatch = /^\/api\/people\/([^/]+)$/.exec(url.pathname);
    if (personMatch !== null && url.search === '') return personById(decodeURIComponent(personMatch[1]));
    return notFound();
  };

  const server = http.createServer((request, response) => {
    let reply: Reply;
    try {
      reply = route(request.method ?? 'GET', request.url ?? '/');
    } catch (error: unknown) {
      reply = { status: 500, body: { data: null, error: { status: 500, name: 'InternalServerError', message: String(error) } } };
    }
    const payload = JSON.stringify(reply.body);
    response.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) });
    response.end(payload);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
      db.close();
    },
  };
};

// ---------------------------------------------------------------------------------------------
// What to request

export type BenchmarkPaths = { list: string; detail: string; organisation: string; person: string; mentioning: string };

const withDatabase = <T>(filename: string, read: (db: Database.Database) => T): T => {
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
};

const defaultLocaleOf = (db: Database.Database): string => {
  const row = db.prepare("select `value` from `strapi_core_store_settings` where `key` = 'plugin_i18n_default_locale'").get() as { value: string } | undefined;
  return row === undefined ? 'en' : storedString(row.value);
};

/**
 * Slugs of published articles in the default locale with the most mentions first (the heaviest
 * detail pages), ties by id, so the same database always gives the same slugs.
 */
export const richestSlugs = (filename: string, count: number): string[] =>
  withDatabase(filename, (db) =>
    (
      db
        .prepare(
          `select a.slug, (select count(*) from news_articles_mentioned_persons_lnk l where l.news_article_id = a.id) +
                  (select count(*) from news_articles_mentioned_organisations_lnk l where l.news_article_id = a.id) as weight
             from news_articles a
            where a.published_at is not null and a.locale = ? and a.slug is not null
              and (select count(*) from news_articles b where b.published_at is not null and b.locale = a.locale and b.slug = a.slug) = 1
            order by weight desc, a.id asc limit ?`
        )
        .all(defaultLocaleOf(db), count) as Array<{ slug: string }>
    ).map((row) => row.slug)
  );

/**
 * Slugs of published articles in the default locale, newest first (the order readers' interest
 * follows), ties by id; a slug two articles share is left out, as a detail page must name one.
 */
export const newestSlugs = (filename: string, count: number): string[] =>
  withDatabase(filename, (db) =>
    (
      db
        .prepare(
          `select a.slug from news_articles a
            where a.published_at is not null and a.locale = ? and a.slug is not null
              and not exists (select 1 from news_articles b where b.published_at is not null and b.locale = a.locale and b.slug = a.slug and b.id <> a.id)
            order by a.publication_date desc, a.id asc limit ?`
        )
        .all(defaultLocaleOf(db), count) as Array<{ slug: string }>
    ).map((row) => row.slug)
  );

/** documentIds of published organisations with the most published people first, ties by id. */
export const busiestOrganisations = (filename: string, count: number): string[] =>
  withDatabase(filename, (db) =>
    (
      db
        .prepare(
          `select o.document_id, count(p.id) as people
             from organisations o
             left join persons_organisations_lnk l on l.organisation_id = o.id
             left join persons p on p.id = l.person_id and p.published_at is not null
            where o.published_at is not null
            group by o.id
            order by people desc, o.id asc limit ?`
        )
        .all(count) as Array<{ document_id: string }>
    ).map((row) => row.document_id)
  );

/** The `document_id` column of what `sql` selects, with `count` bound to its limit. */
const documentIdsOf = (filename: string, sql: string, count: number): string[] =>
  withDatabase(filename, (db) => (db.prepare(sql).all(count) as Array<{ document_id: string }>).map((row) => row.document_id));

/** documentIds of published people mentioned in the most published articles first, ties by id. */
export const mostMentionedPeople = (filename: string, count: number): string[] =>
  documentIdsOf(
    filename,
    `select p.document_id, count(a.id) as mentions
       from persons p
       left join news_articles_mentioned_persons_lnk l on l.person_id = p.id
       left join news_articles a on a.id = l.news_article_id and a.published_at is not null
      where p.published_at is not null
      group by p.id
      order by mentions desc, p.id asc limit ?`,
    count
  );

/** documentIds of published organisations mentioned in the most published articles first, ties by id. */
export const mostMentionedOrganisations = (filename: string, count: number): string[] =>
  documentIdsOf(
    filename,
    `select o.document_id, count(a.id) as mentions
       from organisations o
       join news_articles_mentioned_organisations_lnk l on l.organisation_id = o.id
       join news_articles a on a.id = l.news_article_id and a.published_at is not null
      where o.published_at is not null
      group by o.id
      order by mentions desc, o.id asc limit ?`,
    count
  );

/** Number of list pages of LIST_PAGE_SIZE articles in the default locale. */
export const listPageCount = (filename: string): number =>
  withDatabase(filename, (db) => {
    const { total } = db.prepare('select count(*) as total from news_articles where published_at is not null and locale = ?').get(defaultLocaleOf(db)) as { total: number };
    return Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  });

/**
 * The paths the benchmark times and checks: the first list page, the richest article, the busiest
 * organisation, the most mentioned person, and the second page of the news mentioning the most
 * mentioned organisation.
 */
export const benchmarkPaths = (filename: string): BenchmarkPaths => {
  const [slug] = richestSlugs(filename, 1);
  const [documentId] = busiestOrganisations(filename, 1);
  const [person] = mostMentionedPeople(filename, 1);
  const [mentioned] = mostMentionedOrganisations(filename, 1);
  if (slug === undefined || documentId === undefined || person === undefined || mentioned === undefined) {
    throw new Error(`${filename} has no published article, organisation or person to benchmark`);
  }
  return { list: listPath(1), detail: detailPath(slug), organisation: organisationPath(documentId), person: personPath(person), mentioning: mentioningPath(mentioned, 2) };
};

// `node -r esbuild-register bench/baseline/server.ts DBFILE [PORT]` serves until SIGINT/SIGTERM.
if (require.main === module) {
  const [filename, port = '1403'] = process.argv.slice(2);
  if (filename === undefined) {
    console.error('usage: server.ts DBFILE [PORT]');
    process.exit(2);
  }
  startBaselineServer({ filename, port: Number(port) })
    .then((server) => {
      console.error(`baseline serving ${filename} on ${server.url}`);
      const stop = (): void => {
        server.close().then(
          () => process.exit(0),
          () => process.exit(1)
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
