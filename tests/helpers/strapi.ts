import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { closeStrapi } from '../../src/database/close';

const ROOT = path.resolve(__dirname, '..', '..');

export type TestDatabase = {
  client: 'sqlite' | 'postgres';
  describe: string;
  /** Rows in a table, read over a connection of its own; 0 while the table does not exist yet. */
  countRows: (table: string, where?: string) => Promise<number>;
  drop: () => Promise<void>;
};

/**
 * A fresh database for one suite: a temporary SQLite file, or, when DATABASE_CLIENT=postgres,
 * a scratch PostgreSQL database created here and dropped afterwards so runs never collide.
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client === 'postgres') {
    const { Client } = require('pg') as typeof import('pg');
    const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `newsroom_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    return {
      client: 'postgres',
      describe: name,
      countRows: async (table, where = 'true') => {
        const reader = new Client({ connectionString: url.toString() });
        await reader.connect();
        try {
          const exists = await reader.query('select to_regclass($1) as t', [table]);
          if (exists.rows[0].t === null) return 0;
          const result = await reader.query(`select count(*)::int as n from "${table}" where ${where}`);
          return result.rows[0].n as number;
        } finally {
          await reader.end();
        }
      },
      drop: async () => {
        const dropper = new Client({ connectionString: adminUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  if (client !== 'sqlite') throw new Error(`The API tests run on sqlite or postgres, not ${client}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'));
  const filename = path.join(dir, 'data.db');
  process.env.DATABASE_FILENAME = filename;
  return {
    client: 'sqlite',
    describe: filename,
    countRows: async (table, where = '1') => {
      if (!fs.existsSync(filename)) return 0;
      const Database = require('better-sqlite3') as typeof import('better-sqlite3');
      const reader = new Database(filename, { readonly: true, fileMustExist: true });
      try {
        const exists = reader.prepare("select name from sqlite_master where type = 'table' and name = ?").get(table);
        if (exists === undefined) return 0;
        return (reader.prepare(`select count(*) as n from "${table}" where ${where}`).get() as { n: number }).n;
      } finally {
        reader.close();
      }
    },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};

const { freshSecrets } = require('../../scripts/ensure-env') as { freshSecrets: () => Record<string, string> };

export type TestApp = { strapi: Core.Strapi; database: TestDatabase; stop: () => Promise<void> };

export const useTestEnvironment = (): void => {
  Object.assign(process.env, freshSecrets(), {
    STRAPI_TELEMETRY_DISABLED: 'true',
    NODE_ENV: 'test',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
  });
};

/** Boots a real Strapi from dist/ on a fresh database (or the given one), with HTTP mounted for supertest. */
export const startStrapi = async (existing?: TestDatabase): Promise<TestApp> => {
  if (existing === undefined) useTestEnvironment();
  const database = existing ?? (await createTestDatabase());
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  strapi.log.level = process.env.STRAPI_LOG_LEVEL ?? 'error';
  await strapi.server.mount();
  return {
    strapi,
    database,
    stop: async () => {
      await closeStrapi(strapi);
      await database.drop();
    },
  };
};

export const TEST_ADMIN = { email: 'editor-in-chief@example.org', password: 'Newsroom-Test-2026' };

/**
 * A Strapi whose first administrator comes from ADMIN_EMAIL/ADMIN_PASSWORD, logged in: the token is
 * an admin session, as the admin panel would hold.
 */
export const startStrapiWithAdmin = async (): Promise<{ app: TestApp; adminToken: string }> => {
  useTestEnvironment();
  Object.assign(process.env, { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password });
  try {
    const app = await startStrapi();
    return { app, adminToken: await adminLogin(app.strapi) };
  } finally {
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
  }
};

export const adminLogin = async (strapi: Core.Strapi): Promise<string> => {
  const request = require('supertest') as typeof import('supertest');
  const login = await request(strapi.server.httpServer).post('/admin/login').send(TEST_ADMIN);
  if (login.status !== 200) throw new Error(`admin login failed with ${login.status}`);
  return (login.body.data.token ?? login.body.data.accessToken) as string;
};

/**
 * A new API token's access key: `read-only` and `full-access` as Strapi defines them, `custom` with
 * the actions given. Its name is unique unless one is given (a test that reads it back names it).
 */
export const createApiToken = async (strapi: Core.Strapi, type: 'custom' | 'read-only' | 'full-access', permissions: string[] = [], name = `test-${crypto.randomUUID()}`): Promise<string> => {
  const made = (await strapi.service('admin::api-token').create({ name, type, permissions, lifespan: null })) as { accessKey: string };
  return made.accessKey;
};
