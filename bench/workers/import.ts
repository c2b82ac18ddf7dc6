import path from 'path';
import type { runImport as RunImport } from '../../src/import/run';
import { DIST, loadStrapi, send } from './boot';

/**
 * One import run, as `npm run import` does it (at a lower CPU priority, analysing on a worker
 * thread, with the import's heap, which the parent starts this process with), timed from the first page to the last (Strapi's boot is not the importer's work). It
 * samples its resident memory while it runs, so the parent learns the peak of a real import.
 */
const main = async () => {
  const [corpus, mode] = process.argv.slice(2);
  const dryRun = mode === 'dry-run';
  const { yieldToServer } = require(path.join(DIST, 'src', 'import', 'cli.js')) as { yieldToServer: () => void };
  yieldToServer();
  const strapi = dryRun ? null : await loadStrapi();
  const { runImport } = require(path.join(DIST, 'src', 'import', 'run.js')) as { runImport: typeof RunImport };
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  send({ type: 'started' });
  const started = process.hrtime.bigint();
  const report = await runImport({ paths: [corpus], dryRun, publish: mode === 'publish', locale: 'zh-Hans', strapi, analyseInWorker: true, keepDocuments: false });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  send({ type: 'done', seconds, peakRss, documents: report.summary.documents, failed: report.summary.failed, records: report.summary.records });
  await strapi?.destroy();
  process.exit(0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
