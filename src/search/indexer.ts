import type { Core, Modules } from '@strapi/strapi';
import type { Knex } from 'knex';
import { bumpContentVersion, contentChanged } from '../cache/content-version';
import { isImporterWrite } from '../documents/importer-writes';
import { resultDocumentId } from '../documents/relation-sync';
import { blocksText } from '../body/blocks';
import { searchEngine } from './engine';
import { indexTokens, type IndexTokens } from './tokens';
import { ARTICLE, ORGANISATION, PERSON } from '../content-types';

/**
 * Keeps the search index in step with what is published. The unit of work is a document: all of
 * its entries are removed and its published versions (every locale of an article) written again,
 * so any write (create, update, publish, unpublish, delete, discard) is handled by reindexing the
 * documents it touched, inside the writer's transaction when there is one.
 */

export const SEARCH_TYPES = { article: ARTICLE, organisation: ORGANISATION, person: PERSON } as const;

export type SearchType = keyof typeof SEARCH_TYPES;

export type SearchUid = (typeof SEARCH_TYPES)[SearchType];

export const TABLE = 'newsroom_search_entries';

export const FTS_TABLE = 'newsroom_search_fts';

const typeOfUid = (uid: string): SearchType | undefined =>
  (Object.keys(SEARCH_TYPES) as SearchType[]).find((type) => SEARCH_TYPES[type] === uid);

export type Entry = {
  type: SearchType;
  documentId: string;
  locale: string;
  title: string;
  slug: string | null;
  date: string | null;
  /** What snippets are cut from. */
  text: string;
  titleTokens: IndexTokens;
  bodyTokens: IndexTokens;
};

type Row = Record<string, unknown> & { documentId: string };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const dateOf = (value: unknown): string | null => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && value !== '' ? value.slice(0, 10) : null;
};

const aliasesOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((alias): alias is string => typeof alias === 'string') : []);

const empty: IndexTokens = { grams: '', words: '' };

/**
 * Characters of an article's summary and body that are indexed. PostgreSQL numbers positions in a
 * tsvector up to 16,383 only (phrases cannot match past it) and refuses one over 1 MB, which would
 * make the article impossible to publish; no news article comes near this.
 */
export const MAX_INDEXED_CHARACTERS = 30_000;

const entryOf = (type: SearchType, row: Row): Entry => {
  if (type === 'article') {
    const body = [text(row.summary), ...blocksText(row.body)]
      .filter((part) => part.trim() !== '')
      .join('\n')
      .slice(0, MAX_INDEXED_CHARACTERS);
    return {
      type,
      documentId: row.documentId,
      locale: text(row.locale),
      title: text(row.title),
      slug: text(row.slug) === '' ? null : text(row.slug),
      date: dateOf(row.publicationDate),
      text: body,
      titleTokens: indexTokens(text(row.title)),
      bodyTokens: indexTokens(body),
    };
  }
  // Every name of an organisation or person counts as its title; its snippet shows them all.
  const names = [text(row.name), ...(type === 'organisation' ? aliasesOf(row.aliases) : []), text(row.nameEn)].filter((name) => name.trim() !== '');
  return {
    type,
    documentId: row.documentId,
    locale: '',
    title: text(row.name),
    slug: null,
    date: null,
    text: names.join(' / '),
    titleTokens: indexTokens(names.join('\n')),
    bodyTokens: empty,
  };
};

const READS: Record<SearchType, { select: string[]; populate?: Record<string, unknown> }> = {
  article: { select: ['documentId', 'locale', 'title', 'slug', 'summary', 'publicationDate', 'body'] },
  organisation: { select: ['documentId', 'name', 'aliases', 'nameEn'] },
  person: { select: ['documentId', 'name', 'nameEn'] },
};

const CHUNK = 200;

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
};

/** The published versions of the documents, as entries. */
const readEntries = async (strapi: Core.Strapi, type: SearchType, documentIds: string[]): Promise<Entry[]> => {
  const read = READS[type];
  const rows = (await strapi.db.query(SEARCH_TYPES[type]).findMany({
    where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
    select: read.select,
    ...(read.populate === undefined ? {} : { populate: read.populate }),
  })) as Row[];
  return rows.map((row) => entryOf(type, row));
};

const removeEntries = async (trx: Knex, client: string, type: SearchType, documentIds: string[]): Promise<void> => {
  const placeholders = documentIds.map(() => '?').join(', ');
  if (client === 'sqlite') {
    await trx.raw(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (SELECT id FROM ${TABLE} WHERE type = ? AND document_id IN (${placeholders}))`, [type, ...documentIds]);
  }
  await trx.raw(`DELETE FROM ${TABLE} WHERE type = ? AND document_id IN (${placeholders})`, [type, ...documentIds]);
};

const columns = (entry: Entry): unknown[] => [entry.type, entry.documentId, entry.locale, entry.title, entry.slug, entry.date, entry.text];

const insertSqlite = async (trx: Knex, entries: Entry[]): Promise<void> => {
  for (const entry of entries) {
    const inserted = (await trx.raw(
      `INSERT INTO ${TABLE} (type, document_id, locale, title, slug, date, text) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      columns(entry)
    )) as Array<{ id: number }>;
    await trx.raw(`INSERT INTO ${FTS_TABLE} (rowid, title_grams, title_words, body_grams, body_words) VALUES (?, ?, ?, ?, ?)`, [
      inserted[0].id,
      entry.titleTokens.grams,
      entry.titleTokens.words,
      entry.bodyTokens.grams,
      entry.bodyTokens.words,
    ]);
  }
};

/**
 * Title grams weigh most (A), then title words (B), body words (C) and body grams (D). Concatenated
 * tsvectors keep their order, and every Han run ends in a single character, so no bigram phrase can
 * run from one part into the next.
 */
const POSTGRES_TOKENS =
  "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B') || " +
  "setweight(to_tsvector('simple', ?), 'C') || setweight(to_tsvector('simple', ?), 'D')";

const insertPostgres = async (trx: Knex, entries: Entry[]): Promise<void> => {
  for (const batch of chunks(entries, 50)) {
    const values = batch.map(() => `(?, ?, ?, ?, ?, ?, ?, ${POSTGRES_TOKENS})`).join(', ');
    const bindings = batch.flatMap((entry) => [
      ...columns(entry),
      entry.titleTokens.grams,
      entry.titleTokens.words,
      entry.bodyTokens.words,
      entry.bodyTokens.grams,
    ]);
    await trx.raw(`INSERT INTO ${TABLE} (type, document_id, locale, title, slug, date, text, tokens) VALUES ${values}`, bindings);
  }
};

/** Adds entries to the index (the caller has removed any they replace). */
export const insertEntries = async (strapi: Core.Strapi, entries: Entry[]): Promise<void> => {
  const engine = searchEngine(strapi);
  if (engine === null || entries.length === 0) return;
  await strapi.db.transaction(async ({ trx }) => {
    if (engine === 'sqlite') await insertSqlite(trx as unknown as Knex, entries);
    else await insertPostgres(trx as unknown as Knex, entries);
  });
};

/**
 * Writes the index entries of these documents again from their published versions: a document
 * that has none (a draft, unpublished, deleted) leaves the index. Runs inside the caller's
 * transaction when there is one, so the index commits or rolls back with the content.
 */
export const reindexDocuments = async (strapi: Core.Strapi, uid: string, documentIds: readonly string[]): Promise<void> => {
  const type = typeOfUid(uid);
  const engine = searchEngine(strapi);
  if (type === undefined || engine === null || documentIds.length === 0) return;
  for (const batch of chunks([...new Set(documentIds)], CHUNK)) {
    const entries = await readEntries(strapi, type, batch);
    await strapi.db.transaction(async ({ trx }) => {
      await removeEntries(trx as unknown as Knex, engine, type, batch);
      await insertEntries(strapi, entries);
    });
  }
};

export type IndexedDocument = { uid: string; documentId: string };

/**
 * reindexDocuments for documents of several types, as the importer reports them after their batch
 * committed. Cached public responses (search over GraphQL among them) must not outlive the old
 * index, so the content version moves on as for any other write.
 */
export const reindexMany = async (strapi: Core.Strapi, documents: readonly IndexedDocument[]): Promise<void> => {
  if (documents.length === 0) return;
  for (const uid of Object.values(SEARCH_TYPES)) {
    await reindexDocuments(
      strapi,
      uid,
      documents.filter((document) => document.uid === uid).map((document) => document.documentId)
    );
  }
  await contentChanged(strapi);
};

/** Empties the index and indexes every published document again. Returns the entries written. */
export const rebuildSearchIndex = async (strapi: Core.Strapi): Promise<number> => {
  const engine = searchEngine(strapi);
  if (engine === null) return 0;
  await strapi.db.transaction(async ({ trx }) => {
    const knex = trx as unknown as Knex;
    if (engine === 'sqlite') await knex.raw(`DELETE FROM ${FTS_TABLE}`);
    await knex.raw(`DELETE FROM ${TABLE}`);
  });
  for (const [type, uid] of Object.entries(SEARCH_TYPES) as Array<[SearchType, SearchUid]>) {
    const rows = (await strapi.db.connection(strapi.db.metadata.get(uid).tableName).distinct('document_id').whereNotNull('published_at')) as Array<{
      document_id: string;
    }>;
    for (const batch of chunks(rows.map((row) => row.document_id), 1000)) await reindexDocuments(strapi, uid, batch);
    strapi.log.debug(`search: indexed ${rows.length} ${type} documents`);
  }
  // A running server may have cached answers from the old index.
  await bumpContentVersion(strapi);
  return countEntries(strapi);
};

export const countEntries = async (strapi: Core.Strapi): Promise<number> => {
  const row = (await strapi.db.connection(TABLE).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
};

/**
 * At boot: an empty index over a database that has published content (a database from before the
 * index existed, or one restored without it) is built before the server answers.
 */
export const ensureSearchIndex = async (strapi: Core.Strapi): Promise<void> => {
  if (searchEngine(strapi) === null || (await countEntries(strapi)) > 0) return;
  let published = 0;
  for (const uid of Object.values(SEARCH_TYPES)) {
    published += await strapi.db.query(uid).count({ where: { publishedAt: { $notNull: true } } });
  }
  if (published === 0) return;
  strapi.log.info(`search: the index is empty while ${published} published entries exist; building it`);
  const entries = await rebuildSearchIndex(strapi);
  strapi.log.info(`search: indexed ${entries} entries`);
};

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * Document middleware: after any write to an article, organisation or person, that document is
 * reindexed. The importer's new documents are the exception: their rows do not exist yet when the
 * Document Service sees them (src/import/bulk.ts writes them at its flush), so the import reindexes
 * them itself once their batch has committed (src/import/run.ts).
 */
export const searchIndexMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (!WRITES.has(context.action) || typeOfUid(context.uid) === undefined) return next();
    if (context.action === 'create' && isImporterWrite(context.params)) return next();
    const result = await next();
    const documentId = (context.params as { documentId?: string }).documentId ?? resultDocumentId(result);
    if (documentId === undefined) return result;
    if (strapi.db.inTransaction()) {
      // The index commits or rolls back with the writer's transaction (an import batch).
      await reindexDocuments(strapi, context.uid, [documentId]);
      return result;
    }
    // The write has committed: an index that failed to follow must not make it look failed to the editor.
    await reindexDocuments(strapi, context.uid, [documentId]).catch((error: unknown) =>
      strapi.log.error(`search: reindexing ${context.uid} ${documentId} failed (npm run search:reindex repairs it): ${String(error)}`)
    );
    return result;
  };
