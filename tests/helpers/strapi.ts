import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';

const ROOT = path.resolve(__dirname, '..', '..');

export type TestDatabase = { client: 'sqlite' | 'postgres'; describe: string; drop: () => Promise<void> };

/**
 * A fresh database for one suite: a temporary SQLite file, or, when DATABASE_CLIENT=postgres,
 * a scratch PostgreSQL database created here and dropped afterwards so runs never collide.
 */
const createTestDatabase = async (): Promise<TestDatabase> => {
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
  process.env.DATABASE_FILENAME = path.join(dir, 'data.db');
  return { client: 'sqlite', describe: process.env.DATABASE_FILENAME, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
};

const testSecrets = (): Record<string, string> => {
  const random = () => crypto.randomBytes(16).toString('base64');
  return {
    APP_KEYS: `${random()},${random()}`,
    API_TOKEN_SALT: random(),
    ADMIN_JWT_SECRET: random(),
    TRANSFER_TOKEN_SALT: random(),
    ENCRYPTION_KEY: random(),
    JWT_SECRET: random(),
  };
};

export type TestApp = { strapi: Core.Strapi; database: TestDatabase; stop: () => Promise<void> };

/** Boots a real Strapi from dist/ on a fresh database, with its HTTP server mounted for supertest. */
export const startStrapi = async (): Promise<TestApp> => {
  Object.assign(process.env, testSecrets(), {
    STRAPI_TELEMETRY_DISABLED: 'true',
    NODE_ENV: 'test',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
  });
  const database = await createTestDatabase();
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  strapi.log.level = process.env.STRAPI_LOG_LEVEL ?? 'error';
  await strapi.server.mount();
  return {
    strapi,
    database,
    stop: async () => {
      await strapi.destroy();
      await database.drop();
    },
  };
};
