import autocannon from 'autocannon';

export type Target = { url: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> };

export type LoadResult = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number };

/** Requests as many as it can at a fixed concurrency for a fixed time. Latencies are in milliseconds. */
export const load = async (target: Target, connections: number, seconds: number): Promise<LoadResult> => {
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    body: target.body,
    headers: target.headers,
    connections,
    duration: seconds,
  });
  return {
    requestsPerSecond: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    // autocannon counts its timeouts among the errors.
    errors: result.errors,
  };
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export type Summary = LoadResult & { rounds: LoadResult[] };

const summarise = (rounds: LoadResult[]): Summary => ({
  requestsPerSecond: median(rounds.map((round) => round.requestsPerSecond)),
  p50: median(rounds.map((round) => round.p50)),
  p99: median(rounds.map((round) => round.p99)),
  non2xx: rounds.reduce((sum, round) => sum + round.non2xx, 0),
  errors: rounds.reduce((sum, round) => sum + round.errors, 0),
  rounds,
});

/**
 * A and B take turns (A, B, A, B, ...) so that a slow moment of the machine hits both, and each
 * side's figures are the median of its rounds.
 */
export const sideBySide = async (
  a: () => Promise<LoadResult>,
  b: () => Promise<LoadResult>,
  rounds: number
): Promise<{ a: Summary; b: Summary }> => {
  const resultsA: LoadResult[] = [];
  const resultsB: LoadResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    resultsA.push(await a());
    resultsB.push(await b());
  }
  return { a: summarise(resultsA), b: summarise(resultsB) };
};
