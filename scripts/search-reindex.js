#!/usr/bin/env node
/**
 * `npm run search:reindex`: compiles the app when needed, boots Strapi in-process (no server needs
 * to be running) and rebuilds the search index from every published article, organisation and
 * person. The server keeps the index in step by itself; this repairs or rebuilds it.
 */
const path = require('path');
const { ensureCompiled, ROOT } = require('./compile');
const { ensureEnv } = require('./ensure-env');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'warn';

const run = async () => {
  ensureEnv();
  const { distDir } = await ensureCompiled();
  // A task of its own: this process never takes an import job from the queue (src/import/jobs/queue.ts).
  process.env.NEWSROOM_IMPORT_WORKER = 'off';
  const { createStrapi } = require('@strapi/strapi');
  // Closes once the document events Strapi emits after a write are done.
  const { closeStrapi } = require(path.join(distDir, 'src', 'database', 'close.js'));
  const strapi = await createStrapi({ appDir: ROOT, distDir, autoReload: false, serveAdminPanel: false }).load();
  try {
    const { rebuildSearchIndex } = require(path.join(distDir, 'src', 'search', 'indexer.js'));
    const started = Date.now();
    const entries = await rebuildSearchIndex(strapi);
    console.log(`search index rebuilt: ${entries} entries in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await closeStrapi(strapi);
  }
  process.exit(0);
};

run().catch((error) => {
  console.error(`search:reindex: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
