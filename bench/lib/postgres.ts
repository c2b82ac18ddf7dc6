import crypto from 'crypto';
import { Client } from 'pg';

/**
 * A scratch PostgreSQL database for one benchmark run, dropped afterwards. The server is the one
 * in BENCH_POSTGRES_URL (default: the local trust-auth server's `test` database).
 */
export const createPostgresDatabase = async (): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> => {
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `newsroom_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
    drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
};
