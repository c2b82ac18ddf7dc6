import type { Core } from '@strapi/strapi';

type Pool = { numUsed: () => number; numPendingAcquires: () => number; numPendingCreates: () => number };

/**
 * Waits until the database pool is idle. Strapi emits document events (entry.create, entry.publish)
 * after the transaction commits, without awaiting them, and each one reads the entry back. A program
 * that writes and then closes the database at once aborts those reads: on PostgreSQL `destroy()`
 * then rejects with "aborted" and the reads fail with "Timeout acquiring a connection", although
 * the write itself committed.
 */
export const settle = async (strapi: Core.Strapi, timeoutMs = 10000): Promise<void> => {
  const pool = (strapi.db.connection.client as { pool?: Pool }).pool;
  const busy = (): boolean => pool !== undefined && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + timeoutMs;
  // One turn first: the events are queued on commit, and may not have asked for a connection yet.
  do {
    await new Promise((resolve) => setTimeout(resolve, 20));
  } while (busy() && Date.now() < deadline);
};

/** Closes a Strapi that a script or a test booted, once what it started in the background is done. */
export const closeStrapi = async (strapi: Core.Strapi): Promise<void> => {
  await settle(strapi);
  await strapi.destroy();
};
