#!/usr/bin/env node
/**
 * `npm run merge -- --type organisation|person --keep <documentId> --remove <documentId> [--dry-run]`:
 * merges the second record into the first (src/merge/merge.ts), as the admin panel's Merge dialog
 * does. With --dry-run it only says what would move. Waits for a running import. Prints the report
 * as JSON on stdout; logs go to stderr.
 */
const path = require('path');
const { ensureCompiled, ROOT } = require('./compile');
const { ensureEnv } = require('./ensure-env');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'warn';
process.env.STRAPI_LOG_TO_STDERR = 'true';

const USAGE = 'Usage: npm run merge -- --type organisation|person --keep <documentId> --remove <documentId> [--dry-run]';

const parse = (args) => {
  const options = { dryRun: false };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--type' || arg === '--keep' || arg === '--remove') {
      const value = args[index + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      options[arg.slice(2)] = value;
      index += 1;
    } else throw new Error(`unknown argument ${arg}`);
  }
  for (const name of ['type', 'keep', 'remove']) if (options[name] === undefined) throw new Error(`--${name} is required`);
  return options;
};

const run = async () => {
  let options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`merge: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  ensureEnv();
  const { distDir } = await ensureCompiled();
  const { mergeRecords, isMergeType, MergeError } = require(path.join(distDir, 'src', 'merge', 'merge.js'));
  if (!isMergeType(options.type)) {
    console.error(`merge: --type is organisation or person\n${USAGE}`);
    process.exit(2);
  }
  // A task of its own: this process never takes an import job from the queue (src/import/jobs/queue.ts).
  process.env.NEWSROOM_IMPORT_WORKER = 'off';
  const { createStrapi } = require('@strapi/strapi');
  // Closes once the document events Strapi emits after a write are done.
  const { closeStrapi } = require(path.join(distDir, 'src', 'database', 'close.js'));
  const strapi = await createStrapi({ appDir: ROOT, distDir, autoReload: false, serveAdminPanel: false }).load();
  let code = 0;
  try {
    const report = await mergeRecords(strapi, { ...options, by: `npm run merge (${require('os').userInfo().username})`, waitForImport: true });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    console.error(`merge: ${error.message}`);
    code = 2;
  } finally {
    await closeStrapi(strapi);
  }
  process.exit(code);
};

run().catch((error) => {
  console.error(`merge: ${error && error.stack ? error.stack : error}`);
  process.exit(3);
});
