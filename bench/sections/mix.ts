import autocannon from 'autocannon';
import { assertSameResponses } from '../baseline/check';
import {
  busiestOrganisations,
  detailPath,
  listPageCount,
  listPath,
  mentioningPath,
  mostMentionedOrganisations,
  mostMentionedPeople,
  newestSlugs,
  organisationPath,
  personPath,
} from '../baseline/server';
import { median, type LoadResult } from '../lib/load';
import type { Row } from '../lib/results';
import type { Server } from './reads';

/**
 * Readers of a large newsroom, replayed: most ask for one article, a few articles (the newest) far
 * more than the rest (Zipf), some page through the list (pages 1 to 50, the first ones most), some
 * open an organisation's or a person's page, or the news that mention an organisation (a filtered
 * list), the most mentioned ones most; and an editor publishes every ten seconds, which makes
 * cached responses stale. The same seeded stream of requests goes to Strapi and to the baseline.
 */

const SHARES = { article: 0.5, list: 0.2, organisation: 0.1, person: 0.1, mentioning: 0.1 };
const MAX_LIST_PAGE = 50;
const PUBLISH_EVERY_MS = 10_000;
/** Paths of the stream whose answers are compared before timing. */
const SAMPLE = 60;

/** mulberry32: a small seeded generator, so both sides get the same sequence of requests. */
const random = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1). */
const zipf = (n: number, next: () => number): (() => number) => {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank += 1) {
    total += 1 / (rank + 1);
    cumulative[rank] = total;
  }
  return () => {
    const target = next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
};

export type ReaderMix = { next: () => string; articles: number; organisations: number; people: number; listPages: number };

/** The share of requests up to and including `kind`, in the order of SHARES. */
const upTo = (kind: keyof typeof SHARES): number => {
  let total = 0;
  for (const [name, share] of Object.entries(SHARES)) {
    total += share;
    if (name === kind) break;
  }
  return total;
};

/** The stream of paths, from what the database holds. */
export const readerMix = (filename: string, seed: number): ReaderMix => {
  const slugs = newestSlugs(filename, 1_000_000);
  const organisations = busiestOrganisations(filename, 1_000_000);
  const people = mostMentionedPeople(filename, 1_000_000);
  const mentioned = mostMentionedOrganisations(filename, 1_000_000);
  const listPages = Math.min(MAX_LIST_PAGE, listPageCount(filename));
  if (slugs.length === 0 || organisations.length === 0 || people.length === 0 || mentioned.length === 0) {
    throw new Error(`${filename} has no published article, organisation or person for the reader mix`);
  }
  const next = random(seed);
  const article = zipf(slugs.length, next);
  const organisation = zipf(organisations.length, next);
  const person = zipf(people.length, next);
  const mentioning = zipf(mentioned.length, next);
  const page = zipf(listPages, next);
  return {
    articles: slugs.length,
    organisations: organisations.length,
    people: people.length,
    listPages,
    next: () => {
      const kind = next();
      if (kind < upTo('article')) return detailPath(slugs[article()]);
      if (kind < upTo('list')) return listPath(page() + 1);
      if (kind < upTo('organisation')) return organisationPath(organisations[organisation()]);
      if (kind < upTo('person')) return personPath(people[person()]);
      // Most readers of an organisation's news stay on its first page.
      return mentioningPath(mentioned[mentioning()], 1);
    },
  };
};

type MixResult = LoadResult & {
  hits: number;
  responses: number;
  publishes: number;
  failedPublishes: string[];
  /** autocannon's own percentiles, which count each connection's first request too. */
  withConnectionStart: { p50: number; p99: number };
};

/** A response header, whatever its case: autocannon hands the headers over as the server spelt them. */
const headerOf = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return String(value);
  return undefined;
};

const percentile = (sorted: number[], share: number): number => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]);

/**
 * The mix against one server for `seconds`, with the editor publishing through `publisher` meanwhile.
 *
 * The latencies are those of readers on open connections. All the connections open at once, and a
 * Node server whose event loop is busy takes new connections one at a time between turns (a trivial
 * node:http server spending 20 ms per request took 25 of 50 connections in 5 s): each connection's
 * first request waits for that, seconds on the slower side and past autocannon's default timeout,
 * which says how fast the load generator ramps up, not how fast readers are served. So the first
 * answer on each connection is left out of the percentiles (autocannon's own, which count it, are
 * kept in the details), and the timeout is long enough for it not to count as an error.
 */
const runMix = async (url: string, mix: ReaderMix, publisher: Server, connections: number, seconds: number): Promise<MixResult> => {
  let hits = 0;
  let responses = 0;
  let publishes = 0;
  const latencies: number[] = [];
  const failedPublishes: string[] = [];
  const publish = async () => {
    const reply = await publisher.worker.ask('publish');
    if (reply.error === undefined) publishes += 1;
    else failedPublishes.push(String(reply.error));
  };
  // Once as the readers arrive, so even a short run has a publish in it, then every ten seconds.
  void publish();
  const publishing = setInterval(() => void publish(), PUBLISH_EVERY_MS);
  try {
    const run = autocannon({
      url,
      connections,
      duration: seconds,
      timeout: 60,
      requests: [
        {
          method: 'GET',
          setupRequest: (request: Record<string, unknown>) => ({ ...request, path: mix.next() }),
          onResponse: (_status: number, _body: string, _context: unknown, headers: Record<string, unknown> | undefined) => {
            responses += 1;
            if (headerOf(headers, 'x-response-cache') === 'hit') hits += 1;
          },
        },
      ],
    } as never) as unknown as PromiseLike<autocannon.Result> & { on: (event: 'response', listener: (client: object, status: number, bytes: number, milliseconds: number) => void) => void };
    // autocannon names the connection (its client) with each response; the context it hands to
    // onResponse is renewed for every request, so it cannot tell a connection's first answer.
    const answered = new WeakMap<object, number>();
    run.on('response', (client, _status, _bytes, milliseconds) => {
      const count = (answered.get(client) ?? 0) + 1;
      answered.set(client, count);
      if (count > 1) latencies.push(milliseconds);
    });
    const result = await run;
    latencies.sort((a, b) => a - b);
    return {
      requestsPerSecond: result.requests.total / seconds,
      p50: Math.round(percentile(latencies, 0.5)),
      p99: Math.round(percentile(latencies, 0.99)),
      non2xx: result.non2xx,
      errors: result.errors,
      hits,
      responses,
      publishes,
      failedPublishes,
      withConnectionStart: { p50: result.latency.p50, p99: result.latency.p99 },
    };
  } finally {
    clearInterval(publishing);
  }
};

/**
 * Strapi (with its response cache, as deployed) and the baseline take turns on the same mix, each
 * round the same seeded stream; each side's figures are the median of its rounds.
 */
export const measureMix = async (options: {
  label: string;
  filename: string;
  strapi: Server;
  baseline: Server;
  rounds: number;
  seconds: number;
  connections: number;
}): Promise<{ row: Row; details: Record<string, unknown>; invalid: string[] }> => {
  const { label, filename, strapi, baseline, rounds, seconds, connections } = options;
  const strapiRounds: MixResult[] = [];
  const baselineRounds: MixResult[] = [];
  const described = readerMix(filename, 0);
  const invalid: string[] = [];
  // The two must give the same answers for the comparison to mean anything: a sample of the stream is checked first.
  const sample = Array.from({ length: SAMPLE }, described.next);
  try {
    await assertSameResponses(strapi.url, baseline.url, [...new Set(sample)]);
  } catch (error) {
    invalid.push(`${label} reader mix: Strapi and the baseline answer differently: ${error instanceof Error ? error.message : String(error)}`);
  }
  // A deployed server has been answering readers for a while: both start warm.
  await runMix(strapi.url, readerMix(filename, 1), strapi, connections, Math.max(1, Math.round(seconds / 2)));
  await runMix(baseline.url, readerMix(filename, 1), strapi, connections, Math.max(1, Math.round(seconds / 2)));
  for (let round = 0; round < rounds; round += 1) {
    // The editor publishes through Strapi in both turns: the baseline reads the same database file.
    strapiRounds.push(await runMix(strapi.url, readerMix(filename, 20261201 + round), strapi, connections, seconds));
    baselineRounds.push(await runMix(baseline.url, readerMix(filename, 20261201 + round), strapi, connections, seconds));
  }
  invalid.push(
    ...[...strapiRounds.map((r) => ['Strapi', r] as const), ...baselineRounds.map((r) => ['baseline', r] as const)]
    .filter(([, r]) => r.non2xx > 0 || r.errors > 0 || r.failedPublishes.length > 0 || r.publishes === 0)
    .map(([side, r]) => `${label} reader mix ${side}: ${r.non2xx} non-2xx responses, ${r.errors} errors, ${r.publishes} publishes, failed publishes: ${r.failedPublishes.join('; ') || 'none'}`)
  );
  const summary = (runs: MixResult[]) => ({
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    hitRate: median(runs.map((r) => (r.responses === 0 ? 0 : r.hits / r.responses))),
  });
  const a = summary(strapiRounds);
  const b = summary(baselineRounds);
  const ratio = a.requestsPerSecond / b.requestsPerSecond;
  const p99Ratio = a.p99 / Math.max(b.p99, 1);
  return {
    row: {
      section: `Mix ${label}`,
      measure: `reader mix at ${described.articles} articles (Zipf articles ${SHARES.article * 100}%, list pages 1–${described.listPages} ${SHARES.list * 100}%, organisations ${SHARES.organisation * 100}%, people ${SHARES.person * 100}%, news mentioning an organisation ${SHARES.mentioning * 100}%), c=${connections}, a publish every 10 s (B: baseline)`,
      a: `${a.requestsPerSecond.toFixed(0)} req/s, p50 ${a.p50} ms, p99 ${a.p99} ms, ${(a.hitRate * 100).toFixed(0)}% cache hits`,
      b: `${b.requestsPerSecond.toFixed(0)} req/s, p50 ${b.p50} ms, p99 ${b.p99} ms`,
      ratio,
      target: '≥ 0.5× req/s, p99 ≤ 2×',
      met: ratio >= 0.5 && p99Ratio <= 2,
    },
    details: { strapi: strapiRounds, baseline: baselineRounds },
    invalid,
  };
};
