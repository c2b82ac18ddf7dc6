#!/usr/bin/env node
/**
 * The main job: make sure secrets exist, build the admin panel and the TypeScript app, import the
 * bundled sample documents and publish them, then serve admin, REST and GraphQL on
 * http://localhost:1337.
 */
const { spawnSync } = require('child_process');
const path = require('path');
const { ensureEnv } = require('./ensure-env');

const ROOT = path.resolve(__dirname, '..');
const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
const strapi = path.join(ROOT, 'node_modules', '.bin', 'strapi');

const run = (title, command, args, { tolerated = [] } = {}) => {
  console.error(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (tolerated.includes(result.status)) {
    console.error(`! ${title}: some documents were not imported (see above); starting anyway`);
  } else if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
};

const written = ensureEnv();
if (written.length > 0) {
  console.error(`Generated new random secrets in .env: ${written.join(', ')}. Keep this file private.`);
}

run('Build the admin panel and the app', strapi, ['build']);
// Safe on every start: pages that have not changed are recognised and left alone.
run('Import the bundled sample pages (data/documents)', process.execPath, [path.join(__dirname, 'import.js'), '--publish', path.join(ROOT, 'data', 'documents')], {
  tolerated: [1],
});
run('Start the server', strapi, ['start']);
