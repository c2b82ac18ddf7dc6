import fs from 'fs';
import os from 'os';
import path from 'path';
import { writeCorpus } from './corpus';
import { importOnce, measureImports, removeSqlite, sqliteEnv } from './sections/imports';
import { measureReads } from './sections/reads';
import { measureScale } from './sections/scale';
import { measureSearch } from './sections/search';
import { measureSoak } from './sections/soak';
import { createPostgresDatabase } from './lib/postgres';
import { machine, table, type Results, type Row } from './lib/results';

/**
 * `npm run bench [-- --quick] [--scale] [--no-postgres]`: the import and the public API measured
 * side by side with their baselines in one run. Prints a table and writes bench/results/latest.json.
 * `npm run bench -- --search-only [--quick] [--no-postgres]`: search latency at 20,000 articles on
 * SQLite and PostgreSQL (bench/results/search.json).
 */

type Settings = {
  pages: number;
  rounds: number;
  seconds: number;
  /**
   * Each turn of the reader mix: long enough for its p99 to rest on some thousands of answers and
   * for the cache to reach the hit rate it keeps (four seconds gave some 300 answers and a cache
   * still filling).
   */
  mixSeconds: number;
  connections: number[];
  importCorpusPages: number;
  soak: { seconds: number; warmUpSeconds: number; connections: number };
};

const FULL: Settings = {
  pages: 2000,
  rounds: 3,
  seconds: 4,
  mixSeconds: 20,
  connections: [10, 50],
  importCorpusPages: 2000,
  soak: { seconds: 300, warmUpSeconds: 60, connections: 50 },
};
// A smoke run that every part of the bench still works, in about a minute: one round each, so its
// ratios are single measurements, not medians.
const QUICK: Settings = {
  pages: 150,
  rounds: 1,
  seconds: 1,
  mixSeconds: 2,
  connections: [50],
  importCorpusPages: 300,
  soak: { seconds: 15, warmUpSeconds: 5, connections: 50 },
};
const OPTIONS = ['--quick', '--scale', '--no-postgres', '--soak-only', '--search-only'];
const SCALE_PAGES = 20_000;

const ROOT = path.resolve(__dirname, '..');

const main = async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => !OPTIONS.includes(arg));
  if (unknown.length > 0) {
    console.error(`bench: unknown option ${unknown.join(' ')}\nusage: npm run bench [-- --quick] [--scale] [--no-postgres] [--soak-only] [--search-only]`);
    process.exit(2);
  }
  const quick = args.includes('--quick');
  const settings = quick ? QUICK : FULL;
  const started = Date.now();
  const log = (message: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

  const { ensureCompiled } = require(path.join(ROOT, 'scripts', 'compile.js')) as { ensureCompiled: () => Promise<unknown> };
  log('compiling the app when dist/ is stale');
  await ensureCompiled();

  const work = path.join(os.tmpdir(), `newsroom-bench-${process.pid}`);
  fs.mkdirSync(work, { recursive: true });
  const rows: Row[] = [];
  const invalid: string[] = [];
  const details: Record<string, unknown> = { settings };
  try {
    const corpus = path.join(work, 'corpus');
    writeCorpus(corpus, settings.pages, 20200410);
    const duringImportCorpora = [1, 2, 3].map((seed) => {
      const directory = path.join(work, `during-import-${seed}`);
      writeCorpus(directory, settings.importCorpusPages, 1000 + seed);
      return directory;
    });
    log(`corpus of ${settings.pages} pages written to ${corpus}`);

    if (args.includes('--search-only')) {
      const pages = quick ? settings.pages : SCALE_PAGES;
      log(`search: the index of ${pages} corpus articles on SQLite${args.includes('--no-postgres') ? '' : ' and PostgreSQL'}, queried at c=10`);
      const search = await measureSearch({ work, pages, seconds: quick ? 1 : 5, postgres: !args.includes('--no-postgres') });
      rows.push(...search.rows);
      invalid.push(...search.invalid);
      details.search = search.details;
    } else if (args.includes('--soak-only')) {
      const database = path.join(work, 'soak.db');
      const run = await importOnce(corpus, sqliteEnv(database), 'publish');
      if (run.failed > 0) invalid.push(`soak import: ${run.failed} documents failed`);
      log(`soak: ${settings.soak.seconds} s at c=${settings.soak.connections} on ${settings.pages} pages`);
      const soak = await measureSoak({ database: sqliteEnv(database), ...settings.soak });
      rows.push(...soak.rows);
      invalid.push(...soak.invalid);
      details.soak = soak.details;
    } else {
      log('import: full imports alternating with the better-sqlite3 ceiling, re-imports, dry runs');
      const imports = await measureImports({ corpus, pages: settings.pages, work, rounds: settings.rounds });
      rows.push(...imports.rows);
      invalid.push(...imports.invalid);
      details.imports = imports.details;

      // The read measures change the database (an import runs during one of them), so PostgreSQL is
      // compared against an untouched copy.
      const reference = path.join(work, 'reference.db');
      removeSqlite(reference);
      fs.copyFileSync(imports.database, reference);

      log('reads on SQLite: Strapi against the baseline server');
      const sqliteReads = await measureReads({
        label: 'SQLite',
        database: sqliteEnv(imports.database),
        baselineFile: reference,
        rounds: settings.rounds,
        seconds: settings.seconds,
        mixSeconds: settings.mixSeconds,
        connections: settings.connections,
        duringImport: { corpora: duringImportCorpora },
      });
      rows.push(...sqliteReads.rows);
      invalid.push(...sqliteReads.invalid);
      details.sqliteReads = sqliteReads.details;

      log(`soak: ${settings.soak.seconds} s at c=${settings.soak.connections}, mixed uncached reads with the worst allowed queries`);
      const soakDatabase = path.join(work, 'soak.db');
      fs.copyFileSync(reference, soakDatabase);
      const soak = await measureSoak({ database: sqliteEnv(soakDatabase), ...settings.soak });
      rows.push(...soak.rows);
      invalid.push(...soak.invalid);
      details.soak = soak.details;

      if (!args.includes('--no-postgres')) {
        log('reads on PostgreSQL: the same corpus imported into a scratch database');
        const postgres = await createPostgresDatabase();
        try {
          const run = await importOnce(corpus, postgres.env, 'publish');
          if (run.failed > 0) invalid.push(`PostgreSQL import: ${run.failed} documents failed`);
          rows.push({
            section: 'Import',
            measure: `${settings.pages} pages with publish into PostgreSQL, docs/s`,
            a: (settings.pages / run.seconds).toFixed(1),
            b: '',
            ratio: null,
            target: '',
            met: null,
          });
          const postgresReads = await measureReads({
            label: 'PostgreSQL',
            database: postgres.env,
            reference: { label: 'Strapi on SQLite', database: sqliteEnv(reference) },
            rounds: settings.rounds,
            seconds: settings.seconds,
            connections: [50],
          });
          rows.push(...postgresReads.rows);
          invalid.push(...postgresReads.invalid);
          details.postgresReads = postgresReads.details;
        } finally {
          await postgres.drop();
        }
      }

      if (args.includes('--scale')) {
        log(`scale: ${SCALE_PAGES} pages`);
        const scale = await measureScale({
          work,
          pages: SCALE_PAGES,
          small: { database: reference, pages: settings.pages, peakRss: Math.max(...(imports.details.imports as Array<{ peakRss: number }>).map((run) => run.peakRss)) },
          rounds: settings.rounds,
          seconds: settings.seconds,
          mixSeconds: settings.mixSeconds,
        });
        rows.push(...scale.rows);
        invalid.push(...scale.invalid);
        details.scale = scale.details;
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  const results: Results = {
    machine: machine(),
    command: `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`,
    startedAt: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    rows,
    details,
    invalid,
  };
  // A soak or search run alone is a check of its own; it does not replace the full run's results.
  const output = path.join(ROOT, 'bench', 'results', args.includes('--search-only') ? 'search.json' : args.includes('--soak-only') ? 'soak.json' : 'latest.json');
  fs.writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(rows));
  console.log(`\n${results.command} on ${String(results.machine.cores)} × ${String(results.machine.cpu)}, ${results.seconds} s; written to ${path.relative(ROOT, output)}`);
  if (invalid.length > 0) {
    console.log(`\nINVALID (measured nothing):\n${invalid.map((line) => `- ${line}`).join('\n')}`);
    process.exitCode = 1;
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
