import fs from 'fs';
import os from 'os';
import path from 'path';
import { writeCorpus } from './corpus';
import { importOnce, removeSqlite, sqliteEnv } from './sections/imports';

/**
 * `node -r esbuild-register bench/import-peaks.ts PAGES [PAGES…]` (compile first, e.g. with `npm run
 * import -- --help`): for each size, generates that many pages (the scale bench's corpus and seed)
 * and imports them with publish into a fresh SQLite file through the bench's import worker, the
 * process and memory settings of `npm run import`, as the scale row does, and prints the time, the
 * rate and the peak RSS. `2000 20000` gives the scale row's memory ratio without the rest of
 * `npm run bench -- --scale`. One run each, one after the other: not a side-by-side measure of time.
 */
const main = async () => {
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.length === 0 || sizes.some((pages) => !Number.isInteger(pages) || pages <= 0)) throw new Error('usage: node -r esbuild-register bench/import-peaks.ts PAGES [PAGES…]');
  const peaks: number[] = [];
  for (const pages of sizes) {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-peaks-'));
    try {
      const corpus = path.join(work, 'corpus');
      writeCorpus(corpus, pages, 20200410);
      const database = path.join(work, 'data.db');
      const run = await importOnce(corpus, sqliteEnv(database), 'publish');
      removeSqlite(database);
      peaks.push(run.peakRss);
      console.log(`${pages} pages: ${run.seconds.toFixed(1)} s, ${(run.documents / run.seconds).toFixed(1)} docs/s, peak RSS ${(run.peakRss / 1048576).toFixed(0)} MiB, ${run.failed} failed`);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  if (peaks.length > 1) console.log(`peak RSS ratio, last to first: ${(peaks[peaks.length - 1] / peaks[0]).toFixed(3)}×`);
};

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
