import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { runImport as RunImport } from '../src/import/run';
import { writeCorpus } from './corpus';
import { DIST, loadStrapi } from './workers/boot';

/**
 * `node -r esbuild-register bench/import-stages.ts PAGES` (compile first, e.g. with `npm run import
 * -- --help`; DATABASE_CLIENT=postgres for PostgreSQL): imports PAGES generated pages (the scale
 * bench's corpus and seed) with publish into a fresh database and prints the wall time spent in each
 * stage of the importer and in each outermost Document Service call, with how often each ran. The
 * stages are timed by wrapping the compiled modules' exports, so a stage's time includes the stages
 * it calls. Not a benchmark: one run, no baseline; it says where an import's time goes.
 *
 * Two what-ifs, for deciding where work on the import's speed could pay:
 * - `BATCH_PAGES=N` writes N pages per transaction instead of the importer's default;
 * - `WHAT_IF_SKIP=validateStaged,emitEntryEvents` (any of SKIPPABLE) makes those stages do
 *   nothing, to measure what the rest of the import costs without them. Such an import does not
 *   keep Strapi's guarantees: the run says so, and its database is thrown away with the rest.
 */

type Timing = { calls: number; milliseconds: number };

const STAGES: Record<string, string[]> = {
  'import/guarantees.js': ['validateStaged', 'createRows'],
  'import/events.js': ['emitEntryEvents'],
  'search/indexer.js': ['reindexMany'],
  'import/load.js': ['writeDocument', 'readStoredArticle'],
  'import/plan.js': ['plan'],
  'import/resolve.js': ['resolve'],
  'import/known.js': ['learn'],
};

/** The stages whose result nothing after them reads, so an import goes on without them. */
const SKIPPABLE = ['validateStaged', 'emitEntryEvents', 'reindexMany'];
const SKIPPED = (process.env.WHAT_IF_SKIP ?? '').split(',').filter((name) => name !== '');

const timings = new Map<string, Timing>();

const record = (name: string, milliseconds: number): void => {
  const timing = timings.get(name) ?? { calls: 0, milliseconds: 0 };
  timing.calls += 1;
  timing.milliseconds += milliseconds;
  timings.set(name, timing);
};

/** Replaces each named export by a function that times it; compiled callers read the export at each call. */
const timeExports = (): void => {
  for (const [file, names] of Object.entries(STAGES)) {
    const exported = require(path.join(DIST, 'src', file)) as Record<string, unknown>;
    for (const name of names) {
      const original = exported[name];
      if (typeof original !== 'function') throw new Error(`${file} no longer exports ${name}`);
      if (SKIPPED.includes(name)) {
        exported[name] = async (): Promise<void> => undefined;
        continue;
      }
      exported[name] = function (this: unknown, ...args: unknown[]): unknown {
        const started = performance.now();
        const result: unknown = original.apply(this, args);
        if (result instanceof Promise) return result.finally(() => record(name, performance.now() - started));
        record(name, performance.now() - started);
        return result;
      };
    }
  }
};

/** Times each outermost Document Service call: what it runs inside counts as its own. */
const timeDocumentService = (strapi: Core.Strapi): void => {
  let depth = 0;
  strapi.documents.use(async (context, next) => {
    const outermost = depth === 0;
    depth += 1;
    const started = performance.now();
    try {
      return await next();
    } finally {
      depth -= 1;
      if (outermost) record(`Document Service ${context.uid.split('.').pop() ?? context.uid}:${context.action}`, performance.now() - started);
    }
  });
};

const main = async () => {
  const pages = Number(process.argv[2]);
  if (!Number.isInteger(pages) || pages <= 0) throw new Error('usage: node -r esbuild-register bench/import-stages.ts PAGES');
  const unknown = SKIPPED.filter((name) => !SKIPPABLE.includes(name));
  if (unknown.length > 0) throw new Error(`WHAT_IF_SKIP: ${unknown.join(', ')} cannot be skipped (these can: ${SKIPPABLE.join(', ')})`);
  const batchPages = process.env.BATCH_PAGES === undefined ? undefined : Number(process.env.BATCH_PAGES);
  if (batchPages !== undefined && (!Number.isInteger(batchPages) || batchPages <= 0)) throw new Error('BATCH_PAGES: a whole number of pages');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-stages-'));
  const corpus = path.join(work, 'corpus');
  writeCorpus(corpus, pages, 20200410);
  process.env.DATABASE_CLIENT = process.env.DATABASE_CLIENT ?? 'sqlite';
  process.env.DATABASE_FILENAME = path.join(work, 'data.db');
  const strapi = await loadStrapi();
  try {
    timeExports();
    timeDocumentService(strapi);
    const { runImport } = require(path.join(DIST, 'src', 'import', 'run.js')) as { runImport: typeof RunImport };
    const started = performance.now();
    const report = await runImport({ paths: [corpus], dryRun: false, publish: true, locale: 'zh-Hans', strapi, analyseInWorker: true, keepDocuments: false, batchPages });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${pages} pages in ${seconds.toFixed(1)} s (${(pages / seconds).toFixed(1)} docs/s), ${report.summary.failed} failed\n`);
    if (batchPages !== undefined) console.log(`what-if: ${batchPages} pages a transaction`);
    if (SKIPPED.length > 0) console.log(`what-if: ${SKIPPED.join(' and ')} skipped; this import did not keep Strapi's guarantees\n`);
    console.log('   seconds  share    calls  stage');
    for (const [name, { calls, milliseconds }] of [...timings].sort((a, b) => b[1].milliseconds - a[1].milliseconds)) {
      console.log(`${(milliseconds / 1000).toFixed(2).padStart(10)} ${((milliseconds / 10 / seconds).toFixed(0) + '%').padStart(6)} ${String(calls).padStart(8)}  ${name}`);
    }
  } finally {
    await strapi.destroy();
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
