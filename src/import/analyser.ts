import fs from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import { analyse } from './analyse';
import type { AnalysedDocument } from './resolve';
import type { RawPage, Result } from './types';

/**
 * Runs the pure stages (decode → clean → parse → extract) for the importer. Inline, they take turns
 * with the writes on one core, and in a server with every request. On a worker thread, the next
 * pages are analysed on another core while a batch is written (about a sixth of a bulk import's
 * time, see bench/ and README, Performance), and a server's event loop stays free for readers.
 */
export type Analyser = {
  analyse: (raw: RawPage) => Promise<Result<AnalysedDocument>>;
  close: () => Promise<void>;
};

export type AnalyseRequest = { id: number; file: string; bytes: Uint8Array };
export type AnalyseResponse = { id: number; result: Result<AnalysedDocument> } | { id: number; error: string };

export const inlineAnalyser = (): Analyser => ({
  analyse: async (raw) => analyse(raw),
  close: async () => undefined,
});

const WORKER_FILE = path.join(__dirname, 'analyse-worker.js');

/** The worker runs compiled code; from TypeScript sources (ts-jest, esbuild-register) it cannot start. */
export const canAnalyseInWorker = (): boolean => fs.existsSync(WORKER_FILE);

/**
 * Bounds for the analysis thread: a page that needs more memory than this ends the thread (and
 * fails that page), not the process around it.
 */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 1024, stackSizeMb: 8 };

export type WorkerLimits = typeof WORKER_LIMITS;

type Waiting = { request: AnalyseRequest; resolve: (result: Result<AnalysedDocument>) => void };

const pageFailure = (file: string, message: string): Result<AnalysedDocument> => ({ ok: false, problem: { file, message } });

/**
 * Analyses on a worker thread. The thread answers requests in order, so when it dies the oldest
 * page waiting is the one it died on: that page fails, and the pages queued behind it are sent to a
 * new thread. Whatever a page does, it fails alone.
 */
export const workerAnalyser = (limits: WorkerLimits = WORKER_LIMITS): Analyser => {
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let closed = false;
  // Started when a page needs it, so a thread that dies idle is replaced by the next page, not in a loop.
  let worker: Worker | null = null;

  const start = (): Worker => {
    const thread = new Worker(WORKER_FILE, { resourceLimits: limits });
    worker = thread;
    thread.on('message', (response: AnalyseResponse) => {
      const caller = waiting.get(response.id);
      if (caller === undefined) return;
      waiting.delete(response.id);
      if ('error' in response) caller.resolve(pageFailure(caller.request.file, `the page could not be analysed (${response.error.split('\n')[0]})`));
      else caller.resolve(response.result);
    });
    // 'error' is followed by 'exit'; the exit decides what happens to the waiting pages.
    let failure = '';
    thread.on('error', (error) => {
      failure = error.message.split('\n')[0];
    });
    thread.on('exit', (code) => {
      if (closed || thread !== worker) return;
      worker = null;
      const [first, ...rest] = [...waiting.values()];
      if (first === undefined) return;
      waiting.delete(first.request.id);
      const why = failure !== '' ? failure : `exit code ${code}`;
      first.resolve(pageFailure(first.request.file, `analysing the page stopped the analysis thread (${why}); nothing was imported from it`));
      if (rest.length === 0) return;
      const next = start();
      for (const queued of rest) next.postMessage(queued.request);
    });
    return thread;
  };

  return {
    analyse: (raw) =>
      new Promise((resolve) => {
        const id = nextId;
        nextId += 1;
        const request: AnalyseRequest = { id, file: raw.file, bytes: raw.bytes };
        waiting.set(id, { request, resolve });
        (worker ?? start()).postMessage(request);
      }),
    close: async () => {
      closed = true;
      for (const { request, resolve } of waiting.values()) resolve(pageFailure(request.file, 'the import ended before the page was analysed'));
      waiting.clear();
      await worker?.terminate();
    },
  };
};
