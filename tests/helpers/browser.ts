import { spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, useTestEnvironment, type TestDatabase } from './strapi';

const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');

export const ADMIN = { email: 'editor@example.org', password: 'Newsroom-E2E-2026' };

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address !== null && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export type RunningServer = { url: string; stop: () => Promise<void> };

/**
 * `strapi start` as a real server, with the first administrator made from env: on a fresh database,
 * or on one a test has already seeded (it then keeps the environment the seeding ran with).
 */
export const startServer = async (seeded?: TestDatabase): Promise<RunningServer & { database: TestDatabase }> => {
  if (seeded === undefined) useTestEnvironment();
  const database = seeded ?? (await createTestDatabase());
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules', '.bin', 'strapi'), ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, STRAPI_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strapi start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/_health`);
      if (response.status === 204) break;
    } catch {
      // Not listening yet; keep waiting until the deadline.
    }
    if (Date.now() > deadline) throw new Error('the server did not become healthy within 90 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    database,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      await database.drop();
    },
  };
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });

export const screenshot = async (page: Page, name: string): Promise<void> => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
};
