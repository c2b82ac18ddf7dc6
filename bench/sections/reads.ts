import { assertSameResponses } from '../baseline/check';
import { benchmarkPaths, listPath } from '../baseline/server';
import { load, median, sideBySide, type LoadResult, type Summary, type Target } from '../lib/load';
import { freePort, startWorker, type Worker } from '../lib/processes';
import type { Row } from '../lib/results';
import { startImport } from './imports';
import { measureMix } from './mix';

export const LIST_PATH = listPath(1);

/** The fields the REST list's default populate returns, asked of GraphQL. */
const LIST_SELECTION = `
  documentId title slug summary publicationDate reporter correspondent editor locale createdAt updatedAt publishedAt
  cover { url alternativeText width height formats }
  source { publisherName url retrievedAt publisher { documentId name kind region } }
  amounts { value currency approximate text }
  quotes { text speakerTitle speaker { documentId name } }
  mentionedOrganisations { documentId name kind region }
  mentionedPersons { documentId name nameEn positions { title startDate endDate organisation { documentId name kind region } } }
  mentionedInitiatives { documentId name kind }
`;

export const graphqlListQuery = (limit: number): string =>
  `{ newsArticles(sort: ["publicationDate:desc", "documentId:asc"], pagination: { limit: ${limit} }) { ${LIST_SELECTION} } }`;

export type Server = { url: string; worker: Worker };

export const startStrapiServer = async (database: Record<string, string>): Promise<Server> => {
  const port = await freePort();
  // The load generator is one address sending thousands of requests a second: exempt from the
  // per-IP rate limit, which would otherwise answer most of them 429.
  const worker = startWorker('strapi-server', [], {
    RATE_LIMIT_EXEMPT_IPS: '127.0.0.1,::1,::ffff:127.0.0.1',
    ...database,
    HOST: '127.0.0.1',
    PORT: String(port),
  });
  await worker.next('ready');
  return { url: `http://127.0.0.1:${port}`, worker };
};

export const startBaseline = async (filename: string): Promise<Server> => {
  const port = await freePort();
  const worker = startWorker('baseline', [filename, String(port)], {});
  await worker.next('ready');
  return { url: `http://127.0.0.1:${port}`, worker };
};

type Page<T> = { data: T; meta: { pagination: { pageCount: number } } };

const getJson = async <T = unknown>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
};

export type Paths = { list: string; detail: string; organisation: string };

/** Real paths on this database: the newest article's slug and the organisation with the most people. */
export const pickPaths = async (url: string): Promise<Paths> => {
  const list = await getJson<Page<Array<{ slug: string }>>>(`${url}${LIST_PATH}`);
  const slug = list.data[0].slug;
  let best = { documentId: '', people: -1 };
  for (let page = 1; ; page += 1) {
    const organisations = await getJson<Page<Array<{ documentId: string; people: unknown[] }>>>(
      `${url}/api/organisations?fields[0]=name&populate[people][fields][0]=name&sort[0]=id:asc&pagination[pageSize]=100&pagination[page]=${page}`
    );
    for (const organisation of organisations.data) {
      if (organisation.people.length > best.people) best = { documentId: organisation.documentId, people: organisation.people.length };
    }
    if (page >= organisations.meta.pagination.pageCount) break;
  }
  return { list: LIST_PATH, detail: `/api/news-articles?filters[slug][$eq]=${encodeURIComponent(slug)}`, organisation: `/api/organisations/${best.documentId}` };
};

const graphqlTarget = (url: string, limit: number): Target => ({
  url: `${url}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: graphqlListQuery(limit) }),
});

const describe = (summary: Summary) => `${summary.requestsPerSecond.toFixed(0)} req/s, p50 ${summary.p50} ms, p99 ${summary.p99} ms`;

const checkValid = (label: string, summary: Summary, invalid: string[]) => {
  if (summary.non2xx > 0 || summary.errors > 0) invalid.push(`${label}: ${summary.non2xx} non-2xx responses, ${summary.errors} errors`);
};

/** Statements the server ran for one request, counted by its knex query events. */
const statementsFor = async (server: Server, request: () => Promise<unknown>): Promise<number> => {
  await server.worker.ask('reset-statements');
  await request();
  return (await server.worker.ask('statements')).statements as number;
};

const rss = async (server: Server) => (await server.worker.ask('memory')).rss as number;

export type ReadOptions = {
  label: string;
  database: Record<string, string>;
  /** The SQLite file the baseline server reads; absent on PostgreSQL. */
  baselineFile?: string;
  /** The same reads on another server, for the PostgreSQL against SQLite comparison. */
  reference?: { label: string; database: Record<string, string> };
  rounds: number;
  seconds: number;
  /** Each turn of the reader mix, when there is one (see bench/run.ts). */
  mixSeconds?: number;
  connections: number[];
  duringImport?: { corpora: string[] };
};

export type ReadMeasures = { rows: Row[]; details: Record<string, unknown>; invalid: string[] };

export const measureReads = async (options: ReadOptions): Promise<ReadMeasures> => {
  const { label, rounds, seconds } = options;
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const invalid: string[] = [];
  const server = await startStrapiServer(options.database);
  const other =
    options.baselineFile !== undefined
      ? { name: 'baseline', server: await startBaseline(options.baselineFile) }
      : options.reference !== undefined
        ? { name: options.reference.label, server: await startStrapiServer(options.reference.database) }
        : null;
  try {
    // Against the baseline, the article with the most links and the organisation with the most
    // people; elsewhere the same kind of pages, found through the API.
    const paths = options.baselineFile !== undefined ? benchmarkPaths(options.baselineFile) : await pickPaths(server.url);
    details.paths = paths;
    if (other?.name === 'baseline' && options.baselineFile !== undefined) {
      try {
        const checked = benchmarkPaths(options.baselineFile);
        await assertSameResponses(server.url, other.server.url, [checked.list, checked.detail, checked.organisation, checked.person, checked.mentioning]);
        details.sameResponses = 'deep-equal for list, detail, organisation, person and filtered list before timing';
      } catch (error) {
        // The timings still run so the table is complete, but a comparison of different answers measures nothing.
        invalid.push(`${label}: Strapi and the baseline answer differently: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const restList = (size: number) => () => getJson(`${server.url}/api/news-articles?sort[0]=publicationDate:desc&pagination[pageSize]=${size}`);
    const graphqlList = (size: number) => async () => {
      const target = graphqlTarget(server.url, size);
      const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
      if (response.status !== 200) throw new Error(`GraphQL answered ${response.status}`);
      return response.json();
    };
    // Counted before any load, so no request still in flight adds to the count. A list of 20 goes
    // first: a server's first request of a kind runs statements its later ones do not.
    await statementsFor(server, restList(20));
    await statementsFor(server, graphqlList(20));
    for (const [api, list] of [
      ['REST', restList],
      ['GraphQL', graphqlList],
    ] as const) {
      const ten = await statementsFor(server, list(10));
      const hundred = await statementsFor(server, list(100));
      rows.push({
        section: `SQL ${label}`,
        measure: `${api} statements per list request, 100 articles (B: 10 articles)`,
        a: String(hundred),
        b: String(ten),
        ratio: hundred / ten,
        target: '= 1.00× (no N+1)',
        met: hundred === ten,
      });
    }

    const warmUp = Math.max(1, Math.round(seconds / 2));
    for (const path of Object.values(paths)) {
      await load({ url: `${server.url}${path}` }, 10, warmUp);
      if (other !== null) await load({ url: `${other.server.url}${path}` }, 10, warmUp);
    }
    await load(graphqlTarget(server.url, 25), 10, warmUp);
    const rssAfterWarmUp = await rss(server);

    const pages: Array<[keyof Paths, string]> = [
      ['list', 'article list, page of 25'],
      ['detail', 'article detail by slug'],
      ['organisation', 'organisation with its people'],
    ];
    const otherPaths = other === null ? null : other.name === 'baseline' ? paths : await pickPaths(other.server.url);
    for (const [key, title] of pages) {
      for (const connections of options.connections) {
        const strapiRun = () => load({ url: `${server.url}${paths[key]}` }, connections, seconds);
        if (other === null || otherPaths === null) {
          const runs: LoadResult[] = [];
          for (let round = 0; round < rounds; round += 1) runs.push(await strapiRun());
          const summary = { ...runs[0], requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), rounds: runs };
          rows.push({ section: `REST ${label}`, measure: `${title}, c=${connections}`, a: describe(summary), b: '', ratio: null, target: '', met: null });
          continue;
        }
        const result = await sideBySide(strapiRun, () => load({ url: `${other.server.url}${otherPaths[key]}` }, connections, seconds), rounds);
        checkValid(`${label} ${key} c=${connections} Strapi`, result.a, invalid);
        checkValid(`${label} ${key} c=${connections} ${other.name}`, result.b, invalid);
        details[`${key}-c${connections}`] = result;
        const ratio = result.a.requestsPerSecond / result.b.requestsPerSecond;
        const isTargeted = other.name === 'baseline' && key === 'list' && connections === 50;
        const p99Ratio = result.a.p99 / Math.max(result.b.p99, 1);
        rows.push({
          section: `REST ${label}`,
          measure: `${title}, c=${connections} (B: ${other.name})`,
          a: describe(result.a),
          b: describe(result.b),
          ratio,
          target: isTargeted ? '≥ 0.5× req/s, p99 ≤ 2×' : '',
          met: isTargeted ? ratio >= 0.5 && p99Ratio <= 2 : null,
        });
      }
    }

    const graphqlVsRest = await sideBySide(
      () => load(graphqlTarget(server.url, 25), 50, seconds),
      () => load({ url: `${server.url}${paths.list}` }, 50, seconds),
      rounds
    );
    checkValid(`${label} GraphQL list`, graphqlVsRest.a, invalid);
    details.graphqlVsRest = graphqlVsRest;
    const graphqlRatio = graphqlVsRest.a.requestsPerSecond / graphqlVsRest.b.requestsPerSecond;
    rows.push({
      section: `GraphQL ${label}`,
      measure: 'article list, 25 with the same selection, c=50 (B: REST)',
      a: describe(graphqlVsRest.a),
      b: describe(graphqlVsRest.b),
      ratio: graphqlRatio,
      target: '≥ 0.8×',
      met: graphqlRatio >= 0.8,
    });

    if (other?.name === 'baseline') rows.push(await uncachedListCost(options, other.server, paths.list, invalid, details));

    if (options.duringImport !== undefined) {
      const idle: LoadResult[] = [];
      const busy: LoadResult[] = [];
      for (let round = 0; round < rounds; round += 1) {
        idle.push(await load({ url: `${server.url}${paths.list}` }, 10, seconds));
        const corpus = options.duringImport.corpora[round % options.duringImport.corpora.length];
        const running = await startImport(corpus, options.database);
        busy.push(await load({ url: `${server.url}${paths.list}` }, 10, seconds));
        await running.kill();
      }
      const idleRate = median(idle.map((r) => r.requestsPerSecond));
      const busyRate = median(busy.map((r) => r.requestsPerSecond));
      const failures = [...idle, ...busy].reduce((sum, r) => sum + r.non2xx + r.errors, 0);
      if (failures > 0) invalid.push(`${label} reads during import: ${failures} failed requests`);
      details.duringImport = { idle, busy };
      rows.push({
        section: `REST ${label}`,
        measure: 'article list c=10 during an import (B: idle)',
        a: `${busyRate.toFixed(0)} req/s, p50 ${median(busy.map((r) => r.p50))} ms`,
        b: `${idleRate.toFixed(0)} req/s, p50 ${median(idle.map((r) => r.p50))} ms`,
        ratio: busyRate / idleRate,
        target: '≥ 0.5×',
        met: busyRate / idleRate >= 0.5,
      });
    }

    if (other?.name === 'baseline' && options.baselineFile !== undefined) {
      const mix = await measureMix({ label, filename: options.baselineFile, strapi: server, baseline: other.server, rounds, seconds: options.mixSeconds ?? seconds, connections: 50 });
      rows.push(mix.row);
      invalid.push(...mix.invalid);
      details.mix = mix.details;
    }

    const rssAfterLoad = await rss(server);
    details.memory = { rssAfterWarmUp, rssAfterLoad };
    rows.push({
      section: `Memory ${label}`,
      measure: 'Strapi server RSS after the load (B: after warm-up)',
      a: `${(rssAfterLoad / 2 ** 20).toFixed(0)} MiB`,
      b: `${(rssAfterWarmUp / 2 ** 20).toFixed(0)} MiB`,
      ratio: rssAfterLoad / rssAfterWarmUp,
      target: '',
      met: null,
    });
  } finally {
    await server.worker.stop();
    await other?.server.worker.stop();
  }
  return { rows, details, invalid };
};

/**
 * What a list costs when the response cache cannot answer it (a URL no reader asked for since the
 * last publish): Strapi with the cache off against the baseline, one request at a time, so the time
 * per request is the work one request costs.
 */
const uncachedListCost = async (options: ReadOptions, baseline: Server, path: string, invalid: string[], details: Record<string, unknown>): Promise<Row> => {
  const uncached = await startStrapiServer({ ...options.database, RESPONSE_CACHE: 'false' });
  try {
    await load({ url: `${uncached.url}${path}` }, 1, Math.max(1, Math.round(options.seconds / 2)));
    const result = await sideBySide(
      () => load({ url: `${uncached.url}${path}` }, 1, options.seconds),
      () => load({ url: `${baseline.url}${path}` }, 1, options.seconds),
      options.rounds
    );
    checkValid(`${options.label} uncached list Strapi`, result.a, invalid);
    checkValid(`${options.label} uncached list baseline`, result.b, invalid);
    details.uncachedList = result;
    const cost = result.b.requestsPerSecond / result.a.requestsPerSecond;
    const perRequest = (summary: Summary) => `${(1000 / summary.requestsPerSecond).toFixed(1)} ms per request`;
    return {
      section: `REST ${options.label}`,
      measure: 'article list, page of 25, response cache off, c=1 (B: baseline)',
      a: perRequest(result.a),
      b: perRequest(result.b),
      ratio: cost,
      target: '≤ 3× the time',
      met: cost <= 3,
    };
  } finally {
    await uncached.worker.stop();
  }
};
