import { fork } from 'child_process';
import path from 'path';
import { freePort } from './lib/processes';
import { WORST_GRAPHQL, WORST_REST } from './lib/worst-queries';

/**
 * Measures the known hostile public queries against a Strapi serving an existing database, for the
 * before/after figures of the hardening work (not a test: it times).
 *
 *   node -r esbuild-register bench/hostile-queries.ts DATABASE_FILE [HEAP_MB]
 *
 * The server runs in a child process with a capped heap, so a query that would eat gigabytes kills
 * the child instead of the machine; each request has a timeout, and a probe GET runs every 500 ms
 * meanwhile to show whether other readers were blocked.
 */

const nest = (levels: number): string => {
  // Alternates articles and people, as the reproduction in issue 9 does.
  let selection = levels % 2 === 0 ? 'name' : 'title';
  for (let level = levels - 1; level >= 1; level -= 1) {
    selection = level % 2 === 1 ? `title mentionedPersons { ${selection} }` : `name mentionedInArticles { ${selection} }`;
  }
  return `{ newsArticles { ${selection} } }`;
};

const aliases = (count: number): string =>
  `{ ${Array.from({ length: count }, (_, index) => `a${index}: newsArticles(pagination: { limit: 100 }) { title }`).join(' ')} }`;

type Attack = { name: string; method: 'GET' | 'POST'; path: string; body?: string; timeoutMs: number };

const gql = (name: string, query: string, timeoutMs = 120_000): Attack => ({
  name,
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify({ query }),
  timeoutMs,
});

const ATTACKS: Attack[] = [
  gql('GraphQL, 5 nested relation levels', nest(5)),
  gql('GraphQL, 6 nested relation levels', nest(6)),
  gql('GraphQL, 7 nested relation levels', nest(7)),
  gql('GraphQL, 300 aliases of a list of 100', aliases(300)),
  gql('GraphQL, 300 short aliases of a list of 25', `{ ${Array.from({ length: 300 }, (_, index) => `a${index}:newsArticles{title}`).join(' ')} }`),
  gql('GraphQL, fragment cycle', 'fragment A on NewsArticle { title ...A } { newsArticles { ...A } }'),
  gql(
    'GraphQL, list page of 100 articles with people, positions and organisations (legitimate)',
    '{ newsArticles(pagination: { pageSize: 100 }) { title slug source { publisherName publisher { name } } mentionedPersons { name positions { title organisation { name } } } quotes { text speaker { name } } } }'
  ),
  {
    name: 'REST, populate * at the fourth level, 10 articles',
    method: 'GET',
    path: '/api/news-articles?pagination[pageSize]=10&populate[mentionedOrganisations][populate][mentionedInArticles][populate][mentionedOrganisations][populate]=*',
    timeoutMs: 120_000,
  },
  {
    name: 'REST, three populate levels without *, 10 articles',
    method: 'GET',
    path: '/api/news-articles?pagination[pageSize]=10&populate[mentionedOrganisations][populate][mentionedInArticles][populate][mentionedOrganisations]=true',
    timeoutMs: 120_000,
  },
  { name: 'REST, article list page of 100 (default populate, legitimate)', method: 'GET', path: '/api/news-articles?pagination[pageSize]=100', timeoutMs: 120_000 },
  gql(
    'GraphQL, worst allowed: 100 articles x 100 people x 25 articles each, and 100 organisations (270,100 rows estimated)',
    WORST_GRAPHQL
  ),
  {
    name: 'REST, worst allowed: 100 articles, three levels, one list per path',
    method: 'GET',
    path: WORST_REST,
    timeoutMs: 120_000,
  },
];

type Outcome = { status: number | string; bytes: number; ms: number; message: string };

const send = async (base: string, attack: Attack): Promise<Outcome> => {
  const started = performance.now();
  try {
    const response = await fetch(`${base}${attack.path}`, {
      method: attack.method,
      headers: attack.body === undefined ? {} : { 'content-type': 'application/json' },
      body: attack.body,
      signal: AbortSignal.timeout(attack.timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let message = '';
    try {
      const parsed = JSON.parse(text) as { errors?: Array<{ message: string }>; error?: { message: string } };
      message = parsed.errors?.[0]?.message ?? parsed.error?.message ?? '';
    } catch {
      message = text.slice(0, 80);
    }
    return { status: response.status, bytes: Buffer.byteLength(text), ms, message: message.slice(0, 160) };
  } catch (error) {
    return { status: error instanceof Error ? error.name : 'error', bytes: 0, ms: performance.now() - started, message: String(error).slice(0, 160) };
  }
};

const probeWhile = (base: string, running: Promise<unknown>): Promise<number> => {
  let worst = 0;
  let done = false;
  void running.finally(() => {
    done = true;
  });
  const loop = async (): Promise<number> => {
    while (!done) {
      const started = performance.now();
      try {
        await fetch(`${base}/api/organisations?pagination[pageSize]=1`, { signal: AbortSignal.timeout(130_000) });
      } catch {
        // A dead server shows up in the attack's outcome.
      }
      worst = Math.max(worst, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return worst;
  };
  return loop();
};

type ServerMessage = { type: string; rss?: number };

const serve = async (): Promise<void> => {
  const { loadStrapi } = require('./workers/boot') as typeof import('./workers/boot');
  const strapi = await loadStrapi();
  await strapi.start();
  let peak = process.memoryUsage().rss;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100).unref();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'measure') {
      process.send?.({ type: 'measure', rss: Math.max(peak, process.memoryUsage().rss) });
      peak = process.memoryUsage().rss;
    }
  });
  process.send?.({ type: 'ready' });
};

const measure = async (database: string, heapMb: number): Promise<void> => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child = undefined as ReturnType<typeof fork> | undefined;
  const start = async () => {
    child = fork(__filename, ['--serve'], {
      execArgv: ['-r', 'esbuild-register', `--max-old-space-size=${heapMb}`],
      env: { ...process.env, DATABASE_FILENAME: path.resolve(database), PORT: String(port), HOST: '127.0.0.1', RESPONSE_CACHE: 'false' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.once('exit', (code, signal) => console.log(`  server exited (${code ?? signal}) ${stderr.split('\n').filter((line) => /heap|Error/i.test(line)).slice(0, 2).join(' | ')}`));
    await new Promise<void>((resolve, reject) => {
      child?.once('message', () => resolve());
      child?.once('exit', () => reject(new Error('server died while booting')));
    });
  };
  const ask = () =>
    new Promise<ServerMessage>((resolve) => {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return resolve({ type: 'dead' });
      const timer = setTimeout(() => resolve({ type: 'no answer' }), 5_000);
      child.once('message', (message: ServerMessage) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.send({ type: 'measure' });
    });
  await start();
  console.log(`| Query | Status | Time | Size | Peak RSS | Slowest concurrent probe | Message |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const attack of ATTACKS) {
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) await start();
    await ask();
    const running = send(base, attack);
    const probe = probeWhile(base, running);
    const outcome = await running;
    const worstProbe = await probe;
    const server = await ask();
    const rss = server.rss === undefined ? server.type : `${Math.round(server.rss / 2 ** 20)} MiB`;
    const size = outcome.bytes > 2 ** 20 ? `${(outcome.bytes / 2 ** 20).toFixed(1)} MiB` : `${(outcome.bytes / 1024).toFixed(1)} KiB`;
    console.log(
      `| ${attack.name} | ${outcome.status} | ${Math.round(outcome.ms)} ms | ${size} | ${rss} | ${Math.round(worstProbe)} ms | ${outcome.message.replace(/\|/g, '/')} |`
    );
  }
  child?.kill('SIGTERM');
};

if (process.argv.includes('--serve')) {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  const [database, heap] = process.argv.slice(2);
  if (database === undefined) {
    console.error('usage: bench/hostile-queries.ts DATABASE_FILE [HEAP_MB]');
    process.exit(2);
  }
  measure(database, Number(heap ?? 1024)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
