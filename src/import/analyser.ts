import fs from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import { analyse } from './analyse';
import type { AnalysedDocument } from './resolve';
import type { RawPage, Result } from './types';

/**
 * Runs the pure stages (decode → clean → parse → extract) for the importer. Inline, they take turns
 * with the writes on one core. On a worker thread, the next pages are analysed on another core while
 * a batch is written: about a sixth of a bulk import's time (bench/ and README, Performance).
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

/** Analyses on a worker thread. A worker that dies breaks the run: every page waiting on it fails with it. */
export const workerAnalyser = (): Analyser => {
  const worker = new Worker(WORKER_FILE);
  const waiting = new Map<number, { resolve: (result: Result<AnalysedDocument>) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let broken: Error | null = null;
  const failAll = (error: Error) => {
    broken = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (response: AnalyseResponse) => {
    const caller = waiting.get(response.id);
    if (caller === undefined) return;
    waiting.delete(response.id);
    if ('error' in response) caller.reject(new Error(`analysing a page failed: ${response.error}`));
    else caller.resolve(response.result);
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => {
    if (waiting.size > 0 || code !== 0) failAll(new Error(`the analysis worker stopped (exit code ${code})`));
  });
  return {
    analyse: (raw) =>
      new Promise((resolve, reject) => {
        if (broken !== null) {
          reject(broken);
          return;
        }
        const id = nextId;
        nextId += 1;
        waiting.set(id, { resolve, reject });
        const request: AnalyseRequest = { id, file: raw.file, bytes: raw.bytes };
        worker.postMessage(request);
      }),
    close: async () => {
      waiting.clear();
      await worker.terminate();
    },
  };
};
