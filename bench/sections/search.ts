import path from 'path';
import { load } from '../lib/load';
import { createPostgresDatabase } from '../lib/postgres';
import { startWorker } from '../lib/processes';
import type { Row } from '../lib/results';
import { removeSqlite, sqliteEnv } from './imports';
import { startStrapiServer } from './reads';

/**
 * Search latency at scale: the search index of a fresh SQLite and PostgreSQL database filled with
 * the entries of the synthetic corpus's articles (bench/workers/search-seed.ts), then GET
 * /api/search through Strapi for queries of every kind, uncached, at a fixed concurrency.
 */

type Query = { kind: string; q: string | null };

/** The queries measured. The person's name is the corpus's first, since it draws them at random. */
const QUERIES: Query[] = [
  { kind: 'frequent word (商会)', q: '商会' },
  { kind: 'body word (捐赠)', q: '捐赠' },
  { kind: 'short form (工商联)', q: '工商联' },
  { kind: 'traditional (商會 捐贈)', q: '商會 捐贈' },
  { kind: 'person name', q: null },
  { kind: 'long query (民营企业家社会责任)', q: '民营企业家社会责任' },
  { kind: 'no match (荔枝节)', q: '荔枝节' },
];

const CONNECTIONS = 10;

/** Seeds the index; returns how long it took and a person's name from the corpus. */
const seed = async (database: Record<string, string>, pages: number): Promise<{ seconds: number; person: string }> => {
  const worker = startWorker('search-seed', [String(pages)], database);
  const done = await worker.next('done');
  await worker.stop();
  return { seconds: done.seconds as number, person: done.person as string };
};

type Measured = { label: string; kind: string; q: string; total: number; p50: number; p99: number; requestsPerSecond: number };

const measureDatabase = async (label: string, database: Record<string, string>, person: string, seconds: number, invalid: string[]): Promise<Measured[]> => {
  const server = await startStrapiServer({ ...database, RESPONSE_CACHE: 'false' });
  const results: Measured[] = [];
  try {
    for (const query of QUERIES) {
      const q = query.q ?? person;
      const url = `${server.url}/api/search?q=${encodeURIComponent(q)}&pageSize=10`;
      const first = (await (await fetch(url)).json()) as { meta?: { pagination: { total: number } } };
      await load({ url }, CONNECTIONS, 1);
      const result = await load({ url }, CONNECTIONS, seconds);
      if (result.non2xx > 0 || result.errors > 0) invalid.push(`search ${label} ${query.kind}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      results.push({ label, kind: query.kind, q, total: first.meta?.pagination.total ?? -1, p50: result.p50, p99: result.p99, requestsPerSecond: result.requestsPerSecond });
    }
  } finally {
    await server.worker.stop();
  }
  return results;
};

export const measureSearch = async (options: {
  work: string;
  pages: number;
  seconds: number;
  postgres: boolean;
}): Promise<{ rows: Row[]; details: Record<string, unknown>; invalid: string[] }> => {
  const { work, pages, seconds } = options;
  const invalid: string[] = [];
  const measured: Measured[] = [];
  const seeding: Record<string, number> = {};

  const sqliteFile = path.join(work, 'search.db');
  removeSqlite(sqliteFile);
  const sqlite = await seed(sqliteEnv(sqliteFile), pages);
  seeding.SQLite = sqlite.seconds;
  measured.push(...(await measureDatabase('SQLite', sqliteEnv(sqliteFile), sqlite.person, seconds, invalid)));

  if (options.postgres) {
    const postgres = await createPostgresDatabase();
    try {
      const seeded = await seed(postgres.env, pages);
      seeding.PostgreSQL = seeded.seconds;
      measured.push(...(await measureDatabase('PostgreSQL', postgres.env, seeded.person, seconds, invalid)));
    } finally {
      await postgres.drop();
    }
  }

  const rows: Row[] = [
    ...Object.entries(seeding).map(([database, seconds]) => ({
      section: 'Search',
      measure: `${database}: tokenising and indexing ${pages} corpus articles, docs/s`,
      a: (pages / seconds).toFixed(0),
      b: '',
      ratio: null,
      target: '',
      met: null,
    })),
    ...measured.map((entry) => ({
      section: 'Search',
      measure: `${entry.label}: ${entry.kind}, ${entry.total} hits, p50 / p99 at ${pages} articles, c=${CONNECTIONS}, uncached`,
      a: `${entry.p50} ms / ${entry.p99} ms, ${entry.requestsPerSecond.toFixed(0)} req/s`,
      b: '',
      ratio: null,
      target: '',
      met: null,
    })),
  ];
  return { rows, details: { seeding, measured }, invalid };
};
