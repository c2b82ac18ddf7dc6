import { AsyncLocalStorage } from 'async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { documentLinks, writtenScope } from './written-scope';
import { isNewsroomType } from '../content-types';

const TABLE = 'newsroom_content_version';
const CHANGES = 'newsroom_content_changes';

/** Moves older than this are forgotten: a server that far behind drops all its cached responses. */
const KEPT_CHANGES = 1000;

/**
 * What a move of the content version changed: everything, or the documents a write touched (by
 * documentId) and the slugs it gave or took away (`uid slug`). Either way every cached list and
 * search may have changed; a scope only spares the responses about other documents.
 */
export type ChangeScope = 'all' | { documents: string[]; slugs: string[] };

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
 * with the data: a reader never sees the new version with the old data. The move's scope is
 * recorded with it, in the same transaction.
 */
export const bumpContentVersion = async (strapi: Core.Strapi, scope: ChangeScope = 'all'): Promise<void> => {
  await strapi.db.transaction(async ({ trx }) => {
    await trx(TABLE).where({ id: 1 }).increment('version', 1);
    const row = (await trx(TABLE).where({ id: 1 }).first('version')) as { version: number | string };
    const version = Number(row.version);
    await trx(CHANGES).insert({ version, scope: JSON.stringify(scope) });
    await trx(CHANGES).where('version', '<=', version - KEPT_CHANGES).delete();
  });
};

/** Everything the moves after `from`, up to and including `to`, changed together. */
export const readChanges = async (strapi: Core.Strapi, from: number, to: number): Promise<ChangeScope> => {
  if (to - from > KEPT_CHANGES || to <= from) return 'all';
  const rows = (await strapi.db.connection(CHANGES).where('version', '>', from).andWhere('version', '<=', to).select('scope')) as Array<{ scope: string }>;
  // A move with no row (from before the table, or pruned meanwhile) may have changed anything.
  if (rows.length !== to - from) return 'all';
  const documents = new Set<string>();
  const slugs = new Set<string>();
  for (const row of rows) {
    const scope = JSON.parse(row.scope) as ChangeScope;
    if (scope === 'all') return 'all';
    for (const documentId of scope.documents) documents.add(documentId);
    for (const slug of scope.slugs) slugs.add(slug);
  }
  return { documents: [...documents], slugs: [...slugs] };
};

/**
 * Document middleware: every committed write to the newsroom types moves the content version on,
 * scoped to the document written, its slugs, and the documents it was linked to or unlinked from
 * (whose own pages list it); see written-scope.ts.
 */
export const contentVersionMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (!WRITES.has(context.action) || !isNewsroomType(context.uid)) return next();
    // A bulk write moves the version for everything anyway: its writes need not read their links.
    if (coalescing.getStore() !== undefined) {
      const result = await next();
      await contentChanged(strapi);
      return result;
    }
    const params = context.params as { documentId?: unknown };
    const documentId = typeof params.documentId === 'string' ? params.documentId : null;
    const before = documentId === null ? null : await documentLinks(strapi, context.uid, documentId);
    const result = await next();
    const written = documentId ?? (result as { documentId?: unknown } | null)?.documentId;
    const after = typeof written === 'string' ? await documentLinks(strapi, context.uid, written) : null;
    await contentChanged(strapi, typeof written === 'string' ? writtenScope(written, before, after) : 'all');
    return result;
  };

/**
 * Moves the version on after a committed change that public responses show: at once, or inside a
 * bulk write at most every five seconds and once at its end. For writes that bypass the Document
 * Service, such as the search index of an import's new documents.
 */
export const contentChanged = async (strapi: Core.Strapi, scope: ChangeScope = 'all'): Promise<void> => {
  const bulk = coalescing.getStore();
  if (bulk === undefined) {
    await bumpContentVersion(strapi, scope);
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
