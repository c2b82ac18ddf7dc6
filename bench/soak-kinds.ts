import fs from 'fs';
import os from 'os';
import path from 'path';
import { seededRandom, writeCorpus } from './corpus';
import { importOnce, removeSqlite, sqliteEnv } from './sections/imports';
import { startStrapiServer } from './sections/reads';
import { MIX, discover } from './sections/soak';

/**
 * What each kind of request in the soak's mix costs the server, one at a time, with the response
 * cache off: `node -r esbuild-register bench/soak-kinds.ts [pages] [requests per kind]` (2,000 pages
 * of the bench's corpus and seed, 30 requests per kind by default). Under the soak's load the server
 * spends its time in proportion to weight × cost, so the share column says which kind to make
 * cheaper; the weighted mean bounds what one core can answer of the mix.
 */

const ROOT = path.resolve(__dirname, '..');

const main = async () => {
  const pages = Number(process.argv[2] ?? 2000);
  const perKind = Number(process.argv[3] ?? 30);
  const { ensureCompiled } = require(path.join(ROOT, 'scripts', 'compile.js')) as { ensureCompiled: () => Promise<unknown> };
  await ensureCompiled();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-soak-kinds-'));
  const database = path.join(work, 'soak.db');
  try {
    // writeCorpus's default seed is the bench's.
    writeCorpus(path.join(work, 'corpus'), pages);
    const run = await importOnce(path.join(work, 'corpus'), sqliteEnv(database), 'publish');
    if (run.failed > 0) throw new Error(`the import failed ${run.failed} documents`);
    const server = await startStrapiServer({ ...sqliteEnv(database), RESPONSE_CACHE: 'false' });
    try {
      const known = await discover(server.url);
      const random = seededRandom(7);
      const totalWeight = MIX.reduce((sum, kind) => sum + kind.weight, 0);
      const measured: Array<{ name: string; weight: number; mean: number; kib: number }> = [];
      for (const kind of MIX) {
        const times: number[] = [];
        let bytes = 0;
        for (let index = 0; index < perKind + 2; index += 1) {
          const request = kind.make(random, known);
          const started = performance.now();
          const response = await fetch(`${server.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`"${kind.name}" answered ${response.status}: ${text.slice(0, 200)}`);
          // The first answers of a kind warm what it reads; they are not counted.
          if (index < 2) continue;
          times.push(performance.now() - started);
          bytes += Buffer.byteLength(text);
        }
        measured.push({ name: kind.name, weight: kind.weight, mean: times.reduce((sum, time) => sum + time, 0) / times.length, kib: bytes / times.length / 1024 });
      }
      const weightedMean = measured.reduce((sum, kind) => sum + (kind.weight / totalWeight) * kind.mean, 0);
      console.log(`${pages} pages, ${perKind} requests of each kind after 2 unmeasured, one at a time\n`);
      console.log('| Kind | Weight | Mean ms | Share of the mix | Response KiB |\n|---|---|---|---|---|');
      for (const kind of measured) {
        const share = ((kind.weight / totalWeight) * kind.mean) / weightedMean;
        console.log(`| ${kind.name} | ${kind.weight} | ${kind.mean.toFixed(1)} | ${(share * 100).toFixed(0)}% | ${kind.kib.toFixed(0)} |`);
      }
      console.log(`\nweighted mean ${weightedMean.toFixed(1)} ms a request: at most ${(1000 / weightedMean).toFixed(1)} requests/s of the mix on one core`);
    } finally {
      await server.worker.stop();
    }
  } finally {
    removeSqlite(database);
    fs.rmSync(work, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
