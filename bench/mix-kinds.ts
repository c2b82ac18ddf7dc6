import { readerMix } from './sections/mix';
import { startBaseline, startStrapiServer, type Server } from './sections/reads';

/**
 * `node -r esbuild-register bench/mix-kinds.ts DBFILE [REQUESTS]` (compile first, e.g. with `npm run
 * import -- --help`): where the reader mix's time goes. Draws REQUESTS paths (default 200) from the
 * bench's reader mix on the SQLite file DBFILE, and reads each once, one at a time, from Strapi with
 * its response cache off and from the baseline, then prints the time per kind of request. Not a
 * benchmark (one pass, no load); it says which kind of page a slow mix is slow on.
 */

const KINDS = ['article', 'list', 'organisation', 'person', 'mentioning'] as const;
type Kind = (typeof KINDS)[number];

const kindOf = (path: string): Kind => {
  if (path.includes('mentionedOrganisations')) return 'mentioning';
  if (path.startsWith('/api/organisations/')) return 'organisation';
  if (path.startsWith('/api/people/')) return 'person';
  return path.includes('filters[slug]') ? 'article' : 'list';
};

const timeEach = async (server: Server, paths: string[]): Promise<Map<Kind, number[]>> => {
  const times = new Map<Kind, number[]>(KINDS.map((kind) => [kind, []]));
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    times.get(kindOf(path))?.push(performance.now() - started);
  }
  return times;
};

const main = async () => {
  const [filename, requests = '200'] = process.argv.slice(2);
  if (filename === undefined) throw new Error('usage: node -r esbuild-register bench/mix-kinds.ts DBFILE [REQUESTS]');
  const strapi = await startStrapiServer({ DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename, RESPONSE_CACHE: 'false' });
  const baseline = await startBaseline(filename);
  try {
    const mix = readerMix(filename, 7);
    const paths = Array.from({ length: Number(requests) }, () => mix.next());
    for (const [name, server] of [
      ['Strapi', strapi],
      ['baseline', baseline],
    ] as const) {
      for (const [kind, times] of await timeEach(server, paths)) {
        if (times.length === 0) continue;
        const sorted = [...times].sort((a, b) => a - b);
        const mean = sorted.reduce((sum, time) => sum + time, 0) / sorted.length;
        const p50 = sorted[Math.floor(sorted.length / 2)];
        console.log(`${name.padEnd(9)} ${kind.padEnd(13)} n ${String(sorted.length).padStart(4)}  mean ${mean.toFixed(1).padStart(7)} ms  p50 ${p50.toFixed(1).padStart(7)} ms  max ${sorted[sorted.length - 1].toFixed(1).padStart(7)} ms`);
      }
    }
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
