/**
 * The heap an import runs with.
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
 */
const DEFAULT_IMPORT_HEAP_MB = 1536;
const HEAP_FLAG = '--max-old-space-size';

/** The heap limit in MiB, from IMPORT_MAX_HEAP_MB or the default. */
const importHeapMb = (env = process.env) => {
  const raw = env.IMPORT_MAX_HEAP_MB;
  if (raw === undefined || raw.trim() === '') return DEFAULT_IMPORT_HEAP_MB;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 256) throw new Error(`IMPORT_MAX_HEAP_MB must be a whole number of MiB, at least 256, not "${raw}"`);
  return value;
};

/** The node flags an import process is started with. */
const importNodeFlags = (env = process.env) => [`${HEAP_FLAG}=${importHeapMb(env)}`];

/**
 * Whether a process must be started again to get the import's heap: not when it already has a heap
 * limit of its own choosing (on its command line or in NODE_OPTIONS), which is respected.
 */
const needsImportHeap = (execArgv = process.execArgv, env = process.env) =>
  !execArgv.some((flag) => flag.startsWith(HEAP_FLAG)) && !(env.NODE_OPTIONS ?? '').includes(HEAP_FLAG);

module.exports = { DEFAULT_IMPORT_HEAP_MB, importHeapMb, importNodeFlags, needsImportHeap };
