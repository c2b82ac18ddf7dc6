import path from 'path';
import type { Core } from '@strapi/strapi';
import { beginAsNeeded } from '../src/database/sqlite-transactions';

type Env = Core.Config.Shared.ConfigParams['env'];

type SqliteStatement = unknown;
type SqliteConnection = { pragma: (statement: string) => unknown; prepare: (sql: string) => SqliteStatement };

/**
 * knex prepares every statement it runs again, and on SQLite preparing (parsing and planning) costs
 * about as much as running a small statement. Most of what Strapi and the importer run has one of a
 * few hundred shapes, so the connection keeps its most recent prepared statements. knex runs each
 * one to completion with `all` or `run` before the next, so a statement is never in use twice.
 *
 * A prepared statement holds its compiled program in native memory, about 160 bytes a parameter
 * (20 KiB with 50, 800 KiB with 5,000, measured with better-sqlite3). A statement with a long list
 * of parameters lists what is being read or linked, such as the thousands of articles that mention
 * a recurring event, and its length is that count: it hardly ever recurs, and kept, it held memory
 * that grew with the site (a 20,000-page import's native memory grew by tens of MiB). Such a
 * statement is prepared for its one use and not kept, and preparing costs little beside running it.
 */
const MAX_CACHED_PARAMETERS = 256;

const parameterCount = (sql: string): number => {
  let count = 0;
  for (let index = 0; index < sql.length; index += 1) if (sql.charCodeAt(index) === 63 /* ? */) count += 1;
  return count;
};

const reusePreparedStatements = (connection: SqliteConnection, size: number): void => {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, SqliteStatement>();
  connection.prepare = (sql) => {
    const cached = statements.get(sql);
    if (cached !== undefined) {
      statements.delete(sql);
      statements.set(sql, cached);
      return cached;
    }
    const statement = prepare(sql);
    if (parameterCount(sql) > MAX_CACHED_PARAMETERS) return statement;
    statements.set(sql, statement);
    if (statements.size > size) statements.delete(statements.keys().next().value as string);
    return statement;
  };
};

const sqlite = (env: Env) => ({
  connection: {
    // Resolved against the project root, not dist/, so `.tmp/data.db` means the same file for every command.
    filename: path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
  },
  useNullAsDefault: true,
  pool: {
    /**
     * Write-ahead logging: a commit appends to the log instead of rewriting pages and syncing the
     * file several times, and readers (another process, a backup) are not blocked by a writer.
     * With WAL, `synchronous = NORMAL` still never corrupts the database; a power cut may lose the
     * last commits, not a process crash. `busy_timeout` lets a second writer wait instead of failing.
     */
    afterCreate: (connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) => {
      try {
        connection.pragma('journal_mode = WAL');
        connection.pragma('synchronous = NORMAL');
        connection.pragma(`busy_timeout = ${env.int('DATABASE_BUSY_TIMEOUT', 5000)}`);
        reusePreparedStatements(connection, env.int('DATABASE_STATEMENT_CACHE', 500));
        // Around the statement cache, so that the cache is keyed by the statement actually run.
        beginAsNeeded(connection);
        // Without statistics SQLite reads a populate query through the index of the component type
        // (every row of that type) instead of the owner's id: 8× slower at 20,000 articles than at
        // 2,000. Sampled statistics on open cost about 0.1 s on such a database.
        connection.pragma('analysis_limit = 1000');
        connection.pragma('optimize = 0x10002');
        done(null, connection);
      } catch (error) {
        done(error instanceof Error ? error : new Error(String(error)), connection);
      }
    },
  },
});

const ssl = (env: Env) =>
  env.bool('DATABASE_SSL', false)
    ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
    : false;

const postgres = (env: Env) => ({
  connection: {
    connectionString: env('DATABASE_URL'),
    host: env('DATABASE_HOST', '127.0.0.1'),
    port: env.int('DATABASE_PORT', 5432),
    database: env('DATABASE_NAME', 'strapi'),
    user: env('DATABASE_USERNAME', 'postgres'),
    password: env('DATABASE_PASSWORD', ''),
    ssl: ssl(env),
    schema: env('DATABASE_SCHEMA', 'public'),
  },
  pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
});

/**
 * SQLite and PostgreSQL only: the API tier runs on both in CI. MySQL and MariaDB are not offered:
 * search needs n-gram full text (neither has it for Chinese bigrams), the natural-key indexes that
 * keep imports from creating duplicates need partial indexes, and no test ran the importer there.
 */
const clients = { sqlite, postgres } as const;

type Client = keyof typeof clients;

const isClient = (value: string): value is Client => Object.prototype.hasOwnProperty.call(clients, value);

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  if (!isClient(client)) {
    throw new Error(`DATABASE_CLIENT must be one of ${Object.keys(clients).join(', ')}; got "${client}"`);
  }
  return {
    connection: {
      client,
      ...clients[client](env),
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
    // Migrations are TypeScript like the rest of the app; they run from their compiled copies in dist/.
    settings: { useTypescriptMigrations: true },
  };
};
