import crypto from 'crypto';
import os from 'os';
import type { Core } from '@strapi/strapi';
import { importBusy } from './errors';

/**
 * One import at a time per database. Two imports that both find a name unknown would both create
 * it; the natural-key indexes (src/database/natural-keys.ts) turn that race into a failed page, and
 * this lock keeps it from happening at all, across processes and across server instances.
 *
 * The lock is one row (table created by database/migrations/2026.11.30T00.00.00.import-lock.ts)
 * taken with a conditional UPDATE, which is atomic on SQLite and PostgreSQL alike and lets
 * a waiting import say who holds it and since when. A holder refreshes its heartbeat while it runs;
 * a holder that was killed stops refreshing, and after STALE_AFTER_MS the next import takes over.
 */

export const IMPORT_LOCK_TABLE = 'newsroom_import_lock';

/** Heartbeats come every HEARTBEAT_MS; a batch holding SQLite's only connection can delay one by seconds. */
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 60_000;
const POLL_MS = 1_000;

export type LockRequest = {
  /** Who is importing, as a waiting editor should read it: "editor@example.org (admin panel)". */
  holder: string;
  /** Wait for a running import to finish (the command line), or refuse at once (HTTP). */
  wait: boolean;
  /** Told once when the run has to wait, and again every half minute while it does. */
  onWait?: (message: string) => void;
  /** Gives up waiting (the import was cancelled) with ImportCancelled. */
  signal?: AbortSignal;
};

/** An import stopped while it waited for the lock: nothing of it was written. */
export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled before it began');
    this.name = 'ImportCancelled';
  }
}

type LockRow = {
  token: string | null;
  holder: string | null;
  host: string | null;
  pid: number | null;
  started_at: string | number | null;
  heartbeat_at: string | number | null;
};

type Knex = Core.Strapi['db']['connection'];

const asMillis = (value: string | number | null): number => (value === null ? 0 : Number(value));

const describeHolder = (row: LockRow): string => {
  const started = new Date(asMillis(row.started_at));
  return `the import started at ${started.toISOString().replace('T', ' ').slice(0, 19)} UTC by ${row.holder ?? 'an unknown importer'}`;
};

/** `host pid N`: enough for an operator to find the process that holds the lock. */
export const processLabel = (): string => `${os.hostname()} pid ${process.pid}`;

/** Takes the row if it is free or stale, or, given `from`, if it is still held by that (gone) holder. */
const tryAcquire = async (knex: Knex, token: string, holder: string, now: number, from: string | null = null): Promise<boolean> => {
  const updated = await knex(IMPORT_LOCK_TABLE)
    .where({ id: 1 })
    .andWhere((free) => (from === null ? free.whereNull('token').orWhere('heartbeat_at', '<', now - STALE_AFTER_MS) : free.where('token', from)))
    .update({ token, holder, host: os.hostname(), pid: process.pid, started_at: now, heartbeat_at: now });
  return Number(updated) === 1;
};

const readLock = async (knex: Knex): Promise<LockRow | undefined> =>
  (await knex(IMPORT_LOCK_TABLE).where({ id: 1 }).first(['token', 'holder', 'host', 'pid', 'started_at', 'heartbeat_at'])) as LockRow | undefined;

/** A holder on this host whose process no longer exists was killed: nobody has to wait a minute for it. */
const holderIsGone = (row: LockRow): boolean => processIsGone(row.host, row.pid);

/**
 * A process recorded as `host` and `pid` that is known to be gone: on this host, not this process,
 * and no process has that pid. On another host nothing can be known, so it is not gone.
 */
export const processIsGone = (host: string | null, pid: number | string | null): boolean => {
  if (host !== os.hostname() || pid === null || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type HeldLock = { release: () => Promise<void> };

/**
 * Takes the import lock, waiting for it or refusing with ImportRequestError 409. The heartbeat's
 * timer does not keep the process alive; release() stops it and frees the row.
 */
export const acquireImportLock = async (strapi: Core.Strapi, request: LockRequest): Promise<HeldLock> => {
  const knex = strapi.db.connection;
  const token = crypto.randomUUID();
  let lastTold = 0;
  for (;;) {
    const now = Date.now();
    if (await tryAcquire(knex, token, request.holder, now)) break;
    const row = await readLock(knex);
    if (row === undefined) throw new Error(`the ${IMPORT_LOCK_TABLE} table has no lock row; the database migration did not run`);
    if (row.token === null) continue;
    if (holderIsGone(row)) {
      if (await tryAcquire(knex, token, request.holder, now, row.token)) {
        strapi.log.warn(`import lock: took over from ${describeHolder(row)}, whose process has stopped`);
        break;
      }
      continue;
    }
    const message = `another import is running: ${describeHolder(row)}`;
    if (!request.wait) throw importBusy(`${message}. Try again when it has finished.`);
    if (request.signal?.aborted === true) throw new ImportCancelled();
    if (now - lastTold >= 30_000) {
      request.onWait?.(`waiting for ${describeHolder(row)} to finish`);
      lastTold = now;
    }
    await sleep(POLL_MS);
  }
  const heartbeat = setInterval(() => {
    knex(IMPORT_LOCK_TABLE)
      .where({ id: 1, token })
      .update({ heartbeat_at: Date.now() })
      .catch((error: unknown) => strapi.log.warn(`import lock heartbeat failed: ${error instanceof Error ? error.message : String(error)}`));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    release: async () => {
      clearInterval(heartbeat);
      await knex(IMPORT_LOCK_TABLE).where({ id: 1, token }).update({ token: null, holder: null, started_at: null, heartbeat_at: null });
    },
  };
};

export const withImportLock = async <T>(strapi: Core.Strapi, request: LockRequest, run: () => Promise<T>): Promise<T> => {
  const lock = await acquireImportLock(strapi, request);
  try {
    return await run();
  } finally {
    await lock.release();
  }
};
