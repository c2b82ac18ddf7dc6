#!/usr/bin/env node
/**
 * `npm run import -- <files or directories...>`: compiles the app, then runs the importer
 * (src/import/cli.ts) with Strapi booted in-process. No server needs to be running.
 * Data (the summary table, or the JSON report with --json) goes to stdout, logs to stderr.
 */
const path = require('path');
const { ensureCompiled, ROOT } = require('./compile');
const { dieWithParent, needsImportHeap, restartAsImport } = require('./import-heap');
const { ensureEnv } = require('./ensure-env');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'warn';
// stdout carries the summary or the JSON report; Strapi's own log lines go to stderr.
process.env.STRAPI_LOG_TO_STDERR = 'true';

const run = async () => {
  // Like `npm run develop`, a first import on a new machine generates the secrets Strapi needs.
  const written = ensureEnv();
  if (written.length > 0) console.error(`Generated new random secrets in .env: ${written.join(', ')}. Keep this file private.`);
  const { distDir } = await ensureCompiled();
  const { main } = require(path.join(distDir, 'src', 'import', 'cli.js'));
  const boot = async () => {
    // A task of its own: this process never takes an import job from the queue (src/import/jobs/queue.ts).
    process.env.NEWSROOM_IMPORT_WORKER = 'off';
    const { createStrapi } = require('@strapi/strapi');
    const app = createStrapi({ appDir: ROOT, distDir, autoReload: false, serveAdminPanel: false });
    return app.load();
  };
  const code = await main(process.argv.slice(2), boot);
  // A Strapi that failed half-way through booting can leave handles open; the run is over either way.
  process.exit(code);
};

// The import's heap and malloc arenas (import-heap.js) are set when a process starts: this one starts again with them.
if (needsImportHeap()) restartAsImport(__filename);
else {
  dieWithParent();
  run().catch((error) => {
    console.error(`import: ${error && error.stack ? error.stack : error}`);
    process.exit(3);
  });
}
