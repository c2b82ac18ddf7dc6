import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { runImport as RunImport } from '../src/import/run';
import { writeCorpus } from './corpus';
import { DIST, loadStrapi } from './workers/boot';

const { dieWithParent, needsImportHeap, restartAsImport } = require('../scripts/import-heap') as { dieWithParent: () => void; needsImportHeap: () => boolean; restartAsImport: (script: string) => void };

/**
 * `node --expose-gc -r esbuild-register bench/import-scale.ts PAGES [--dry-run]` (compile first, e.g.
 * with `npm run import -- --help`): generates PAGES pages (the scale bench's corpus and seed), imports
 * them with publish into a fresh SQLite file (or analyses and plans them only, with --dry-run, which
 * still builds the index of known records), and prints the time, the rate, the peak RSS and the
 * largest live heap seen (sampled after a forced GC every 3 s, so garbage V8 has not collected yet
 * does not count). Run it at two sizes to see what grows with the corpus. It runs with the heap
 * and malloc arenas `npm run import` gives an import (scripts/import-heap.js), starting itself again to get them. Not
 * part of `npm run bench`: one run, no side-by-side baseline.
 */
const main = async () => {
  const [pagesArgument, ...flags] = process.argv.slice(2);
  const pages = Number(pagesArgument);
  if (!Number.isInteger(pages) || pages <= 0) throw new Error('usage: node --expose-gc -r esbuild-register bench/import-scale.ts PAGES [--dry-run]');
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  const dryRun = flags.includes('--dry-run');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-scale-'));
  const corpus = path.join(work, 'corpus');
  writeCorpus(corpus, pages, 20200410);
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = path.join(work, 'data.db');
  let strapi: Core.Strapi | null = null;
  try {
    strapi = dryRun ? null : await loadStrapi();
    const { runImport } = require(path.join(DIST, 'src', 'import', 'run.js')) as { runImport: typeof RunImport };
    gc();
    const base = process.memoryUsage().heapUsed;
    let peakRss = process.memoryUsage().rss;
    let liveHeap = 0;
    const rss = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const live = setInterval(() => {
      gc();
      liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed - base);
    }, 3000);
    const started = process.hrtime.bigint();
    const report = await runImport({ paths: [corpus], dryRun, publish: !dryRun, locale: 'zh-Hans', strapi, analyseInWorker: true, keepDocuments: false });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(rss);
    clearInterval(live);
    const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
    console.log(
      JSON.stringify({ pages, mode: dryRun ? 'dry run' : 'import with publish (SQLite)', seconds: Number(seconds.toFixed(1)), docsPerSecond: Number((pages / seconds).toFixed(1)), failed: report.summary.failed, peakRssMiB: mib(peakRss), liveHeapMiB: mib(liveHeap) })
    );
  } finally {
    await strapi?.destroy();
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
};

if (needsImportHeap()) restartAsImport(__filename);
else {
  dieWithParent();
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
