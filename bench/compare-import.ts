import { execFileSync, fork } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { writeCorpus } from './corpus';

/**
 * `node -r esbuild-register bench/compare-import.ts PAGES ROUNDS CHECKOUT_A CHECKOUT_B [--postgres]`:
 * the same generated corpus imported with publish by two checkouts of the app (each compiled, with
 * its own node_modules or a hard-linked copy), alternately, each import in a fresh process on a fresh
 * database, as bench/workers/import.ts runs it. Prints each run and the ratio B/A of the medians.
 * For measuring what a change costs or gains side by side in one run, on one machine.
 */

type Done = { type: 'done'; seconds: number; documents: number; failed: number };

const freshDatabase = (postgres: boolean, label: string): Record<string, string> => {
  if (!postgres) return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(os.tmpdir(), `compare-import-${process.pid}-${label}.db`) };
  const name = `compare_import_${process.pid}_${label}`;
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-c', `drop database if exists ${name}`, '-c', `create database ${name}`], { stdio: 'ignore' });
  return { DATABASE_CLIENT: 'postgres', DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}` };
};

const importWith = (checkout: string, corpus: string, database: Record<string, string>): Promise<Done> =>
  new Promise((resolve, reject) => {
    const child = fork(path.join(checkout, 'bench', 'workers', 'import.ts'), [corpus, 'publish'], {
      cwd: checkout,
      execArgv: ['-r', 'esbuild-register'],
      env: { ...process.env, ...database, STRAPI_TELEMETRY_DISABLED: 'true', STRAPI_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.on('message', (message: Done) => {
      if (message.type === 'done') resolve(message);
    });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the import in ${checkout} exited with ${String(code)}`));
    });
  });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const main = async (): Promise<void> => {
  const [pages, rounds, a, b] = process.argv.slice(2);
  if (b === undefined) throw new Error('usage: node -r esbuild-register bench/compare-import.ts PAGES ROUNDS CHECKOUT_A CHECKOUT_B [--postgres]');
  const postgres = process.argv.includes('--postgres');
  const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'compare-import-corpus-'));
  writeCorpus(corpus, Number(pages), 20200410);
  const rates = new Map<string, number[]>([
    [a, []],
    [b, []],
  ]);
  for (let round = 0; round < Number(rounds); round += 1) {
    for (const [index, checkout] of [a, b].entries()) {
      const done = await importWith(checkout, corpus, freshDatabase(postgres, `${round}_${index}`));
      const rate = done.documents / done.seconds;
      (rates.get(checkout) as number[]).push(rate);
      console.log(`${checkout}: ${done.documents} pages, ${done.failed} failed, ${done.seconds.toFixed(1)} s, ${rate.toFixed(1)} docs/s`);
    }
  }
  const [medianA, medianB] = [median(rates.get(a) as number[]), median(rates.get(b) as number[])];
  console.log(`median docs/s: A ${medianA.toFixed(1)}, B ${medianB.toFixed(1)}; B/A ${(medianB / medianA).toFixed(3)} (${postgres ? 'PostgreSQL' : 'SQLite'})`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
