import path from 'path';
import type { Core } from '@strapi/strapi';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist');

// Each worker gets throwaway secrets: the benchmark never keeps sessions or tokens.
const { freshSecrets } = require('../../scripts/ensure-env') as { freshSecrets: () => Record<string, string> };

/** Loads the compiled app as production does, without the admin panel. */
export const loadStrapi = async (): Promise<Core.Strapi> => {
  Object.assign(process.env, freshSecrets(), {
    STRAPI_TELEMETRY_DISABLED: 'true',
    NODE_ENV: 'production',
    STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error',
  });
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: ROOT, distDir: DIST, autoReload: false, serveAdminPanel: false }).load();
  strapi.log.level = process.env.STRAPI_LOG_LEVEL ?? 'error';
  return strapi;
};

export const send = (message: Record<string, unknown>): void => {
  if (process.send === undefined) throw new Error('a benchmark worker runs as a child process with an IPC channel');
  process.send(message);
};
