import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { reasonHash } from './items';

/**
 * The editors' resolutions of review items: one row per record and reason (its hash), kept after the
 * reason is gone, so that a re-import stating the reason again does not bring the item back. The
 * table is created by database/migrations/2026.11.30T02.00.00.review-resolutions.ts.
 */
export const RESOLUTIONS_TABLE = 'newsroom_review_resolutions';

type Carrier = { uid: string; documentId: string };

const keyOf = (uid: string, documentId: string, hash: string): string => `${uid}|${documentId}|${hash}`;

/** Resolutions, as `uid|documentId|reasonHash` keys: all of them, or one record's. */
export const resolvedKeys = async (strapi: Core.Strapi, trx?: Knex.Transaction, record?: Carrier): Promise<Set<string>> => {
  const connection = trx ?? (strapi.db.connection as unknown as Knex);
  const query = connection(RESOLUTIONS_TABLE).select('uid', 'document_id', 'reason_hash');
  if (record !== undefined) query.where({ uid: record.uid, document_id: record.documentId });
  const rows = (await query) as Array<{ uid: string; document_id: string; reason_hash: string }>;
  return new Set(rows.map((row) => keyOf(row.uid, row.document_id, row.reason_hash)));
};

/** Whether the reason is resolved on the record to fix or on any record that carries it. */
export const isResolved = (resolved: Set<string>, item: { reason: string; record: Carrier; carriers: Carrier[] }): boolean => {
  const hash = reasonHash(item.reason);
  return [item.record, ...item.carriers].some((record) => resolved.has(keyOf(record.uid, record.documentId, hash)));
};

/** Marks the reason resolved on each record; a resolution already there stays as it was. */
export const recordResolutions = async (trx: unknown, records: Carrier[], reason: string, by: string): Promise<void> => {
  const knex = trx as Knex.Transaction;
  const hash = reasonHash(reason);
  const unique = [...new Map(records.map((record) => [keyOf(record.uid, record.documentId, hash), record])).values()];
  for (const record of unique) {
    await knex(RESOLUTIONS_TABLE)
      .insert({ uid: record.uid, document_id: record.documentId, reason_hash: hash, reason: reason.slice(0, 1000), resolved_by: by.slice(0, 255), resolved_at: Date.now() })
      .onConflict(['uid', 'document_id', 'reason_hash'])
      .ignore();
  }
};
