#!/usr/bin/env node
/**
 * `npm run schema:graphql`: boots Strapi in-process on a throwaway SQLite database, asks its public
 * GraphQL endpoint for the schema the way a client does (introspection over HTTP, anonymous), and
 * writes it to schema.graphql at the repository root. Frontends generate their types from that file
 * (see examples/site/codegen.ts); tests/api/graphql-schema-file.test.ts fails when it is out of date.
 *
 * Introspection rather than the plugin's internal schema object: the file must be what a client can
 * see, after every extension, permission and hardening rule, and nothing more.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } = require('graphql');

const ROOT = path.resolve(__dirname, '..');
const SCHEMA_FILE = path.join(ROOT, 'schema.graphql');
const REGENERATE = 'npm run schema:graphql';

const INTROSPECTION_QUERY = getIntrospectionQuery({ descriptions: true });

/**
 * The SDL of an introspection result. Sorted, so the file changes only when the schema does, not
 * when Strapi registers its types in another order.
 */
const printIntrospection = (result) => {
  if (result.errors !== undefined && result.errors.length > 0) {
    throw new Error(`introspection failed: ${result.errors.map((error) => error.message).join('; ')}`);
  }
  return `${printSchema(lexicographicSortSchema(buildClientSchema(result.data)))}\n`;
};

/** The first line where two schema texts differ, for a failure message that says what changed; null when equal. */
const firstDifference = (expected, actual) => {
  if (expected === actual) return null;
  const left = expected.split('\n');
  const right = actual.split('\n');
  const length = Math.max(left.length, right.length);
  for (let line = 0; line < length; line += 1) {
    if (left[line] !== right[line]) {
      return `schema.graphql differs from the live schema at line ${line + 1}: file has ${JSON.stringify(left[line] ?? '<end of file>')}, server has ${JSON.stringify(right[line] ?? '<end of file>')}. Regenerate it with \`${REGENERATE}\`.`;
    }
  }
  return `schema.graphql differs from the live schema. Regenerate it with \`${REGENERATE}\`.`;
};

const main = async () => {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.STRAPI_LOG_LEVEL = process.env.STRAPI_LOG_LEVEL ?? 'error';
  const { freshSecrets } = require('./ensure-env');
  const { ensureCompiled } = require('./compile');
  // A scratch database and secrets of its own: printing the schema must not touch the developer's data or .env.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-schema-'));
  Object.assign(process.env, freshSecrets(), { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db'), NODE_ENV: 'development' });
  delete process.env.GRAPHQL_INTROSPECTION;
  try {
    const { distDir } = await ensureCompiled();
    // A task of its own: this process never takes an import job from the queue (src/import/jobs/queue.ts).
    process.env.NEWSROOM_IMPORT_WORKER = 'off';
    const { createStrapi } = require('@strapi/strapi');
    const app = await createStrapi({ appDir: ROOT, distDir, autoReload: false, serveAdminPanel: false }).load();
    app.log.level = 'error';
    await app.server.mount();
    const request = require('supertest');
    const response = await request(app.server.httpServer).post('/graphql').send({ query: INTROSPECTION_QUERY });
    const sdl = printIntrospection(response.body);
    await app.destroy();
    fs.writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${sdl.split('\n').length} lines)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

module.exports = { INTROSPECTION_QUERY, SCHEMA_FILE, printIntrospection, firstDifference };

if (require.main === module) {
  main()
    .then(() => process.exit(0))
    .catch((error) => {
      console.error(`schema:graphql: ${error && error.stack ? error.stack : error}`);
      process.exit(1);
    });
}
