import { AsyncLocalStorage } from 'async_hooks';

/**
 * How a SQLite transaction begins: `BEGIN IMMEDIATE` for one that writes, a plain (deferred) `BEGIN`
 * for one that only reads.
 *
 * knex opens every transaction with a deferred `BEGIN`, which takes the write lock only at the first
 * write. In WAL mode, when another process (a second instance, the import CLI) committed after the
 * transaction's first read, that write fails at once with "database is locked": its snapshot is stale,
 * so waiting cannot help and `busy_timeout` is not consulted. An import batch reads before it writes,
 * so a page failed whenever another instance stored a job heartbeat in between; an editor's save could
 * fail the same way. `BEGIN IMMEDIATE` takes the write lock up front, where `busy_timeout` waits.
 *
 * Strapi's Document Service wraps its reads in transactions too. Those stay deferred: taken
 * immediately, every public read on one instance would wait (blocking its event loop, since the
 * SQLite driver is synchronous) for an import batch written by another. So the Document Service
 * middleware below marks each operation as a read or a write, and whatever begins a transaction
 * outside any operation (the importer's batches, the job store, the search index) writes.
 */

const READ_ACTIONS: ReadonlySet<string> = new Set(['findMany', 'findFirst', 'findOne', 'count']);

const reading = new AsyncLocalStorage<boolean>();

/** The statement that begins a transaction in the current async context. */
export const beginStatement = (): 'BEGIN;' | 'BEGIN IMMEDIATE;' => (reading.getStore() === true ? 'BEGIN;' : 'BEGIN IMMEDIATE;');

/** Document Service middleware: an operation's own transaction (and any it runs first) begins as its action needs. */
export const transactionModeMiddleware = <T>(context: { action: string }, next: () => T): T => reading.run(READ_ACTIONS.has(context.action), next);

type PreparingConnection = { prepare: (sql: string) => unknown };

/** Makes the connection begin each knex transaction with `beginStatement()`. */
export const beginAsNeeded = (connection: PreparingConnection): void => {
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql) => prepare(sql === 'BEGIN;' ? beginStatement() : sql);
};
