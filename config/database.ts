import path from 'path';
import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

const sqlite = (env: Env) => ({
  connection: {
    // Resolved against the project root, not dist/, so `.tmp/data.db` means the same file for every command.
    filename: path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
  },
  useNullAsDefault: true,
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

const mysql = (env: Env) => ({
  connection: {
    host: env('DATABASE_HOST', '127.0.0.1'),
    port: env.int('DATABASE_PORT', 3306),
    database: env('DATABASE_NAME', 'strapi'),
    user: env('DATABASE_USERNAME', 'root'),
    password: env('DATABASE_PASSWORD', ''),
    ssl: ssl(env),
    charset: 'utf8mb4',
  },
  pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
});

const clients = { sqlite, postgres, mysql } as const;

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
  };
};
