import { measureMix } from './sections/mix';
import { startBaseline, startStrapiServer } from './sections/reads';

/**
 * `node -r esbuild-register bench/reader-mix.ts DBFILE [SECONDS] [ROUNDS]` (compile first, e.g.
 * with `npm run import -- --help`): the bench's reader mix (bench/sections/mix.ts) against Strapi,
 * with its response cache, and the baseline, both on the SQLite file DBFILE (an imported corpus;
 * the editor's publishes write to it). Prints the row the bench would print. The full bench runs
 * the same at 2,000 articles, and at 20,000 with --scale.
 */
const main = async () => {
  const [filename, seconds = '15', rounds = '1'] = process.argv.slice(2);
  if (filename === undefined) throw new Error('usage: node -r esbuild-register bench/reader-mix.ts DBFILE [SECONDS] [ROUNDS]');
  const strapi = await startStrapiServer({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename });
  const baseline = await startBaseline(filename);
  try {
    const mix = await measureMix({ label: 'SQLite', filename, strapi, baseline, rounds: Number(rounds), seconds: Number(seconds), connections: 50 });
    console.log(JSON.stringify({ ...mix.row, invalid: mix.invalid }, null, 2));
  } finally {
    await strapi.worker.stop();
    await baseline.worker.stop();
  }
  process.exit(0);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
