#!/usr/bin/env node
/**
 * The one test command (`npm test`): type-checks, checks that types/generated matches the schemas,
 * then runs the unit, API and browser tiers. Extra arguments go to jest, e.g.
 * `npm test -- --selectProjects api`. DATABASE_CLIENT=postgres runs the API tier on PostgreSQL.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_LOG_LEVEL: process.env.STRAPI_LOG_LEVEL ?? 'error' };
const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

const step = (title, command, args) => {
  const started = Date.now();
  console.error(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
  console.error(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
};

const jestArgs = process.argv.slice(2);
const runsEverything = jestArgs.length === 0;

if (runsEverything) {
  step('Type-check src, config and tests', bin('tsc'), ['-p', 'tsconfig.test.json']);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-types-'));
  step('Generate types from the schemas', bin('strapi'), ['ts:generate-types', '--silent', '--out-dir', path.relative(ROOT, out)]);
  step('Check types/generated is in sync with the schemas', 'diff', ['-r', path.join(out, 'generated'), path.join(ROOT, 'types', 'generated')]);
  fs.rmSync(out, { recursive: true, force: true });
}

step(`jest ${jestArgs.join(' ')}`.trim(), bin('jest'), ['--ci', ...jestArgs]);
