/**
 * The memory an import process runs with, and starting one with it.
 *
 * Left to itself, V8 sizes a process's heap from the machine's memory: on a machine with several
 * gigabytes it lets the heap grow to four times what is live before it collects. An import allocates
 * fast and keeps little (Strapi and its index of known records, some 300 MiB at 20,000 pages), so
 * most of its memory was garbage waiting for a collection, and the longer the run the more of it:
 * a 3,000-page import peaked at 1,107 MiB of RSS with the default heap and at 701 MiB with this one,
 * in about the same time. Under a 2 GiB limit V8 grows the heap by at most about twice what is live.
 *
 * IMPORT_MAX_HEAP_MB raises it for a site whose import needs more (a run that outgrows it stops with
 * V8's "heap out of memory", and writes nothing after its last committed batch).
 *
 * Under that limit V8 still lets the heap grow by up to about twice what is live, and more as the run
 * goes on. An import's live heap is Strapi plus a bounded index, so what grows is mostly garbage
 * between collections. Capping the growth at a quarter over what is live keeps the heap near what
 * the run holds, at any size of corpus, unlike a lower fixed limit, which a larger site would hit
 * (3,000 pages, side by side with a growth of a half: V8's heap stayed at 264 to 288 MiB against 287
 * to 326, peak RSS 574 against 620 MiB, in the same time, 248 s).
 *
 * Outside V8's heap, glibc gives threads that allocate at once malloc arenas of their own, up to
 * eight per core. An import's threads (the main one, the analysis thread, libuv's pool, which runs
 * SQLite's statements) each fragment theirs, and the memory freed in one arena is not reused by the
 * others: native memory grew with the length of the run. Two arenas keep it near what is in use
 * (6,000 pages: 314 to 367 MiB outside the heap with glibc's default, 282 to 314 with two). A
 * MALLOC_ARENA_MAX already set is kept; other C libraries ignore it.
 */
const { spawn } = require('child_process');
const os = require('os');

const DEFAULT_IMPORT_HEAP_MB = 1536;
const HEAP_FLAG = '--max-old-space-size';
/** How far past what is live V8 may let the heap grow before it collects, in percent. */
const IMPORT_HEAP_GROWTH_PERCENT = 25;
const IMPORT_MALLOC_ARENAS = '2';
/** Set in an import process started again, so that it dies with the process that started it. */
const WRAPPED = 'NEWSROOM_IMPORT_WRAPPED';

/** The heap limit in MiB, from IMPORT_MAX_HEAP_MB or the default. */
const importHeapMb = (env = process.env) => {
  const raw = env.IMPORT_MAX_HEAP_MB;
  if (raw === undefined || raw.trim() === '') return DEFAULT_IMPORT_HEAP_MB;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 256) throw new Error(`IMPORT_MAX_HEAP_MB must be a whole number of MiB, at least 256, not "${raw}"`);
  return value;
};

/** The node flags an import process is started with. */
const importNodeFlags = (env = process.env) => [`${HEAP_FLAG}=${importHeapMb(env)}`, `--heap-growing-percent=${IMPORT_HEAP_GROWTH_PERCENT}`];

/** The environment an import process is started with: `env` and its malloc arenas. */
const importEnv = (env = process.env) => ({ ...env, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? IMPORT_MALLOC_ARENAS });

/**
 * Whether a process must be started again to get the import's heap: not when it already has a heap
 * limit of its own choosing (on its command line or in NODE_OPTIONS), which is respected.
 */
const needsImportHeap = (execArgv = process.execArgv, env = process.env) =>
  !execArgv.some((flag) => flag.startsWith(HEAP_FLAG)) && !(env.NODE_OPTIONS ?? '').includes(HEAP_FLAG);

/**
 * Runs `script` again, with the same arguments, as an import process. The child has the terminal;
 * this process only waits for it and passes on a signal sent to it alone, so stopping it stops the
 * import (whose batch in progress is rolled back), and its exit status is the import's. A bad
 * IMPORT_MAX_HEAP_MB exits 2 before anything runs.
 */
const restartAsImport = (script) => {
  let flags;
  try {
    flags = importNodeFlags();
  } catch (error) {
    console.error(`import: ${error.message}`);
    process.exit(2);
  }
  const child = spawn(process.execPath, [...process.execArgv, ...flags, script, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...importEnv(), [WRAPPED]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 3 : 128 + (os.constants.signals[signal] ?? 0))));
};

/**
 * In the import started again: it dies with the process that started it, as it would have had it
 * been that process. A SIGKILL cannot be passed on, and an import left running would hold the
 * database's import lock with nobody to report to. Its channel to that process closes when it dies.
 */
const dieWithParent = () => {
  if (process.env[WRAPPED] !== '1' || process.channel === undefined) return;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
};

module.exports = { DEFAULT_IMPORT_HEAP_MB, IMPORT_HEAP_GROWTH_PERCENT, IMPORT_MALLOC_ARENAS, importHeapMb, importNodeFlags, importEnv, needsImportHeap, restartAsImport, dieWithParent };
