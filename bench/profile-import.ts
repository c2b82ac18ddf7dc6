import path from 'path';
import type { Knex } from 'knex';
import type { runImport as RunImport } from '../src/import/run';
import { DIST, loadStrapi } from './workers/boot';
import { closeStrapi } from '../src/database/close';

/**
 * `node -r esbuild-register bench/profile-import.ts CORPUS [--publish]` (DATABASE_* as for the
 * server; compile first, e.g. with `npm run import -- --help`): imports CORPUS and prints where the
 * SQL statements went: how many each Document Service action ran (the rest are the bulk writer's),
 * and the statement shapes that took the most time. Not a benchmark: counting and timing every
 * statement slows the import down.
 */

type Shape = { count: number; nanoseconds: bigint };

type QueryEvent = { __knexQueryUid: string; sql: string };

/** Statements that differ only in how many rows or values they carry have one shape. */
const shapeOf = (sql: string): string =>
  sql
    .replace(/\$\d+/g, '?')
    .replace(/\?(, \?)*/g, '?')
    .replace(/ union all select .*$/s, ' union all ...')
    .slice(0, 120);

const main = async () => {
  const [corpus, ...flags] = process.argv.slice(2);
  if (corpus === undefined) throw new Error('usage: node -r esbuild-register bench/profile-import.ts CORPUS [--publish]');
  const strapi = await loadStrapi();
  const connection = strapi.db.connection as Knex;

  let action = 'bulk writer and reads';
  const byAction = new Map<string, number>();
  const started = new Map<string, { at: bigint; shape: string }>();
  const shapes = new Map<string, Shape>();
  connection.on('query', (query: QueryEvent) => {
    byAction.set(action, (byAction.get(action) ?? 0) + 1);
    started.set(query.__knexQueryUid, { at: process.hrtime.bigint(), shape: shapeOf(query.sql) });
  });
  connection.on('query-response', (_response: unknown, query: QueryEvent) => {
    const start = started.get(query.__knexQueryUid);
    if (start === undefined) return;
    started.delete(query.__knexQueryUid);
    const shape = shapes.get(start.shape) ?? { count: 0, nanoseconds: 0n };
    shape.count += 1;
    shape.nanoseconds += process.hrtime.bigint() - start.at;
    shapes.set(start.shape, shape);
  });
  // Only the outermost Document Service call is named: what it runs inside counts as its own.
  strapi.documents.use(async (context, next) => {
    const outer = action;
    if (outer === 'bulk writer and reads') action = `${context.uid.split('.').pop() ?? context.uid}:${context.action}`;
    try {
      return await next();
    } finally {
      action = outer;
    }
  });

  const { runImport } = require(path.join(DIST, 'src', 'import', 'run.js')) as { runImport: typeof RunImport };
  const begun = process.hrtime.bigint();
  const report = await runImport({ paths: [corpus], dryRun: false, publish: flags.includes('--publish'), locale: 'zh-Hans', strapi });
  const seconds = Number(process.hrtime.bigint() - begun) / 1e9;
  const documents = report.summary.documents;
  const total = [...byAction.values()].reduce((sum, count) => sum + count, 0);

  console.log(`${documents} documents in ${seconds.toFixed(2)} s; ${total} statements, ${(total / documents).toFixed(1)} per document\n`);
  console.log('statements by Document Service action (per document)');
  for (const [name, count] of [...byAction].sort((a, b) => b[1] - a[1])) {
    console.log(`${String(count).padStart(9)} ${(count / documents).toFixed(1).padStart(7)}  ${name}`);
  }
  console.log('\nstatement shapes by time (ms, count)');
  for (const [shape, { count, nanoseconds }] of [...shapes].sort((a, b) => Number(b[1].nanoseconds - a[1].nanoseconds)).slice(0, 30)) {
    console.log(`${String(Number(nanoseconds / 1_000_000n)).padStart(7)} ${String(count).padStart(7)}  ${shape}`);
  }
  await closeStrapi(strapi);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
