import type { Core } from '@strapi/strapi';
import { eventRead } from '../documents/event-reads';
import { outputSanitizerOf } from '../http/output-sanitizer';

/**
 * Strapi's document events for the rows the importer writes itself.
 *
 * The Document Service emits `entry.create`, `entry.update`, `entry.publish` and `entry.unpublish`
 * once its transaction commits, and webhooks, content releases and audit logs listen for them. The
 * importer's bulk writer (bulk.ts) writes new documents' rows without the Document Service, so it
 * reports each row it wrote here, and the run emits the same events with the same payload once the
 * batch has committed. A batch that rolls back throws its collection away, and its pages, written
 * again one by one, report their rows again. Changes to documents that exist go through the
 * Document Service, which emits their events itself (also only on commit).
 *
 * The collection is one run's (see `Run` in run.ts), begun and ended with each batch's transaction
 * like the run's journal of its index, so whatever writes rows (the bulk writer today, another
 * writer later) only has to call `wrote`.
 */

export type EntryEvent = 'entry.create' | 'entry.publish' | 'entry.update';

export type Pending = { event: EntryEvent; uid: string; id: number };

type Schema = { modelName: string; uid: string };

/** Rows read in one query per type and chunk, as the Document Service reads one entry per event. */
const readEntries = async (strapi: Core.Strapi, pending: Pending[]): Promise<Map<string, Record<string, unknown>>> => {
  const found = new Map<string, Record<string, unknown>>();
  for (const uid of [...new Set(pending.map((item) => item.uid))]) {
    const ids = [...new Set(pending.filter((item) => item.uid === uid).map((item) => item.id))];
    const { select, populate } = eventRead(strapi, uid);
    for (let start = 0; start < ids.length; start += 200) {
      const rows = (await strapi.db.query(uid as 'api::organisation.organisation').findMany({
        where: { id: { $in: ids.slice(start, start + 200) } },
        select: select as never,
        populate: populate as never,
      })) as Array<Record<string, unknown> & { id: number }>;
      for (const row of rows) found.set(`${uid} ${row.id}`, row);
    }
  }
  return found;
};

/**
 * Emits events for rows written around the Document Service, once their transaction has committed,
 * in the order given, as the Document Service emits them: the entry read back with its relations,
 * components and media, sanitized for output.
 */
export const emitEntryEvents = async (strapi: Core.Strapi, events: readonly Pending[]): Promise<void> => {
  if (events.length === 0) return;
  const entries = await readEntries(strapi, [...events]);
  for (const { event, uid, id } of events) {
    const entry = entries.get(`${uid} ${id}`);
    if (entry === undefined) continue;
    const model = strapi.getModel(uid as never) as unknown as Schema;
    // Strapi's defaultSanitizeOutput, in one pass (see output-sanitizer.ts).
    const sanitized = await outputSanitizerOf(strapi).defaultOutput(entry, uid);
    await strapi.eventHub.emit(event, { model: model.modelName, uid: model.uid, entry: sanitized });
  }
};

export const createImportEvents = (strapi: Core.Strapi) => {
  let pending: Pending[] = [];

  /** Rows a writer wrote in the open batch: the draft is created, a published row is published. */
  const wrote = (uid: string, ids: { draft?: number; published?: number }): void => {
    if (ids.draft !== undefined) pending.push({ event: 'entry.create', uid, id: ids.draft });
    if (ids.published !== undefined) pending.push({ event: 'entry.publish', uid, id: ids.published });
  };

  /** A batch's transaction starts: nothing is pending. */
  const begin = (): void => {
    pending = [];
  };

  /** The batch rolled back: its rows were never written. */
  const rollback = (): void => {
    pending = [];
  };

  /**
   * The batch committed: its events are emitted, each row's once, in the order the rows were
   * written (a document's `entry.create` before its `entry.publish`), as the Document Service emits
   * them: the entry read back with its relations, components and media, sanitized for output.
   */
  const commit = async (): Promise<void> => {
    const events = pending;
    pending = [];
    await emitEntryEvents(strapi, events);
  };

  return { wrote, begin, rollback, commit };
};

export type ImportEvents = ReturnType<typeof createImportEvents>;
