#!/usr/bin/env node
/**
 * `npm run import -- <files or directories...>`: compiles the app, then runs the importer
 * (src/import/cli.ts) with Strapi booted in-process. No server needs to be running.
 * Data (the summary table, or the JSON report with --json) goes to stdout, logs to stderr.
 */
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'warn';

const newestMtime = (directory, test) => {
  let newest = 0;
  if (!fs.existsSync(directory)) return newest;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    // src/admin is bundled by the admin build, not compiled into dist/.
    if (entry.isDirectory() && file !== path.join(ROOT, 'src', 'admin')) newest = Math.max(newest, newestMtime(file, test));
    else if (test(entry.name)) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
};

/** Compiling takes seconds; skip it when dist/ is newer than every source file. */
const isCompiled = () => {
  const sources = Math.max(...['src', 'config'].map((dir) => newestMtime(path.join(ROOT, dir), (name) => /\.(ts|json)$/.test(name))));
  const compiled = Math.max(...['src', 'config'].map((dir) => newestMtime(path.join(ROOT, 'dist', dir), (name) => name.endsWith('.js'))));
  return compiled > 0 && compiled >= sources;
};

const compileQuietly = async () => {
  if (isCompiled()) return { appDir: ROOT, distDir: path.join(ROOT, 'dist') };
  // TypeScript diagnostics and progress go to stderr so stdout stays data only.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);
  try {
    const { compileStrapi } = require('@strapi/strapi');
    return await compileStrapi({ appDir: ROOT });
  } finally {
    process.stdout.write = write;
  }
};

const run = async () => {
  const { distDir } = await compileQuietly();
  const { main } = require(path.join(distDir, 'src', 'import', 'cli.js'));
  const boot = async () => {
    const { createStrapi } = require('@strapi/strapi');
    const app = createStrapi({ appDir: ROOT, distDir, autoReload: false, serveAdminPanel: false });
    return app.load();
  };
  process.exitCode = await main(process.argv.slice(2), boot);
};

run().catch((error) => {
  console.error(`import: ${error && error.stack ? error.stack : error}`);
  process.exitCode = 3;
});
