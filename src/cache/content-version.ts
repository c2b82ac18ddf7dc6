import { AsyncLocalStorage } from 'async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { NEWSROOM_TYPES } from '../extensions/graphql';

const TABLE = 'newsroom_content_version';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);

/**
 * A bulk writer such as the importer moves the version on at most this often (server.contentVersion
 * .coalesceSeconds, five by default), and once at its end. Every move costs each cached response one
 * fresh computation; an import of thousands of pages shown to readers within five seconds keeps
 * reads near their idle throughput while it runs.
 */
const coalesceMs = (strapi: Core.Strapi): number => 1000 * Number(strapi.config.get('server.contentVersion.coalesceSeconds', 5));

type Coalescing = { dirty: boolean; lastBump: number };

const coalescing = new AsyncLocalStorage<Coalescing>();

export const readContentVersion = async (strapi: Core.Strapi): Promise<number> => {
  const row = (await strapi.db.connection(TABLE).where({ id: 1 }).first('version')) as { version: number | string } | undefined;
  if (row === undefined) throw new Error(`${TABLE} has no row; the migration in database/migrations did not run`);
  return Number(row.version);
};

/**
 * Moves the version on inside the caller's transaction when there is one, so it commits together
 * with the data: a reader never sees the new version with the old data.
 */
export const bumpContentVersion = async (strapi: Core.Strapi): Promise<void> => {
  await strapi.db.transaction(async ({ trx }) => {
    await trx(TABLE).where({ id: 1 }).increment('version', 1);
  });
};

/** Document middleware: every committed write to the newsroom types moves the content version on. */
export const contentVersionMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (!WRITES.has(context.action) || !(NEWSROOM_TYPES as readonly string[]).includes(context.uid)) return next();
    const result = await next();
    await contentChanged(strapi);
    return result;
  };

/**
 * Moves the version on after a committed change that public responses show: at once, or inside a
 * bulk write at most every five seconds and once at its end. For writes that bypass the Document
 * Service, such as the search index of an import's new documents.
 */
export const contentChanged = async (strapi: Core.Strapi): Promise<void> => {
  const bulk = coalescing.getStore();
  if (bulk === undefined) {
    await bumpContentVersion(strapi);
    return;
  }
  bulk.dirty = true;
  if (Date.now() - bulk.lastBump >= coalesceMs(strapi)) {
    bulk.dirty = false;
    bulk.lastBump = Date.now();
    await bumpContentVersion(strapi);
  }
};

/**
 * Runs a bulk write (an import) so that it moves the content version on at most once every five
 * seconds and once at the end: readers keep their cached responses while thousands of documents
 * are written, and see the new content within five seconds.
 */
export const withCoalescedContentVersion = async <T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> => {
  const bulk: Coalescing = { dirty: false, lastBump: Date.now() };
  try {
    return await coalescing.run(bulk, work);
  } finally {
    if (bulk.dirty) await bumpContentVersion(strapi);
  }
};
