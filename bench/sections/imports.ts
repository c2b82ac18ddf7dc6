import fs from 'fs';
import path from 'path';
import { measureCeiling } from '../import-ceiling';
import { median } from '../lib/load';
import { startWorker } from '../lib/processes';
import type { Row } from '../lib/results';

// The heap and malloc arenas `npm run import` gives an import (scripts/import-heap.js), so a measured import runs as a user's does.
const { importEnv, importNodeFlags } = require('../../scripts/import-heap') as { importEnv: (env: NodeJS.ProcessEnv) => Record<string, string>; importNodeFlags: () => string[] };

const startImportWorker = (args: string[], database: Record<string, string>) => startWorker('import', args, importEnv({ ...process.env, ...database }), importNodeFlags());

export type ImportMode = 'publish' | 'draft' | 'dry-run';

export type ImportRun = {
  seconds: number;
  peakRss: number;
  documents: number;
  failed: number;
  records: Record<string, { created: number; updated: number; unchanged: number; failed: number }>;
};

export const sqliteEnv = (filename: string): Record<string, string> => ({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename });

export const removeSqlite = (filename: string): void => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${filename}${suffix}`, { force: true });
};

/** One import in a fresh process, as a user runs it, so memory and caches start cold every time. */
export const importOnce = async (corpus: string, database: Record<string, string>, mode: ImportMode): Promise<ImportRun> => {
  const worker = startImportWorker([corpus, mode], database);
  const done = await worker.next('done');
  await worker.stop();
  return done as unknown as ImportRun;
};

/** Starts an import and resolves once its pages are flowing; the caller ends it with `kill()`. */
export const startImport = async (corpus: string, database: Record<string, string>): Promise<{ kill: () => Promise<void> }> => {
  const worker = startImportWorker([corpus, 'publish'], database);
  await worker.next('started');
  return {
    kill: async () => {
      if (worker.child.exitCode !== null) return;
      const exited = new Promise((resolve) => worker.child.once('exit', resolve));
      worker.child.kill('SIGKILL');
      await exited;
    },
  };
};

export const corpusBytes = (corpus: string): number =>
  fs.readdirSync(corpus).reduce((sum, file) => sum + fs.statSync(path.join(corpus, file)).size, 0);

const perSecond = (count: number, seconds: number) => count / seconds;

export type ImportMeasures = { rows: Row[]; details: Record<string, unknown>; invalid: string[]; database: string };

/**
 * The full import against the better-sqlite3 ceiling for the same rows, extraction alone, and the
 * re-import of the unchanged corpus. Each import round writes a fresh database; the last one is
 * kept for the read measures.
 */
export const measureImports = async (options: { corpus: string; pages: number; work: string; rounds: number }): Promise<ImportMeasures> => {
  const { corpus, pages, work, rounds } = options;
  const invalid: string[] = [];
  const imports: ImportRun[] = [];
  const ceilings: Array<{ rows: number; tables: number; seconds: number }> = [];
  let database = '';
  for (let round = 0; round < rounds; round += 1) {
    database = path.join(work, `import-${round}.db`);
    removeSqlite(database);
    const run = await importOnce(corpus, sqliteEnv(database), 'publish');
    if (run.failed > 0) invalid.push(`import round ${round + 1}: ${run.failed} documents failed`);
    imports.push(run);
    ceilings.push(measureCeiling(database));
    console.error(`  import round ${round + 1}: ${run.seconds.toFixed(1)} s, ceiling ${ceilings[round].seconds.toFixed(2)} s for ${ceilings[round].rows} rows`);
  }
  const reimports: ImportRun[] = [];
  for (let round = 0; round < rounds; round += 1) reimports.push(await importOnce(corpus, sqliteEnv(database), 'publish'));
  const dryRuns: ImportRun[] = [];
  for (let round = 0; round < rounds; round += 1) dryRuns.push(await importOnce(corpus, {}, 'dry-run'));

  const importSeconds = median(imports.map((run) => run.seconds));
  const ceilingSeconds = median(ceilings.map((ceiling) => ceiling.seconds));
  const importRate = perSecond(pages, importSeconds);
  const ceilingRate = perSecond(pages, ceilingSeconds);
  const reimportSeconds = median(reimports.map((run) => run.seconds));
  const dryRunSeconds = median(dryRuns.map((run) => run.seconds));
  const megabytes = corpusBytes(corpus) / 2 ** 20;
  const rows: Row[] = [
    {
      section: 'Import',
      measure: `${pages} pages, extract + link + write + publish (SQLite), docs/s`,
      a: `${importRate.toFixed(1)} (Strapi)`,
      b: `${ceilingRate.toFixed(0)} (better-sqlite3, same ${ceilings[0].rows} rows)`,
      ratio: importRate / ceilingRate,
      target: 'A ≥ 100 docs/s',
      met: importRate >= 100,
    },
    {
      section: 'Import',
      measure: 're-import of the unchanged corpus, s',
      a: reimportSeconds.toFixed(2),
      b: `${importSeconds.toFixed(2)} (first import)`,
      ratio: reimportSeconds / importSeconds,
      target: '≤ 0.10×',
      met: reimportSeconds / importSeconds <= 0.1,
    },
    {
      section: 'Import',
      measure: 'extraction alone (dry run)',
      a: `${perSecond(pages, dryRunSeconds).toFixed(0)} docs/s`,
      b: `${(megabytes / dryRunSeconds).toFixed(2)} MB/s`,
      ratio: null,
      target: '',
      met: null,
    },
  ];
  return {
    rows,
    invalid,
    database,
    details: { pages, corpusMegabytes: megabytes, imports, ceilings, reimports, dryRuns },
  };
};
