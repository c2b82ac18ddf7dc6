import fs from 'fs';
import os from 'os';
import path from 'path';
import Database from 'better-sqlite3';
import databaseConfig from '../../../config/database';
import { transactionModeMiddleware } from '../../../src/database/sqlite-transactions';

/** Strapi's `env` helper, over a plain record, as config files receive it. */
const envFrom = (values: Record<string, string>) => {
  const env = ((key: string, fallback?: string) => values[key] ?? fallback) as ((key: string, fallback?: string) => string | undefined) & Record<string, unknown>;
  env.int = (key: string, fallback?: number) => (values[key] === undefined ? fallback : Number(values[key]));
  env.bool = (key: string, fallback?: boolean) => (values[key] === undefined ? fallback : values[key] === 'true');
  return env;
};

const configFor = (values: Record<string, string>) => databaseConfig({ env: envFrom(values) } as never);

test('SQLite is the default database and PostgreSQL is offered', () => {
  expect(configFor({}).connection.client).toBe('sqlite');
  expect(configFor({ DATABASE_CLIENT: 'postgres' }).connection.client).toBe('postgres');
});

test('MySQL and MariaDB are refused at boot with the databases that are offered, not accepted untested', () => {
  expect(() => configFor({ DATABASE_CLIENT: 'mysql' })).toThrow('DATABASE_CLIENT must be one of sqlite, postgres; got "mysql"');
  expect(() => configFor({ DATABASE_CLIENT: 'mysql2' })).toThrow('DATABASE_CLIENT must be one of sqlite, postgres');
});

describe('SQLite transactions shared with another process', () => {
  // Two connections to one file stand for two instances (or an instance and the import CLI).

  const open = (file: string) => {
    const connection = new Database(file);
    const { afterCreate } = configFor({ DATABASE_FILENAME: file, DATABASE_BUSY_TIMEOUT: '0' }).connection.pool as { afterCreate: (c: unknown, done: (e: Error | null) => void) => void };
    afterCreate(connection, (error) => {
      if (error !== null) throw error;
    });
    return connection;
  };
  // What knex runs for a transaction: it sends a plain BEGIN; the connection decides how it begins.
  const transaction = (connection: ReturnType<typeof open>, work: () => void) => {
    connection.prepare('BEGIN;').run();
    try {
      work();
      connection.prepare('COMMIT;').run();
    } catch (error) {
      connection.prepare('ROLLBACK;').run();
      throw error;
    }
  };
  // A transaction begun inside a Document Service operation, as Strapi's repository begins one.
  const inOperation = (action: string, connection: ReturnType<typeof open>, work: () => void) => transactionModeMiddleware({ action }, () => transaction(connection, work));

  let directory: string;
  let importer: ReturnType<typeof open>;
  let other: ReturnType<typeof open>;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-trx-'));
    const file = path.join(directory, 'data.db');
    importer = open(file);
    other = open(file);
    importer.prepare('create table pages (id integer primary key, title text)').run();
    importer.prepare('create table heartbeats (at integer)').run();
  });
  afterEach(() => {
    importer.close();
    other.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  test('a writing transaction holds the write lock from its start, so another process’s commit cannot make its first write fail', () => {
    transaction(importer, () => {
      importer.prepare('select count(*) from pages').get();
      // The other process's write must wait (here: fail at once, with no busy timeout) instead of slipping in.
      expect(() => other.prepare('insert into heartbeats values (1)').run()).toThrow(/locked|busy/i);
      importer.prepare("insert into pages (title) values ('a')").run();
    });
    other.prepare('insert into heartbeats values (2)').run();
    expect(importer.prepare('select count(*) as n from pages').get()).toEqual({ n: 1 });
  });

  test('a Document Service read begins deferred, so it does not stop another process writing', () => {
    inOperation('findMany', importer, () => {
      importer.prepare('select count(*) from pages').get();
      other.prepare('insert into heartbeats values (1)').run();
      importer.prepare('select count(*) from heartbeats').get();
    });
    expect(other.prepare('select count(*) as n from heartbeats').get()).toEqual({ n: 1 });
  });

  test('a Document Service write begins immediate, like any transaction outside an operation', () => {
    inOperation('update', importer, () => {
      expect(() => other.prepare('insert into heartbeats values (1)').run()).toThrow(/locked|busy/i);
    });
  });
});

describe('SQLite prepared statements', () => {
  const open = () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'statements-'));
    const file = path.join(directory, 'data.db');
    const connection = new Database(file);
    const { afterCreate } = configFor({ DATABASE_FILENAME: file }).connection.pool as { afterCreate: (c: unknown, done: (e: Error | null) => void) => void };
    afterCreate(connection, (error) => {
      if (error !== null) throw error;
    });
    connection.prepare('create table articles (id integer primary key, document_id text)').run();
    const close = (): void => {
      connection.close();
      fs.rmSync(directory, { recursive: true, force: true });
    };
    return { connection, close };
  };
  const listing = (count: number) => `select id from articles where document_id in (${Array.from({ length: count }, () => '?').join(', ')})`;

  test('a statement of a shape run before is not prepared again', () => {
    const { connection, close } = open();
    try {
      expect(connection.prepare(listing(3))).toBe(connection.prepare(listing(3)));
      expect(connection.prepare(listing(256))).toBe(connection.prepare(listing(256)));
    } finally {
      close();
    }
  });

  test('a statement listing hundreds of values is not kept, since its compiled program grows with the list and its length hardly recurs', () => {
    const { connection, close } = open();
    try {
      const first = connection.prepare(listing(257));
      expect(connection.prepare(listing(257))).not.toBe(first);
      // It still runs as any other.
      expect(first.all(...Array.from({ length: 257 }, (_, index) => `doc-${index}`))).toEqual([]);
    } finally {
      close();
    }
  });
});
