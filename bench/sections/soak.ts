import autocannon from 'autocannon';
import { seededRandom, type Random } from '../corpus';
import type { Row } from '../lib/results';
import { WORST_GRAPHQL, WORST_REST } from '../lib/worst-queries';
import { startStrapiServer, type Server } from './reads';

/**
 * The public API under a long mixed load that the response cache cannot help with: list pages at
 * varied pages, sizes, sorts and filters, detail pages by slug, organisations and people, GraphQL
 * lists, and the most expensive REST and GraphQL queries the public limits still allow. The cache
 * is off, so every request reaches the database. A healthy server answers all of it (0 errors, no
 * 429: the load generator's address is exempt from the rate limit, see startStrapiServer) and its memory levels off.
 */

export type SoakOptions = { database: Record<string, string>; seconds: number; warmUpSeconds: number; connections: number };

export type SoakResult = { rows: Row[]; details: Record<string, unknown>; invalid: string[] };


export type Known = { slugs: string[]; organisations: string[]; persons: string[]; titleCharacters: string[] };

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
};

/** Slugs, ids and words that exist on this database, so detail and filter requests find something. */
export const discover = async (url: string): Promise<Known> => {
  const known: Known = { slugs: [], organisations: [], persons: [], titleCharacters: [] };
  for (let page = 1; page <= 20; page += 1) {
    const list = await getJson<{ data: Array<{ slug: string; title: string }>; meta: { pagination: { pageCount: number } } }>(
      `${url}/api/news-articles?fields[0]=slug&fields[1]=title&populate=&pagination[pageSize]=100&pagination[page]=${page}`
    );
    for (const article of list.data) {
      known.slugs.push(article.slug);
      known.titleCharacters.push(...[...article.title].filter((character) => /\p{Script=Han}/u.test(character)).slice(0, 3));
    }
    if (page >= list.meta.pagination.pageCount) break;
  }
  const organisations = await getJson<{ data: Array<{ documentId: string }> }>(`${url}/api/organisations?fields[0]=name&populate=&pagination[pageSize]=100`);
  known.organisations = organisations.data.map((row) => row.documentId);
  const persons = await getJson<{ data: Array<{ name: string }> }>(`${url}/api/people?fields[0]=name&populate=&pagination[pageSize]=100`);
  known.persons = persons.data.map((row) => row.name);
  return known;
};

type Request = { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };

const graphql = (query: string): Request => ({ method: 'POST', path: '/graphql', body: JSON.stringify({ query }), headers: { 'content-type': 'application/json' } });

type Kind = { name: string; weight: number; make: (random: Random, known: Known) => Request };

const q = encodeURIComponent;

/** The mix, by weight out of 100; the worst allowed queries are one request in twenty. */
export const MIX: Kind[] = [
  {
    name: 'REST list page, varied sort, page and size',
    weight: 25,
    make: (random) => {
      const sort = random.pick(['publicationDate:desc', 'publicationDate:asc', 'title:asc', 'updatedAt:desc']);
      return { method: 'GET', path: `/api/news-articles?sort=${q(sort)}&pagination[page]=${random.int(1, 40)}&pagination[pageSize]=${random.pick([10, 25, 50])}` };
    },
  },
  { name: 'REST detail by slug', weight: 15, make: (random, known) => ({ method: 'GET', path: `/api/news-articles?filters[slug][$eq]=${q(random.pick(known.slugs))}` }) },
  {
    name: 'REST title search',
    weight: 10,
    make: (random, known) => ({ method: 'GET', path: `/api/news-articles?filters[title][$containsi]=${q(random.pick(known.titleCharacters))}&pagination[page]=${random.int(1, 3)}` }),
  },
  { name: 'REST articles mentioning a person', weight: 8, make: (random, known) => ({ method: 'GET', path: `/api/news-articles?filters[mentionedPersons][name][$eq]=${q(random.pick(known.persons))}` }) },
  { name: 'REST organisation page', weight: 8, make: (random, known) => ({ method: 'GET', path: `/api/organisations/${random.pick(known.organisations)}` }) },
  { name: 'REST people list', weight: 6, make: (random) => ({ method: 'GET', path: `/api/people?pagination[page]=${random.int(1, 20)}&sort=name:asc` }) },
  {
    name: 'GraphQL list page',
    weight: 8,
    make: (random) =>
      graphql(
        `{ newsArticles(sort: "publicationDate:desc", pagination: { page: ${random.int(1, 40)}, pageSize: ${random.pick([10, 25])} }) { documentId title slug mentionedPersons { name positions { title organisation { name } } } } }`
      ),
  },
  {
    name: 'GraphQL detail by slug',
    weight: 8,
    make: (random, known) => graphql(`{ newsArticles(filters: { slug: { eq: ${JSON.stringify(random.pick(known.slugs))} } }) { title body quotes { text speaker { name } } } }`),
  },
  { name: 'GraphQL organisations with people', weight: 7, make: (random) => graphql(`{ organisations(pagination: { page: ${random.int(1, 10)}, pageSize: 25 }) { name people { name } } }`) },
  { name: 'REST worst allowed', weight: 2.5, make: () => ({ method: 'GET', path: WORST_REST }) },
  { name: 'GraphQL worst allowed', weight: 2.5, make: () => graphql(WORST_GRAPHQL) },
];

const nextRequest = (random: Random, known: Known): Request => {
  let pick = random.next() * MIX.reduce((sum, kind) => sum + kind.weight, 0);
  for (const kind of MIX) {
    pick -= kind.weight;
    if (pick < 0) return kind.make(random, known);
  }
  return MIX[MIX.length - 1].make(random, known);
};

type Load = { requests: number; non2xx: number; errors: number; timeouts: number; p50: number; p99: number; statusCodes: Record<string, number> };

const mixedLoad = async (url: string, known: Known, seconds: number, connections: number, seed: number): Promise<Load> => {
  const random = seededRandom(seed);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request: autocannon.Request): autocannon.Request => ({ ...request, ...nextRequest(random, known) }) }],
  });
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    // autocannon's errors include its timeouts.
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCodes: result.statusCodeStats as unknown as Record<string, number>,
  };
};

const rss = async (server: Server): Promise<number> => (await server.worker.ask('memory')).rss as number;

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * Every kind of request in the mix, the worst allowed queries included, must be answered (all are
 * allowed): one the server refuses would make the soak count refusals instead of measuring reads.
 */
const checkMixAnswered = async (url: string, known: Known): Promise<string[]> => {
  const problems: string[] = [];
  const random = seededRandom(0);
  for (const kind of MIX) {
    const request = kind.make(random, known);
    const response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
    const text = await response.text();
    const errors = request.path === '/graphql' && response.status === 200 ? (JSON.parse(text) as { errors?: unknown }).errors : undefined;
    if (response.status !== 200 || errors !== undefined) problems.push(`soak: "${kind.name}" answered ${response.status}: ${text.slice(0, 200)}`);
  }
  return problems;
};

export const measureSoak = async (options: SoakOptions): Promise<SoakResult> => {
  const server = await startStrapiServer({ ...options.database, RESPONSE_CACHE: 'false' });
  try {
    const known = await discover(server.url);
    const invalid = await checkMixAnswered(server.url, known);
    const warmUp = await mixedLoad(server.url, known, options.warmUpSeconds, options.connections, 1);
    const rssWarm = await rss(server);
    const soak = await mixedLoad(server.url, known, options.seconds, options.connections, 2);
    const rssEnd = await rss(server);
    const growth = rssEnd / rssWarm;
    const failures = soak.non2xx + soak.errors + warmUp.non2xx + warmUp.errors;
    if (failures > 0) {
      invalid.push(`soak: ${soak.non2xx} non-2xx responses and ${soak.errors} errors, ${soak.timeouts} of them timeouts after 10 s (status codes ${JSON.stringify(soak.statusCodes)})`);
    }
    const label = `${options.seconds} s at c=${options.connections}, mixed uncached reads with the worst allowed queries`;
    const rows: Row[] = [
      { section: 'Soak', measure: `${label}: requests, errors`, a: String(soak.requests), b: String(soak.non2xx + soak.errors), ratio: null, target: '0 errors', met: soak.non2xx + soak.errors === 0 },
      { section: 'Soak', measure: `${label}: p50 / p99 ms`, a: String(soak.p50), b: String(soak.p99), ratio: null, target: '', met: null },
      { section: 'Soak', measure: 'server RSS after the soak against after warm-up', a: mib(rssEnd), b: mib(rssWarm), ratio: growth, target: '≤ 1.1×', met: growth <= 1.1 },
    ];
    return { rows, invalid, details: { warmUp, soak, rssWarm, rssEnd } };
  } finally {
    await server.worker.stop();
  }
};
