#!/usr/bin/env node
/**
 * The main job: make sure secrets exist, build the admin panel and the TypeScript app, import the
 * bundled sample documents and publish them, then serve admin, REST and GraphQL on
 * http://localhost:1337. With --start (`npm start`) it only makes sure of the secrets and starts.
 *
 * Both run with NODE_ENV=production unless NODE_ENV is set: a served newsroom faces the internet,
 * and development mode answers with details meant for its developers. Secrets are written into
 * .env on a first run only when NODE_ENV was not given; a deployment that says production brings
 * its own, and the app refuses to start without them.
 */
const { spawnSync } = require('child_process');
const path = require('path');
const { ensureEnv } = require('./ensure-env');

const ROOT = path.resolve(__dirname, '..');
const strapi = path.join(ROOT, 'node_modules', '.bin', 'strapi');

/** The environment the build, the import and the server run in. */
const serveEnvironment = (environment = process.env) => ({
  ...environment,
  NODE_ENV: environment.NODE_ENV !== undefined && environment.NODE_ENV !== '' ? environment.NODE_ENV : 'production',
  STRAPI_TELEMETRY_DISABLED: 'true',
});

const run = (env, title, command, args, { tolerated = [] } = {}) => {
  console.error(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (tolerated.includes(result.status)) {
    console.error(`! ${title}: some documents were not imported (see above); starting anyway`);
  } else if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
};

const main = (args) => {
  // Decided on the environment as given, before NODE_ENV defaults to production.
  const written = ensureEnv();
  if (written.length > 0) {
    console.error(`Generated new random secrets in .env: ${written.join(', ')}. Keep this file private.`);
  }
  const env = serveEnvironment();
  console.error(`NODE_ENV=${env.NODE_ENV}`);
  if (!args.includes('--start')) {
    run(env, 'Build the admin panel and the app', strapi, ['build']);
    // Safe on every start: pages that have not changed are recognised and left alone.
    run(env, 'Import the bundled sample pages (data/documents)', process.execPath, [path.join(__dirname, 'import.js'), '--publish', path.join(ROOT, 'data', 'documents')], {
      tolerated: [1],
    });
  }
  run(env, 'Start the server', strapi, ['start']);
};

if (require.main === module) main(process.argv.slice(2));

module.exports = { serveEnvironment };
