#!/usr/bin/env node
/**
 * `npm run dedupe [-- --dry-run]`: merges records that share an import key (left by imports that
 * raced before the keys were enforced), then makes the keys unique. Takes the import lock, so it
 * waits for a running import. Prints what it merged as JSON on stdout; logs go to stderr.
 */
const path = require('path');
const { ensureCompiled, ROOT } = require('./compile');
const { ensureEnv } = require('./ensure-env');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'warn';
process.env.STRAPI_LOG_TO_STDERR = 'true';

const run = async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--dry-run');
  if (unknown.length > 0) {
    console.error(`dedupe: unknown argument ${unknown[0]}\nUsage: npm run dedupe [-- --dry-run]`);
    process.exit(2);
  }
  ensureEnv();
  const { distDir } = await ensureCompiled();
  const { dedupe } = require(path.join(distDir, 'src', 'import', 'dedupe.js'));
  // A task of its own: this process never takes an import job from the queue (src/import/jobs/queue.ts).
  process.env.NEWSROOM_IMPORT_WORKER = 'off';
  const { createStrapi } = require('@strapi/strapi');
  // Closes once the document events Strapi emits after a write are done.
  const { closeStrapi } = require(path.join(distDir, 'src', 'database', 'close.js'));
  const strapi = await createStrapi({ appDir: ROOT, distDir, autoReload: false, serveAdminPanel: false }).load();
  try {
    const report = await dedupe(strapi, { dryRun: args.includes('--dry-run') });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await closeStrapi(strapi);
  }
  process.exit(0);
};

run().catch((error) => {
  console.error(`dedupe: ${error && error.stack ? error.stack : error}`);
  process.exit(3);
});
