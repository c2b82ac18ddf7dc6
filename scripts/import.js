#!/usr/bin/env node
/**
 * `npm run import -- <files or directories...>`: compiles the app, then runs the importer
 * (src/import/cli.ts) with Strapi booted in-process. No server needs to be running.
 * Data (the summary table, or the JSON report with --json) goes to stdout, logs to stderr.
 */
const { spawn } = require('child_process');
const path = require('path');
const { ensureCompiled, ROOT } = require('./compile');
const { importNodeFlags, needsImportHeap } = require('./import-heap');
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

const WRAPPED = 'NEWSROOM_IMPORT_WRAPPED';

/**
 * In the import started again: it dies with the process that started it, as it would have had it
 * been that process. A SIGKILL cannot be passed on, and an import left running would hold the
 * database's import lock with nobody to report to. Its channel to that process closes when it dies.
 */
const dieWithParent = () => {
  if (process.env[WRAPPED] !== '1' || process.channel === undefined) return;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
};

/**
 * Runs this script again with the import's heap (import-heap.js). The child has the terminal; this
 * process only waits for it and passes on a signal sent to it alone, so stopping it stops the import
 * (whose batch in progress is rolled back) and its exit status is the import's.
 */
const againWithImportHeap = () => {
  let flags;
  try {
    flags = importNodeFlags();
  } catch (error) {
    console.error(`import: ${error.message}`);
    process.exit(2);
  }
  const child = spawn(process.execPath, [...process.execArgv, ...flags, __filename, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [WRAPPED]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 3 : 128 + (require('os').constants.signals[signal] ?? 0))));
};

if (needsImportHeap()) againWithImportHeap();
else {
  dieWithParent();
  run().catch((error) => {
    console.error(`import: ${error && error.stack ? error.stack : error}`);
    process.exit(3);
  });
}
