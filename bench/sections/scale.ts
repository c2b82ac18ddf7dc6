import path from 'path';
import { writeCorpus } from '../corpus';
import { load, sideBySide } from '../lib/load';
import type { Row } from '../lib/results';
import { importOnce, removeSqlite, sqliteEnv } from './imports';
import { measureMix } from './mix';
import { pickPaths, startBaseline, startStrapiServer } from './reads';

/**
 * The same reads on the default corpus and on one ten times larger, with the response cache off,
 * and the peak memory of importing both: an import streams its pages, so its peak must not grow
 * with the corpus.
 */
export const measureScale = async (options: {
  work: string;
  pages: number;
  small: { database: string; pages: number; peakRss: number };
  rounds: number;
  seconds: number;
  /** Each turn of the reader mix (see bench/run.ts). */
  mixSeconds: number;
}): Promise<{ rows: Row[]; details: Record<string, unknown>; invalid: string[] }> => {
  const { work, pages, small, rounds, seconds, mixSeconds } = options;
  const invalid: string[] = [];
  const corpus = path.join(work, 'scale-corpus');
  writeCorpus(corpus, pages, 20200410);
  const database = path.join(work, 'scale.db');
  removeSqlite(database);
  const run = await importOnce(corpus, sqliteEnv(database), 'publish');
  if (run.failed > 0) invalid.push(`scale import: ${run.failed} documents failed`);
  const rows: Row[] = [
    {
      section: 'Scale',
      measure: `peak RSS of the import, ${pages} pages (B: ${small.pages} pages)`,
      a: `${(run.peakRss / 2 ** 20).toFixed(0)} MiB`,
      b: `${(small.peakRss / 2 ** 20).toFixed(0)} MiB`,
      ratio: run.peakRss / small.peakRss,
      target: 'flat (≈ 1×)',
      met: run.peakRss / small.peakRss <= 1.2,
    },
    {
      section: 'Scale',
      measure: `import of ${pages} pages with publish, docs/s`,
      a: (pages / run.seconds).toFixed(1),
      b: '',
      ratio: null,
      target: '',
      met: null,
    },
  ];
  // With the response cache every repeated read is a memory lookup, flat at any size; what must stay
  // flat is the database work behind a miss.
  const uncached = { RESPONSE_CACHE: 'false' };
  const large = await startStrapiServer({ ...sqliteEnv(database), ...uncached });
  const reference = await startStrapiServer({ ...sqliteEnv(small.database), ...uncached });
  const details: Record<string, unknown> = { import: run };
  try {
    const largePaths = await pickPaths(large.url);
    const smallPaths = await pickPaths(reference.url);
    for (const key of ['list', 'detail'] as const) {
      await load({ url: `${large.url}${largePaths[key]}` }, 10, seconds);
      await load({ url: `${reference.url}${smallPaths[key]}` }, 10, seconds);
      const result = await sideBySide(
        () => load({ url: `${large.url}${largePaths[key]}` }, 10, seconds),
        () => load({ url: `${reference.url}${smallPaths[key]}` }, 10, seconds),
        rounds
      );
      for (const [side, summary] of [['large', result.a], ['small', result.b]] as const) {
        if (summary.non2xx > 0 || summary.errors > 0) invalid.push(`scale ${key} ${side}: ${summary.non2xx} non-2xx, ${summary.errors} errors`);
      }
      details[key] = result;
      const ratio = result.a.p50 / Math.max(result.b.p50, 1);
      rows.push({
        section: 'Scale',
        measure: `${key === 'list' ? 'article list' : 'article detail by slug'} p50 at ${pages} articles, c=10, uncached (B: ${small.pages})`,
        a: `${result.a.p50} ms, ${result.a.requestsPerSecond.toFixed(0)} req/s`,
        b: `${result.b.p50} ms, ${result.b.requestsPerSecond.toFixed(0)} req/s`,
        ratio,
        target: key === 'list' ? '≤ 1.2×' : '',
        met: key === 'list' ? ratio <= 1.2 : null,
      });
    }
  } finally {
    await large.worker.stop();
    await reference.worker.stop();
  }
  // Readers at scale, with the response cache on as deployed, against the baseline on the same file.
  const cached = await startStrapiServer(sqliteEnv(database));
  const baseline = await startBaseline(database);
  try {
    const mix = await measureMix({ label: 'SQLite', filename: database, strapi: cached, baseline, rounds, seconds: mixSeconds, connections: 50 });
    rows.push(mix.row);
    invalid.push(...mix.invalid);
    details.mix = mix.details;
  } finally {
    await cached.worker.stop();
    await baseline.worker.stop();
  }
  return { rows, details, invalid };
};
